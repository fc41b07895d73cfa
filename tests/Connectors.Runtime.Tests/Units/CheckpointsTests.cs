using System;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class CheckpointsTests
{
    private static Action<Utf8JsonWriter> Seq(long value) => w =>
    {
        w.WriteStartObject();
        w.WriteNumber("seq", value);
        w.WriteEndObject();
    };

    private static string? Take(Checkpoints checkpoints, long value, out long records) =>
        checkpoints.TryTake(Seq(value), out var state, out records) ? Encoding.UTF8.GetString(state) : null;

    [Fact]
    public void Each_checkpoint_covers_the_records_since_the_previous_one()
    {
        var checkpoints = new Checkpoints { PendingRecords = 3 };

        Assert.Equal("{\"seq\":1}", Take(checkpoints, 1, out var first));
        Assert.Equal(0, checkpoints.PendingRecords);
        checkpoints.PendingRecords = 2;
        Assert.Equal("{\"seq\":2}", Take(checkpoints, 2, out var second));

        Assert.Equal((3, 2), (first, second));
    }

    [Fact]
    public void Never_repeats_the_previous_state_and_keeps_counting_instead()
    {
        var checkpoints = new Checkpoints { PendingRecords = 1 };

        Assert.NotNull(Take(checkpoints, 1, out _));
        checkpoints.PendingRecords = 4;
        Assert.Null(Take(checkpoints, 1, out _));
        Assert.Equal(4, checkpoints.PendingRecords);
        checkpoints.PendingRecords++;
        Assert.Equal("{\"seq\":2}", Take(checkpoints, 2, out var records));

        Assert.Equal(5, records);
    }

    [Fact]
    public void A_longer_state_after_a_shorter_one_is_written_whole()
    {
        var checkpoints = new Checkpoints();

        Take(checkpoints, 1, out _);
        Assert.Equal("{\"seq\":1234567890123}", Take(checkpoints, 1234567890123, out _));
        Assert.Equal("{\"seq\":1}", Take(checkpoints, 1, out _));
    }

    [Fact]
    public void Taking_the_records_without_a_state_starts_the_count_again()
    {
        var checkpoints = new Checkpoints { PendingRecords = 7 };

        Assert.Equal(7, checkpoints.TakeRecords());
        Assert.Equal(0, checkpoints.PendingRecords);
    }
}
