using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>The destination rules: a write method, callable hooks, sync modes the class can implement, members of the right kind.</summary>
public sealed class DestinationDiagnosticTests
{
    private const string Write = "[Write] public void Write(DestinationStream stream, RecordBatch batch) { }";

    // What CONN0019 and CONN0021 say a method of each kind may take.
    private const string WriteRule = "; a write method returns void, Task or ValueTask and takes a DestinationStream and a RecordBatch, and optionally CancellationToken and ILogger";
    private const string StreamHookRule = "; it returns void, Task or ValueTask and takes a DestinationStream, and optionally CancellationToken and ILogger";
    private const string IncompleteRule = "; it returns void, Task or ValueTask and takes a DestinationStream, and optionally StreamIncompleteReason, CancellationToken and ILogger";
    private const string CommitRule = "; it returns void, Task or ValueTask and takes only CancellationToken and ILogger";

    /// <summary>The destination class <c>TestDestination</c> (as <paramref name="name"/> writes it) with exactly <paramref name="members"/>.</summary>
    private static string Destination(string members, string name = "TestDestination") => Usings + $$"""

        [Connector("destination-test", Kind = ConnectorKind.Destination)]
        public partial class {{name}}
        {
            {{members}}
        }
        """;

    [Fact]
    public async Task CONN0018_destination_without_write_method() =>
        await VerifyAsync(Destination("[ConfigProperty] public string Path { get; set; } = \"\";", "{|#0:TestDestination|}"),
            Diagnostic("CONN0018").WithLocation(0).WithMessage("The destination 'destination-test' has no [Write] method, so it cannot receive records"));

    [Fact]
    public async Task CONN0018_fixed() => await VerifyCleanAsync(Destination(Write));

    // The first problem found is the one named: the signature before the parameters, the first parameter the runtime cannot supply.
    [Theory]
    [InlineData("[Write] public int {|#0:Write|}(DestinationStream stream, RecordBatch batch) => 0;", "it returns 'int'")]
    [InlineData("[Write] public Task<int> {|#0:Write|}(DestinationStream stream, RecordBatch batch) => Task.FromResult(0);",
        "it returns 'System.Threading.Tasks.Task<int>'")]
    [InlineData("[Write] public void {|#0:Write|}(DestinationStream stream) { }", "it takes no RecordBatch, so it cannot receive records")]
    [InlineData("[Write] public void {|#0:Write|}(RecordBatch batch) { }", "it takes no DestinationStream, so it cannot tell which stream it handles")]
    [InlineData("[Write] public void {|#0:Write|}(DestinationStream stream, RecordBatch batch, string table, int count) { }",
        "the runtime cannot supply parameter 'table' of type 'string'")]
    [InlineData("[Write] public void {|#0:Write|}(DestinationStream stream, RecordBatch batch, StreamContext context) { }",
        "the runtime cannot supply parameter 'context' of type 'Connectors.StreamContext'")]
    [InlineData("[Write] public void {|#0:Write|}(DestinationStream stream, ref RecordBatch batch) { }",
        "the runtime cannot supply parameter 'batch' of type 'Connectors.RecordBatch'")]
    [InlineData("[Write] public int {|#0:Write|}<T>(DestinationStream stream, RecordBatch batch, string table) => 0;", "it is generic")]
    [InlineData("[Write] public async void {|#0:Write|}(DestinationStream stream, RecordBatch batch, string table) => await Task.Yield();",
        "it is async void, so the runtime cannot wait for it")]
    public async Task CONN0019_write_method_the_runtime_cannot_call(string write, string problem) =>
        await AssertMessageAsync(write, "CONN0019", "The write method 'Write' cannot be called by the runtime: " + problem + WriteRule);

    [Theory]
    [InlineData("[Write] public void Write(RecordBatch batch, CancellationToken cancellationToken, DestinationStream stream, ILogger logger) { }")]
    [InlineData("[Write] public Task Write(DestinationStream stream, RecordBatch batch) => Task.CompletedTask;")]
    [InlineData("[Write] public ValueTask Write(DestinationStream stream, RecordBatch batch) => default;")]
    [InlineData("[Write] public static void Write(DestinationStream stream, RecordBatch batch) { }")]
    public async Task CONN0019_fixed(string write) => await VerifyCleanAsync(Destination(write));

    [Theory]
    [InlineData("DestinationSyncModes.Append | DestinationSyncModes.Overwrite",
        "declares Overwrite but has no [StreamEnd] method, where the new data would replace the old once the stream is complete")]
    [InlineData("DestinationSyncModes.None", "declares no destination sync mode; set SyncModes on [Write] to Append, Overwrite and/or AppendDedup")]
    [InlineData("(DestinationSyncModes)9", "declares the sync mode value 8, which is not a DestinationSyncModes flag")]
    public async Task CONN0020_sync_mode_the_destination_cannot_implement(string modes, string problem) =>
        await AssertMessageAsync($"[Write(SyncModes = {{|#0:{modes}|}})] public void Write(DestinationStream stream, RecordBatch batch) {{ }}",
            "CONN0020", "The destination 'destination-test' " + problem);

    // The spec advertises what the class can do: a mode it cannot implement is reported and left out, the rest kept.
    [Theory]
    [InlineData("DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup", "",
        "global::Connectors.DestinationSyncModes.Append | global::Connectors.DestinationSyncModes.AppendDedup")]
    [InlineData("DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup", "[StreamEnd] public void End(DestinationStream stream) { }",
        "global::Connectors.DestinationSyncModes.Overwrite | global::Connectors.DestinationSyncModes.AppendDedup")]
    [InlineData("(DestinationSyncModes)9", "", "global::Connectors.DestinationSyncModes.Append")]
    public void The_generated_destination_declares_only_the_sync_modes_it_can_implement(string declared, string end, string generated)
    {
        var destination = GenerateDestination($"[Write(SyncModes = {declared})] public void Write(DestinationStream stream, RecordBatch batch) {{ }}\n    {end}");

        Assert.Contains($"SyncModes = {generated},", destination);
    }

    [Fact]
    public async Task CONN0020_fixed() => await VerifyCleanAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
            public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd] public void End(DestinationStream stream) { }
        """));

    [Theory]
    [InlineData("[StreamStart] public void {|#0:Start|}() { }",
        "The [StreamStart] method 'Start' cannot be called by the runtime: it takes no DestinationStream, so it cannot tell which stream it handles" + StreamHookRule)]
    [InlineData("[StreamStart] public void {|#0:Start|}(DestinationStream stream, RecordBatch batch) { }",
        "The [StreamStart] method 'Start' cannot be called by the runtime: the runtime cannot supply parameter 'batch' of type 'Connectors.RecordBatch'" + StreamHookRule)]
    [InlineData("[StreamEnd] public int {|#0:End|}(DestinationStream stream) => 0;",
        "The [StreamEnd] method 'End' cannot be called by the runtime: it returns 'int'" + StreamHookRule)]
    [InlineData("[StreamEnd] public void {|#0:End|}(DestinationStream stream, StreamIncompleteReason reason) { }",
        "The [StreamEnd] method 'End' cannot be called by the runtime: the runtime cannot supply parameter 'reason' of type 'Connectors.StreamIncompleteReason'" + StreamHookRule)]
    [InlineData("[StreamIncomplete] public void {|#0:Incomplete|}(StreamIncompleteReason reason) { }",
        "The [StreamIncomplete] method 'Incomplete' cannot be called by the runtime: it takes no DestinationStream, so it cannot tell which stream it handles" + IncompleteRule)]
    [InlineData("[StreamIncomplete] public void {|#0:Incomplete|}(DestinationStream stream, bool completed) { }",
        "The [StreamIncomplete] method 'Incomplete' cannot be called by the runtime: the runtime cannot supply parameter 'completed' of type 'bool'" + IncompleteRule)]
    [InlineData("[Commit] public void {|#0:Commit|}(DestinationStream stream) { }",
        "The [Commit] method 'Commit' cannot be called by the runtime: the runtime cannot supply parameter 'stream' of type 'Connectors.DestinationStream'" + CommitRule)]
    [InlineData("[Commit] public Task<bool> {|#0:Commit|}() => Task.FromResult(true);",
        "The [Commit] method 'Commit' cannot be called by the runtime: it returns 'System.Threading.Tasks.Task<bool>'" + CommitRule)]
    public async Task CONN0021_hook_the_runtime_cannot_call(string hook, string message) =>
        await AssertMessageAsync(Write + "\n    " + hook, "CONN0021", message);

    [Fact]
    public async Task CONN0021_fixed() => await VerifyCleanAsync(Destination(Write + """

            [StreamStart] public Task Start(DestinationStream stream, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

            [StreamEnd] public ValueTask End(CancellationToken cancellationToken, DestinationStream stream) => default;

            [StreamIncomplete] public Task Incomplete(StreamIncompleteReason reason, DestinationStream stream, ILogger logger) => Task.CompletedTask;

            [Commit] public static void Commit(ILogger logger) { }
        """));

    private const string Duplicates = Write + """

            [Write] public void {|#0:WriteAgain|}(DestinationStream stream, RecordBatch batch) { }

            [Commit] public void Commit() { }

            [Commit] public void {|#1:CommitAgain|}() { }

            [StreamIncomplete] public void Incomplete(DestinationStream stream) { }

            [StreamIncomplete] public void {|#2:IncompleteAgain|}(DestinationStream stream) { }
        """;

    [Fact]
    public async Task CONN0022_two_methods_of_a_kind() => await VerifyAsync(Destination(Duplicates),
        Diagnostic("CONN0022").WithLocation(0).WithMessage("The destination already has the [Write] method 'Write'; a destination has at most one"),
        Diagnostic("CONN0022").WithLocation(1).WithMessage("The destination already has the [Commit] method 'Commit'; a destination has at most one"),
        Diagnostic("CONN0022").WithLocation(2).WithMessage("The destination already has the [StreamIncomplete] method 'Incomplete'; a destination has at most one"));

    [Fact]
    public void CONN0022_the_first_method_of_a_kind_is_the_one_the_runtime_calls()
    {
        var destination = GenerateDestination(Duplicates);

        Assert.Contains("connector.Write(request.Stream, request.Batch);", destination);
        Assert.Contains("connector.Commit()", destination);
        Assert.Contains("connector.Incomplete(", destination);
        Assert.DoesNotContain("Again", destination);
    }

    [Fact]
    public async Task CONN0022_fixed() => await VerifyCleanAsync(Destination(Write + "\n    [Commit] public void Commit() { }"));

    [Fact]
    public async Task CONN0023_stream_in_a_destination() =>
        await AssertMessageAsync(Write + "\n    [Stream(\"items\")] public IEnumerable<Item> {|#0:Items|}() => [];", "CONN0023",
            "The method 'Items' is marked [Stream], which a destination does not use; a destination receives its streams from the catalog and writes them in its [Write] method");

    // The destination's parse reads no [DiscoverStreams] family at all: without CONN0023 the method was ignored silently.
    [Fact]
    public async Task CONN0023_discovered_streams_in_a_destination() =>
        await AssertMessageAsync(Write + """

            [DiscoverStreams(nameof(ReadTable))]
            public IEnumerable<Connectors.Runtime.StreamDescription> {|#0:Tables|}() => [];

            public void ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) { }
        """, "CONN0023",
            "The method 'Tables' is marked [DiscoverStreams], which a destination does not use; a destination receives its streams from the catalog and writes them in its [Write] method");

    private const string InSource = "], which a source does not use; set Kind = ConnectorKind.Destination on [Connector] to make the class a destination";

    [Theory]
    [InlineData("[Write] public void {|#0:Write|}(DestinationStream stream, RecordBatch batch) { }", "The method 'Write' is marked [Write" + InSource)]
    [InlineData("[StreamStart] public void {|#0:Begin|}(DestinationStream stream) { }", "The method 'Begin' is marked [StreamStart" + InSource)]
    [InlineData("[StreamEnd] public void {|#0:End|}(DestinationStream stream) { }", "The method 'End' is marked [StreamEnd" + InSource)]
    [InlineData("[StreamIncomplete] public void {|#0:Incomplete|}(DestinationStream stream) { }", "The method 'Incomplete' is marked [StreamIncomplete" + InSource)]
    [InlineData("[Commit] public void {|#0:Commit|}() { }", "The method 'Commit' is marked [Commit" + InSource)]
    public async Task CONN0023_destination_method_in_a_source(string member, string message) =>
        await VerifyAsync(Valid(member), Diagnostic("CONN0023").WithLocation(0).WithMessage(message));

    [Fact]
    public async Task CONN0023_fixed() => await VerifyCleanAsync(Valid());

    [Fact]
    public async Task CONN0060_one_method_for_a_complete_and_an_incomplete_stream() => await VerifyAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Overwrite)] public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd, StreamIncomplete] public void {|CONN0060:Finish|}(DestinationStream stream) { }
        """));

    [Fact]
    public async Task CONN0060_fixed() => await VerifyCleanAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Overwrite)] public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd] public void End(DestinationStream stream) { }

            [StreamIncomplete] public void Incomplete(DestinationStream stream) { }
        """));

    private static Task AssertMessageAsync(string members, string id, string message) =>
        VerifyAsync(Destination(members), Diagnostic(id).WithLocation(0).WithMessage(message));

    /// <summary>The generated <c>Destination.g.cs</c> of <c>TestDestination</c> with <paramref name="members"/> (markup removed).</summary>
    private static string GenerateDestination(string members)
    {
        var run = GeneratorHarness.Run(WithoutMarkup(Destination(members)));
        GeneratorAssert.Succeeds(run);
        return run.Result.GeneratedSources.Single(s => s.HintName == "Sample.TestDestination.Destination.g.cs").SourceText.ToString();
    }
}
