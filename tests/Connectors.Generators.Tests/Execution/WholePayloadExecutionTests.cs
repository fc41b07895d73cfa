using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Execution.CommandResponses;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A command that takes the whole payload as one object (<c>[Payload]</c>), run: the generated reader binds the record's
/// members from the payload's fields, refuses fields the record does not have, and a JsonElement takes any object.
/// </summary>
public sealed class WholePayloadExecutionTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using Connectors;

        namespace Sample;

        public sealed record Ingest(string Folder, int Limit = 10)
        {
            public IReadOnlyList<string> Tags { get; set; } = [];
        }

        public sealed record Summary(string Folder, int Limit, string Tags);

        [Connector("sample-whole")]
        public partial class WholeConnector
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Command("Sample.Ingest")]
            public Summary Run([Payload] Ingest body, CancellationToken cancellationToken) =>
                new(body.Folder, body.Limit, string.Join(",", body.Tags));

            [Command("Sample.Echo")]
            public string Echo([Payload] JsonElement body) => body.GetRawText();
        }
        """;

    [Fact]
    public async Task The_payload_binds_to_the_records_members_with_their_defaults()
    {
        var body = AssertSuccess(await RunAsync("Sample.Ingest", """{"folder": "/data", "tags": ["a", "b"]}"""));

        Assert.Equal("/data", body.GetProperty("folder").GetString());
        Assert.Equal(10, body.GetProperty("limit").GetInt32());
        Assert.Equal("a,b", body.GetProperty("tags").GetString());
    }

    [Fact]
    public async Task A_member_may_be_written_as_declared_in_C_sharp()
    {
        var body = AssertSuccess(await RunAsync("Sample.Ingest", """{"Folder": "/data", "Limit": 3}"""));

        Assert.Equal(3, body.GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("""{"limit": 3}""", "$.folder: required")]
    [InlineData("""{"folder": "/data", "limit": "many"}""", "$.limit: expected an integer")]
    [InlineData("""{"folder": "/data", "limt": 3}""", "$.limt: unknown field. Known fields: folder, limit, tags.")]
    public async Task A_payload_the_record_does_not_take_fails_the_command_naming_the_field(string payload, string problem)
    {
        var message = AssertFailure(await RunAsync("Sample.Ingest", payload));

        Assert.Contains(problem, message);
    }

    [Fact]
    public async Task A_JsonElement_takes_any_payload_object_as_is()
    {
        var body = AssertSuccess(await RunAsync("Sample.Echo", """{"anything": [1, {"goes": true}]}"""));

        Assert.Equal("""{"anything":[1,{"goes":true}]}""", JsonSerializer.Serialize(body));
    }

    [Fact]
    public async Task ListCustomCommands_lists_the_records_members_as_the_payload_schema()
    {
        var body = AssertSuccess(await RunAsync("TetraScience.Connector.ListCustomCommands", "{}"));

        var commands = body.GetProperty("commands").EnumerateArray().ToDictionary(c => c.GetProperty("action").GetString()!);
        var ingest = commands["Sample.Ingest"].GetProperty("payloadSchema");
        Assert.Equal(["folder"], ingest.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["folder", "limit", "tags"], ingest.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(ingest.GetProperty("additionalProperties").GetBoolean());
        Assert.True(commands["Sample.Echo"].GetProperty("payloadSchema").GetProperty("additionalProperties").GetBoolean());
    }

    private static async Task<HostResult> RunAsync(string action, string payload)
    {
        using var connector = LoadedConnector.Load(Source, "Sample.WholeConnector");
        using var files = new TempDirectory();
        return await connector.RunAsync("command", action, "--config", files.Write("config.json", "{}"),
            "--payload", files.Write("payload.json", payload));
    }
}
