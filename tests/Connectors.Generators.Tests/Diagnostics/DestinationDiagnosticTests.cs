using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>The destination rules: a write method, callable hooks, sync modes the class can implement, members of the right kind.</summary>
public sealed class DestinationDiagnosticTests
{
    private const string Write = "[Write] public void Write(DestinationStream stream, RecordBatch batch) { }";

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

    [Theory]
    [InlineData("[Write] public int {|CONN0019:Write|}(DestinationStream stream, RecordBatch batch) => 0;")]
    [InlineData("[Write] public Task<int> {|CONN0019:Write|}(DestinationStream stream, RecordBatch batch) => Task.FromResult(0);")]
    [InlineData("[Write] public void {|CONN0019:Write|}(DestinationStream stream) { }")]
    [InlineData("[Write] public void {|CONN0019:Write|}(RecordBatch batch) { }")]
    [InlineData("[Write] public void {|CONN0019:Write|}(DestinationStream stream, RecordBatch batch, string table) { }")]
    [InlineData("[Write] public void {|CONN0019:Write|}(DestinationStream stream, RecordBatch batch, StreamContext context) { }")]
    [InlineData("[Write] public void {|CONN0019:Write|}<T>(DestinationStream stream, RecordBatch batch) { }")]
    [InlineData("[Write] public async void {|CONN0019:Write|}(DestinationStream stream, RecordBatch batch) => await Task.Yield();")]
    public async Task CONN0019_write_method_the_runtime_cannot_call(string write) =>
        await VerifyAsync(Destination(write));

    [Theory]
    [InlineData("[Write] public void Write(RecordBatch batch, CancellationToken cancellationToken, DestinationStream stream, ILogger logger) { }")]
    [InlineData("[Write] public Task Write(DestinationStream stream, RecordBatch batch) => Task.CompletedTask;")]
    [InlineData("[Write] public ValueTask Write(DestinationStream stream, RecordBatch batch) => default;")]
    [InlineData("[Write] public static void Write(DestinationStream stream, RecordBatch batch) { }")]
    public async Task CONN0019_fixed(string write) => await VerifyCleanAsync(Destination(write));

    [Theory]
    [InlineData("DestinationSyncModes.Append | DestinationSyncModes.Overwrite")]
    [InlineData("DestinationSyncModes.None")]
    [InlineData("(DestinationSyncModes)8")]
    public async Task CONN0020_sync_mode_the_destination_cannot_implement(string modes) =>
        await VerifyAsync(Destination($"[Write(SyncModes = {{|CONN0020:{modes}|}})] public void Write(DestinationStream stream, RecordBatch batch) {{ }}"));

    [Fact]
    public async Task CONN0020_fixed() => await VerifyCleanAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
            public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd] public void End(DestinationStream stream) { }
        """));

    [Theory]
    [InlineData("[StreamStart] public void {|CONN0021:Start|}() { }")]
    [InlineData("[StreamStart] public void {|CONN0021:Start|}(DestinationStream stream, RecordBatch batch) { }")]
    [InlineData("[StreamEnd] public int {|CONN0021:End|}(DestinationStream stream) => 0;")]
    [InlineData("[StreamEnd] public void {|CONN0021:End|}(DestinationStream stream, StreamIncompleteReason reason) { }")]
    [InlineData("[StreamIncomplete] public void {|CONN0021:Incomplete|}(StreamIncompleteReason reason) { }")]
    [InlineData("[StreamIncomplete] public void {|CONN0021:Incomplete|}(DestinationStream stream, bool completed) { }")]
    [InlineData("[Commit] public void {|CONN0021:Commit|}(DestinationStream stream) { }")]
    [InlineData("[Commit] public Task<bool> {|CONN0021:Commit|}() => Task.FromResult(true);")]
    public async Task CONN0021_hook_the_runtime_cannot_call(string hook) =>
        await VerifyAsync(Destination(Write + "\n    " + hook));

    [Fact]
    public async Task CONN0021_fixed() => await VerifyCleanAsync(Destination(Write + """

            [StreamStart] public Task Start(DestinationStream stream, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

            [StreamEnd] public ValueTask End(CancellationToken cancellationToken, DestinationStream stream) => default;

            [StreamIncomplete] public Task Incomplete(StreamIncompleteReason reason, DestinationStream stream, ILogger logger) => Task.CompletedTask;

            [Commit] public static void Commit(ILogger logger) { }
        """));

    [Fact]
    public async Task CONN0022_two_methods_of_a_kind() => await VerifyAsync(Destination(Write + """

            [Write] public void {|CONN0022:WriteAgain|}(DestinationStream stream, RecordBatch batch) { }

            [Commit] public void Commit() { }

            [Commit] public void {|CONN0022:CommitAgain|}() { }

            [StreamIncomplete] public void Incomplete(DestinationStream stream) { }

            [StreamIncomplete] public void {|CONN0022:IncompleteAgain|}(DestinationStream stream) { }
        """));

    [Fact]
    public async Task CONN0022_fixed() => await VerifyCleanAsync(Destination(Write + "\n    [Commit] public void Commit() { }"));

    [Fact]
    public async Task CONN0023_stream_in_a_destination() =>
        await VerifyAsync(Destination(Write + "\n    [Stream(\"items\")] public IEnumerable<Item> {|CONN0023:Items|}() => [];"));

    // The destination's parse reads no [DiscoverStreams] family at all: without CONN0023 the method was ignored silently.
    [Fact]
    public async Task CONN0023_discovered_streams_in_a_destination() =>
        await VerifyAsync(Destination(Write + """

            [DiscoverStreams(nameof(ReadTable))]
            public IEnumerable<Connectors.Runtime.StreamDescription> {|#0:Tables|}() => [];

            public void ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) { }
        """),
            Diagnostic("CONN0023").WithLocation(0).WithMessage(
                "The method 'Tables' is marked [DiscoverStreams], which a destination does not use; a destination receives its streams from the catalog and writes them in its [Write] method"));

    [Fact]
    public async Task CONN0023_destination_method_in_a_source() =>
        await VerifyAsync(Valid("[Commit] public void {|CONN0023:Commit|}() { }"));

    [Fact]
    public async Task CONN0023_incomplete_hook_in_a_source() =>
        await VerifyAsync(Valid("[StreamIncomplete] public void {|CONN0023:Incomplete|}(DestinationStream stream) { }"));

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
}
