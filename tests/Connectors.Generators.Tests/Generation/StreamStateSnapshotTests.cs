using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>A [Stream] method that keeps a state of its own: its catalog entry carries the state shape, its call the state.</summary>
public sealed class StreamStateSnapshotTests
{
    [Fact]
    public void A_stream_with_a_page_token_state() => Snapshot.GenerateAndVerify(StreamStateSources.Pages);
}
