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
/// hook through the generated calls, whatever each returns (void, Task, ValueTask, a static method).
/// </summary>
public sealed class DestinationExecutionTests
{
    private const string Source = """
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
        using var connector = LoadedConnector.Load(Source, "Journal.JournalDestination");
        using var files = new TempDirectory();
        var journal = Path.Combine(files.Path, "journal.txt");
        var config = files.Write("config.json", $$"""{"path": {{System.Text.Json.JsonSerializer.Serialize(journal)}}}""");
        var catalog = files.Write("catalog.json", """
            {"streams": [{"stream": {"name": "users", "json_schema": {"type": "object"}, "supported_sync_modes": ["full_refresh"]},
                          "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}]}
            """);
        var input = """
            {"type": "RECORD", "record": {"stream": "users", "data": {"id": 1}, "emitted_at": 1}}
            {"type": "RECORD", "record": {"stream": "users", "data": {"id": 2}, "emitted_at": 1}}
            {"type": "RECORD", "record": {"stream": "users", "data": {"id": 3}, "emitted_at": 1}}
            {"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": "users"}, "stream_state": {"id": 3}}}}
            """;

        using var stdout = new MemoryStream();
        var io = new HostIO(stdout, new StringWriter(), new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var exitCode = await (Task<int>)RunAsync.MakeGenericMethod(connector.ConnectorType)
            .Invoke(null, [connector.Descriptor, new[] { "write", "--config", config, "--catalog", catalog }, io, CancellationToken.None])!;

        Assert.Equal(0, exitCode);
        Assert.Equal(
            new[] { "start users Overwrite", "write users 2", "write users 1", "commit", "end users" },
            File.ReadAllLines(journal));
        var echoed = new HostResult(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), "").Single("STATE").GetProperty("state");
        Assert.Equal(3, echoed.GetProperty("destinationStats").GetProperty("recordCount").GetDouble());
    }
}
