using Xunit;

namespace Connectors.Runtime.Tests.Destinations;

/// <summary>What a destination decides from a configured stream: replace its data, delete older generations, or append.</summary>
public sealed class DestinationStreamTests
{
    [Theory]
    // sync mode, minimum generation, generation -> replaces the data, removes older generations
    [InlineData(DestinationSyncMode.Overwrite, null, null, true, false)]
    [InlineData(DestinationSyncMode.Overwrite, 2L, 3L, true, false)]
    [InlineData(DestinationSyncMode.Append, null, null, false, false)]
    [InlineData(DestinationSyncMode.Append, null, 3L, false, false)]
    [InlineData(DestinationSyncMode.Append, 0L, 0L, false, false)]
    [InlineData(DestinationSyncMode.Append, 0L, 3L, false, false)]
    [InlineData(DestinationSyncMode.Append, 3L, 3L, true, false)]
    [InlineData(DestinationSyncMode.AppendDedup, 3L, 3L, true, false)]
    [InlineData(DestinationSyncMode.Append, 2L, 3L, false, true)]
    [InlineData(DestinationSyncMode.AppendDedup, 1L, 3L, false, true)]
    public void A_refresh_replaces_the_data_when_its_minimum_generation_is_the_current_one_and_else_removes_older_ones(
        DestinationSyncMode mode, long? minimumGeneration, long? generation, bool replaces, bool removesOlder)
    {
        var stream = new DestinationStream { Name = "users", SyncMode = mode, MinimumGenerationId = minimumGeneration, GenerationId = generation };

        Assert.Equal(replaces, stream.ReplacesData);
        Assert.Equal(removesOlder, stream.RemovesOlderGenerations);
    }

    [Fact]
    public void Batch_limits_default_and_are_at_least_one()
    {
        var stream = new DestinationStream { Name = "users" };
        Assert.Equal(DestinationStream.DefaultMaxBatchRecords, stream.MaxBatchRecords);
        Assert.Equal(DestinationStream.DefaultMaxBatchBytes, stream.MaxBatchBytes);

        stream.MaxBatchRecords = 0;
        stream.MaxBatchBytes = -5;

        Assert.Equal(1, stream.MaxBatchRecords);
        Assert.Equal(1, stream.MaxBatchBytes);
    }

    [Fact]
    public void A_stream_is_named_with_its_namespace_when_it_has_one()
    {
        Assert.Equal("public.users", new DestinationStream { Name = "users", Namespace = "public" }.ToString());
        Assert.Equal("users", new DestinationStream { Name = "users" }.ToString());
    }
}
