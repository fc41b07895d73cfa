namespace Connectors.Generators.Tests.Generation;

/// <summary>Destinations shared by the snapshot and target-framework tests.</summary>
internal static class DestinationSources
{
    /// <summary>A destination with every method kind, each with another return kind and parameter order.</summary>
    public const string EveryHook = """
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
        """;
}
