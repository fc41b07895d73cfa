using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about record types: CONN0011.</summary>
public sealed class RecordDiagnosticTests
{
    private static string WithRecord(string record) =>
        Connector(Check + "\n[Stream(\"things\")] public IEnumerable<Thing> Things() => [];", types: record + "\n");

    private static string Message(string member, string type, string reason = "") =>
        $"The member '{member}' of record type 'Sample.Thing' has type '{type}', which the record serializer cannot write{reason}";

    [Theory]
    [InlineData("public sealed record Thing(long Id, object {|#0:Payload|});", "Payload", "object", "")]
    [InlineData("public sealed record Thing(long Id, char {|#0:Initial|});", "Initial", "char", "")]
    [InlineData("public sealed record Thing(long Id, (int, int) {|#0:Pair|});", "Pair", "(int, int)", "")]
    [InlineData("public sealed record Thing(long Id, Action {|#0:Callback|});", "Callback", "System.Action", "")]
    [InlineData("public sealed record Thing(long Id, Empty {|#0:Nothing|}); public sealed class Empty { }", "Nothing", "Sample.Empty", ": it has no public readable properties")]
    public async Task CONN0011_member_the_serializer_cannot_write(string record, string member, string type, string reason) =>
        await VerifyAsync(WithRecord(record), Diagnostic("CONN0011").WithLocation(0).WithMessage(Message(member, type, reason)));

    [Fact]
    public async Task CONN0011_recursive_type() =>
        await VerifyAsync(
            WithRecord("public sealed record Thing(long Id, Node Root); public sealed record Node(string Name, List<Node> {|#0:Children|});"),
            Diagnostic("CONN0011").WithLocation(0).WithMessage(
                "The member 'Children' of record type 'Sample.Node' has type 'System.Collections.Generic.List<Sample.Node>', which the record serializer cannot write: it contains itself, which a JSON Schema without $ref cannot describe"));

    [Fact]
    public async Task CONN0011_two_members_with_one_JSON_name() =>
        await VerifyAsync(
            WithRecord("public sealed class Thing { public long UserId { get; init; } [System.Text.Json.Serialization.JsonPropertyName(\"user_id\")] public long {|#0:Owner|} { get; init; } }"),
            Diagnostic("CONN0011").WithLocation(0).WithMessage(Message("Owner", "long", ": its JSON name 'user_id' is already used by 'UserId'")));

    [Fact]
    public async Task CONN0011_fixed() => await VerifyCleanAsync(
        WithRecord("public sealed record Thing(long Id, string Initial, Node Root, Dictionary<string, string> ByName); public sealed record Node(string Name, List<Leaf> Children); public sealed record Leaf(string Name);"));
}
