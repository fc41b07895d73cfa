using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>A destination's generated description: its sync modes, batch sizes and direct calls of its methods.</summary>
public sealed class DestinationSnapshotTests
{
    [Fact]
    public void Destination_with_every_hook_and_return_kind() => Snapshot.GenerateAndVerify("""
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        [Connector("destination-files", Kind = ConnectorKind.Destination)]
        public sealed partial class FilesDestination
        {
            [ConfigProperty] public string Directory { get; set; } = "/tmp";

            [Check] public CheckResult Check() => CheckResult.Success();

            [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup,
                MaxBatchRecords = 500, MaxBatchBytes = 1048576)]
            public ValueTask WriteAsync(RecordBatch batch, DestinationStream stream, CancellationToken cancellationToken) => default;

            [StreamStart] public Task StartAsync(DestinationStream stream, ILogger logger) => Task.CompletedTask;

            [StreamEnd] public void End(DestinationStream stream) { }

            [StreamIncomplete] public Task IncompleteAsync(DestinationStream stream, StreamIncompleteReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

            [Commit] public static void Commit() { }
        }
        """, OutputKind.ConsoleApplication);

    [Fact]
    public void Destination_with_only_a_write_method() => Snapshot.GenerateAndVerify("""
        using Connectors;

        namespace Sample;

        [Connector("destination-sink", Kind = ConnectorKind.Destination)]
        public partial class SinkDestination
        {
            [Write] public void Write(DestinationStream stream, RecordBatch batch) { }
        }
        """);
}
