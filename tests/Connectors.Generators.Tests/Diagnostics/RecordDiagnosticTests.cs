using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about record types: CONN0011.</summary>
public sealed class RecordDiagnosticTests
{
    private static string WithRecord(string record) =>
        Connector(Check + "\n[Stream(\"things\")] public IEnumerable<Thing> Things() => [];", types: record + "\n");

    [Theory]
    [InlineData("public sealed record Thing(long Id, object Payload);", "Payload", "object")]
    [InlineData("public sealed record Thing(long Id, char Initial);", "Initial", "char")]
    [InlineData("public sealed record Thing(long Id, (int, int) Pair);", "Pair", "(int, int)")]
    [InlineData("public sealed record Thing(long Id, Action Callback);", "Callback", "System.Action")]
    [InlineData("public sealed record Thing(long Id, Empty Nothing); public sealed class Empty { }", "Nothing", "Sample.Empty")]
    public async Task CONN0011_member_the_serializer_cannot_write(string record, string member, string type)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(WithRecord(record), "CONN0011", member);

        Assert.StartsWith($"The member '{member}' of record type 'Sample.Thing' has type '{type}'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0011_recursive_type()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            WithRecord("public sealed record Thing(long Id, Node Root); public sealed record Node(string Name, List<Node> Children);"),
            "CONN0011", "Children");

        Assert.EndsWith("it contains itself, which a JSON Schema without $ref cannot describe", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0011_two_members_with_one_JSON_name()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            WithRecord("public sealed class Thing { public long UserId { get; init; } [System.Text.Json.Serialization.JsonPropertyName(\"user_id\")] public long Owner { get; init; } }"),
            "CONN0011", "Owner");

        Assert.EndsWith("its JSON name 'user_id' is already used by 'UserId'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0011_fixed() => await AnalyzerHarness.AssertCleanAsync(
        WithRecord("public sealed record Thing(long Id, string Initial, Node Root, Dictionary<string, string> ByName); public sealed record Node(string Name, List<Leaf> Children); public sealed record Leaf(string Name);"));
}
