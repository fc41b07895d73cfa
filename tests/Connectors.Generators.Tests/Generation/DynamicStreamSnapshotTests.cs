using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>
/// [DiscoverStreams] families: every discovery shape (a list, a task of an array, an async stream; static or not) and
/// every read shape (void, Task, ValueTask; parameters in any order), beside a static [Stream].
/// </summary>
public sealed class DynamicStreamSnapshotTests
{
    [Fact]
    public void Discovery_and_read_shapes() => Snapshot.GenerateAndVerify(DynamicStreamSources.AllShapes);

    [Fact]
    public void A_connector_whose_streams_are_all_discovered() => Snapshot.GenerateAndVerify(DynamicStreamSources.TablesOnly);
}
