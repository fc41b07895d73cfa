using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// The Airbyte host renders the generator's neutral schemas with Airbyte's keywords (<c>airbyte_secret</c>,
/// <c>airbyte_hidden</c>, <c>airbyte_type</c>): <c>spec</c> and <c>discover</c> print exactly the bytes they printed when the
/// generator wrote those keywords itself (<c>Expected/*.jsonl</c>, captured from that version and never regenerated).
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class AirbyteSchemaOutputTests(ShopConnector shop) : IClassFixture<KeywordsConnector>
{
    [Fact]
    public async Task Shop_spec_is_byte_for_byte_what_it_was() =>
        AssertSameAsExpected("source-shop.spec.jsonl", await shop.RunAsync("spec"));

    [Fact]
    public async Task Shop_discover_is_byte_for_byte_what_it_was()
    {
        using var files = new TempDirectory();
        AssertSameAsExpected("source-shop.discover.jsonl",
            await shop.RunAsync("discover", "--config", files.Write("config.json", """{"api_key": "abc-123456"}""")));
    }

    [Fact]
    public async Task Keywords_spec_is_byte_for_byte_what_it_was()
    {
        using var keywords = new KeywordsConnector();
        AssertSameAsExpected("source-keywords.spec.jsonl", await keywords.Connector.RunAsync("spec"));
    }

    [Fact]
    public async Task Keywords_discover_is_byte_for_byte_what_it_was()
    {
        using var keywords = new KeywordsConnector();
        using var files = new TempDirectory();
        AssertSameAsExpected("source-keywords.discover.jsonl",
            await keywords.Connector.RunAsync("discover", "--config", files.Write("config.json", KeywordsConnector.Config)));
    }

    private static void AssertSameAsExpected(string name, HostResult result, [CallerFilePath] string testFile = "")
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Expected", name);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, result.Stdout);
            Assert.Fail($"{path} written: review it and commit it.");
        }
        Assert.Equal(File.ReadAllText(path), result.Stdout);
    }
}
