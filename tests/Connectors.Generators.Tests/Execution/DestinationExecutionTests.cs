using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A generated destination run in-process: <c>spec</c> advertises the declared sync modes, and <c>write</c> reaches every
/// hook through the generated calls, whatever each returns (void, Task, ValueTask, a static method): <c>[StreamEnd]</c>
/// for a stream whose COMPLETE arrived, <c>[StreamIncomplete]</c> with the reason for one that did not.
/// </summary>
public sealed class DestinationExecutionTests
{
    internal const string Source = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;

        namespace Journal;

        [Connector("destination-journal", Kind = ConnectorKind.Destination)]
        public sealed partial class JournalDestination
        {
            [ConfigProperty] public string Path { get; set; } = "";

            [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite, MaxBatchRecords = 2)]
            public ValueTask Write(DestinationStream stream, RecordBatch batch, CancellationToken cancellationToken)
            {
                Log($"write {stream.Name} {batch.Count}");
                return default;
            }

            [StreamStart] public Task Start(DestinationStream stream) { Log($"start {stream.Name} {stream.SyncMode}"); return Task.CompletedTask; }

            [StreamEnd] public void End(DestinationStream stream) => Log($"end {stream.Name}");

            [StreamIncomplete]
            public ValueTask Incomplete(StreamIncompleteReason reason, DestinationStream stream)
            {
                Log($"incomplete {stream.Name} {reason}");
                return default;
            }

            [Commit] public static void Commit() => File.AppendAllText(Current!, "commit\n");

            private static string? Current;

            private void Log(string line)
            {
                Current = Path;
                File.AppendAllText(Path, line + "\n");
            }
        }
        """;

    private static readonly MethodInfo RunAsync = typeof(ConnectorHost).GetMethods()
        .Single(m => m.Name == nameof(ConnectorHost.RunAsync) && m.GetParameters().Length == 4);

    [Fact]
    public async Task Spec_lists_the_declared_sync_modes()
    {
        using var connector = LoadedConnector.Load(Source, "Journal.JournalDestination");

        var result = await connector.RunAsync("spec");

        var modes = result.Single("SPEC").GetProperty("spec").GetProperty("supported_destination_sync_modes");
        Assert.Equal(new[] { "append", "overwrite" }, modes.EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Write_calls_every_hook_through_the_generated_code()
    {
        var input = Records + """
            {"type": "TRACE", "trace": {"type": "STREAM_STATUS", "emitted_at": 1, "stream_status": {"stream_descriptor": {"name": "users"}, "status": "COMPLETE"}}}
            """;

        var (exitCode, journal, stdout) = await WriteAsync(input);

        Assert.Equal(0, exitCode);
        Assert.Equal(new[] { "start users Overwrite", "write users 2", "write users 1", "commit", "end users" }, journal);
        var echoed = new HostResult(exitCode, stdout, "").Single("STATE").GetProperty("state");
        Assert.Equal(3, echoed.GetProperty("destinationStats").GetProperty("recordCount").GetDouble());
    }

    [Fact]
    public async Task A_stream_without_its_COMPLETE_status_gets_the_incomplete_hook_with_the_reason_and_is_never_ended()
    {
        var (exitCode, journal, stdout) = await WriteAsync(Records);

        Assert.Equal(1, exitCode);
        Assert.Equal(new[] { "start users Overwrite", "write users 2", "write users 1", "commit", "incomplete users InputEndedEarly" }, journal);
        Assert.Equal("transient_error", new HostResult(exitCode, stdout, "").Single("TRACE").GetProperty("trace").GetProperty("error")
            .GetProperty("failure_type").GetString());
    }

    private const string Records = """
        {"type": "RECORD", "record": {"stream": "users", "data": {"id": 1}, "emitted_at": 1}}
        {"type": "RECORD", "record": {"stream": "users", "data": {"id": 2}, "emitted_at": 1}}
        {"type": "RECORD", "record": {"stream": "users", "data": {"id": 3}, "emitted_at": 1}}
        {"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": "users"}, "stream_state": {"id": 3}}}}

        """;

    /// <summary>Runs <c>write</c> of one overwrite stream in-process; returns the exit code, the journal and stdout.</summary>
    private static async Task<(int ExitCode, string[] Journal, string Stdout)> WriteAsync(string input)
    {
        using var connector = LoadedConnector.Load(Source, "Journal.JournalDestination");
        using var files = new TempDirectory();
        var journal = Path.Combine(files.Path, "journal.txt");
        var config = files.Write("config.json", $$"""{"path": {{System.Text.Json.JsonSerializer.Serialize(journal)}}}""");
        var catalog = files.Write("catalog.json", """
            {"streams": [{"stream": {"name": "users", "json_schema": {"type": "object"}, "supported_sync_modes": ["full_refresh"]},
                          "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}]}
            """);

        using var stdout = new MemoryStream();
        var io = new HostIO(stdout, new StringWriter(), new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var exitCode = await (Task<int>)RunAsync.MakeGenericMethod(connector.ConnectorType)
            .Invoke(null, [connector.Descriptor, new[] { "write", "--config", config, "--catalog", catalog }, io, CancellationToken.None])!;
        return (exitCode, File.ReadAllLines(journal), Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
