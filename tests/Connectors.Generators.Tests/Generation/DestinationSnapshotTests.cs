using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>A destination's generated description: its sync modes, batch sizes and direct calls of its methods.</summary>
public sealed class DestinationSnapshotTests
{
    [Fact]
    public void Destination_with_every_hook_and_return_kind() =>
        Snapshot.GenerateAndVerify(DestinationSources.EveryHook, OutputKind.ConsoleApplication);

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
