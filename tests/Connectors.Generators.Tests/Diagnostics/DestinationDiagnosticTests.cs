using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>The destination rules: a write method, callable hooks, sync modes the class can implement, members of the right kind.</summary>
public sealed class DestinationDiagnosticTests
{
    private const string Write = "[Write] public void Write(DestinationStream stream, RecordBatch batch) { }";

    /// <summary>The destination class <c>TestDestination</c> with exactly <paramref name="members"/>.</summary>
    private static string Destination(string members) => Usings + $$"""

        [Connector("destination-test", Kind = ConnectorKind.Destination)]
        public partial class TestDestination
        {
            {{members}}
        }
        """;

    [Fact]
    public async Task CONN0018_destination_without_write_method() =>
        await AnalyzerHarness.AssertReportedAsync(Destination("[ConfigProperty] public string Path { get; set; } = \"\";"), "CONN0018", "TestDestination");

    [Fact]
    public async Task CONN0018_fixed() => await AnalyzerHarness.AssertCleanAsync(Destination(Write));

    [Theory]
    [InlineData("[Write] public int Write(DestinationStream stream, RecordBatch batch) => 0;")]
    [InlineData("[Write] public Task<int> Write(DestinationStream stream, RecordBatch batch) => Task.FromResult(0);")]
    [InlineData("[Write] public void Write(DestinationStream stream) { }")]
    [InlineData("[Write] public void Write(RecordBatch batch) { }")]
    [InlineData("[Write] public void Write(DestinationStream stream, RecordBatch batch, string table) { }")]
    [InlineData("[Write] public void Write(DestinationStream stream, RecordBatch batch, StreamContext context) { }")]
    [InlineData("[Write] public void Write<T>(DestinationStream stream, RecordBatch batch) { }")]
    [InlineData("[Write] public async void Write(DestinationStream stream, RecordBatch batch) => await Task.Yield();")]
    public async Task CONN0019_write_method_the_runtime_cannot_call(string write) =>
        await AnalyzerHarness.AssertReportedAsync(Destination(write), "CONN0019", "Write");

    [Theory]
    [InlineData("[Write] public void Write(RecordBatch batch, CancellationToken cancellationToken, DestinationStream stream, ILogger logger) { }")]
    [InlineData("[Write] public Task Write(DestinationStream stream, RecordBatch batch) => Task.CompletedTask;")]
    [InlineData("[Write] public ValueTask Write(DestinationStream stream, RecordBatch batch) => default;")]
    [InlineData("[Write] public static void Write(DestinationStream stream, RecordBatch batch) { }")]
    public async Task CONN0019_fixed(string write) => await AnalyzerHarness.AssertCleanAsync(Destination(write));

    [Theory]
    [InlineData("DestinationSyncModes.Append | DestinationSyncModes.Overwrite")]
    [InlineData("DestinationSyncModes.None")]
    [InlineData("(DestinationSyncModes)8")]
    public async Task CONN0020_sync_mode_the_destination_cannot_implement(string modes) =>
        await AnalyzerHarness.AssertReportedAsync(
            Destination($"[Write(SyncModes = {modes})] public void Write(DestinationStream stream, RecordBatch batch) {{ }}"), "CONN0020", modes);

    [Fact]
    public async Task CONN0020_fixed() => await AnalyzerHarness.AssertCleanAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
            public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd] public void End(DestinationStream stream) { }
        """));

    [Theory]
    [InlineData("[StreamStart] public void Start() { }", "Start")]
    [InlineData("[StreamStart] public void Start(DestinationStream stream, RecordBatch batch) { }", "Start")]
    [InlineData("[StreamEnd] public int End(DestinationStream stream) => 0;", "End")]
    [InlineData("[StreamEnd] public void End(DestinationStream stream, StreamIncompleteReason reason) { }", "End")]
    [InlineData("[StreamIncomplete] public void Incomplete(StreamIncompleteReason reason) { }", "Incomplete")]
    [InlineData("[StreamIncomplete] public void Incomplete(DestinationStream stream, bool completed) { }", "Incomplete")]
    [InlineData("[Commit] public void Commit(DestinationStream stream) { }", "Commit")]
    [InlineData("[Commit] public Task<bool> Commit() => Task.FromResult(true);", "Commit")]
    public async Task CONN0021_hook_the_runtime_cannot_call(string hook, string name) =>
        await AnalyzerHarness.AssertReportedAsync(Destination(Write + "\n    " + hook), "CONN0021", name);

    [Fact]
    public async Task CONN0021_fixed() => await AnalyzerHarness.AssertCleanAsync(Destination(Write + """

            [StreamStart] public Task Start(DestinationStream stream, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

            [StreamEnd] public ValueTask End(CancellationToken cancellationToken, DestinationStream stream) => default;

            [StreamIncomplete] public Task Incomplete(StreamIncompleteReason reason, DestinationStream stream, ILogger logger) => Task.CompletedTask;

            [Commit] public static void Commit(ILogger logger) { }
        """));

    [Fact]
    public async Task CONN0022_two_methods_of_a_kind() => await AnalyzerHarness.AssertReportedAsync(Destination(Write + """

            [Write] public void WriteAgain(DestinationStream stream, RecordBatch batch) { }

            [Commit] public void Commit() { }

            [Commit] public void CommitAgain() { }

            [StreamIncomplete] public void Incomplete(DestinationStream stream) { }

            [StreamIncomplete] public void IncompleteAgain(DestinationStream stream) { }
        """), "CONN0022", "WriteAgain", "CommitAgain", "IncompleteAgain");

    [Fact]
    public async Task CONN0022_fixed() => await AnalyzerHarness.AssertCleanAsync(Destination(Write + "\n    [Commit] public void Commit() { }"));

    [Fact]
    public async Task CONN0023_stream_in_a_destination() =>
        await AnalyzerHarness.AssertReportedAsync(Destination(Write + "\n    " + Stream), "CONN0023", "Items");

    [Fact]
    public async Task CONN0023_destination_method_in_a_source() =>
        await AnalyzerHarness.AssertReportedAsync(Valid("[Commit] public void Commit() { }"), "CONN0023", "Commit");

    [Fact]
    public async Task CONN0023_incomplete_hook_in_a_source() =>
        await AnalyzerHarness.AssertReportedAsync(Valid("[StreamIncomplete] public void Incomplete(DestinationStream stream) { }"), "CONN0023", "Incomplete");

    [Fact]
    public async Task CONN0023_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid());

    [Fact]
    public async Task CONN0060_one_method_for_a_complete_and_an_incomplete_stream() => await AnalyzerHarness.AssertReportedAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Overwrite)] public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd, StreamIncomplete] public void Finish(DestinationStream stream) { }
        """), "CONN0060", "Finish");

    [Fact]
    public async Task CONN0060_fixed() => await AnalyzerHarness.AssertCleanAsync(Destination("""
        [Write(SyncModes = DestinationSyncModes.Overwrite)] public void Write(DestinationStream stream, RecordBatch batch) { }

            [StreamEnd] public void End(DestinationStream stream) { }

            [StreamIncomplete] public void Incomplete(DestinationStream stream) { }
        """));
}
