using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace Connectors.Runtime.Tests.Destinations;

/// <summary>
/// The batch a destination's write method receives: every record's bytes and emitted_at in arrival order, however many
/// records and bytes it grows to, and empty (with the memory a huge record took given back) once cleared.
/// </summary>
public sealed class RecordBatchTests
{
    private static string Data(int id, int padding = 0) => $$"""{"id":{{id}},"p":"{{new string('x', padding)}}"}""";

    private static List<(string Data, long EmittedAt)> Contents(RecordBatch batch)
    {
        var contents = new List<(string, long)>();
        for (var i = 0; i < batch.Count; i++)
        {
            contents.Add((Encoding.UTF8.GetString(batch[i].Data.Span), batch[i].EmittedAt));
        }
        return contents;
    }

    [Fact]
    public void Each_record_keeps_its_bytes_and_emitted_at_in_arrival_order()
    {
        var batch = new RecordBatch();
        batch.Add("""{"a":1}"""u8, 10);
        batch.Add("{}"u8, 20);
        batch.Add("""{"é":"ü"}"""u8, 30);

        Assert.Equal(3, batch.Count);
        Assert.Equal(7 + 2 + 11, batch.ByteCount);
        Assert.Equal([("""{"a":1}""", 10L), ("{}", 20L), ("""{"é":"ü"}""", 30L)], Contents(batch));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(30), batch[2].ExtractedAt);
    }

    [Fact]
    public void Of_makes_a_batch_of_data_objects_with_one_emitted_at()
    {
        var batch = RecordBatch.Of(5, Data(1), Data(2));

        Assert.Equal([(Data(1), 5L), (Data(2), 5L)], Contents(batch));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void A_position_outside_the_batch_is_out_of_range(int index)
    {
        var batch = RecordBatch.Of(1, Data(1), Data(2));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => batch[index]);
        Assert.Equal("index", error.ParamName);
    }

    [Fact]
    public void A_position_past_the_records_left_by_a_clear_is_out_of_range()
    {
        var batch = RecordBatch.Of(1, Data(1), Data(2));
        batch.Clear();

        Assert.Throws<ArgumentOutOfRangeException>(() => batch[0]);
    }

    [Fact]
    public void Thousands_of_records_keep_their_own_bytes_and_emitted_at()
    {
        var batch = new RecordBatch();
        var expected = Enumerable.Range(0, 3000).Select(i => (Data(i, i % 50), 1000L + i)).ToList();
        foreach (var (data, emittedAt) in expected)
        {
            batch.Add(Encoding.UTF8.GetBytes(data), emittedAt);
        }

        Assert.Equal(3000, batch.Count);
        Assert.Equal(expected.Sum(e => e.Item1.Length), batch.ByteCount);
        Assert.Equal(expected, Contents(batch));
    }

    [Fact]
    public void Records_past_the_first_buffer_and_one_bigger_than_twice_it_are_kept_whole()
    {
        var batch = new RecordBatch();
        var expected = new List<(string, long)>();
        for (var i = 0; i < 100; i++)
        {
            expected.Add((Data(i, 1000), i));
        }
        expected.Add((Data(100, 300_000), 100));
        expected.Add((Data(101), 101));
        foreach (var (data, emittedAt) in expected)
        {
            batch.Add(Encoding.UTF8.GetBytes(data), emittedAt);
        }

        Assert.Equal(expected, Contents(batch));
        Assert.True(batch.CapacityBytes >= batch.ByteCount);
    }

    [Fact]
    public void A_single_huge_record_grows_the_buffer_to_fit_it()
    {
        var batch = new RecordBatch();
        var huge = Data(1, 1_000_000);

        batch.Add(Encoding.UTF8.GetBytes(huge), 1);

        Assert.Equal(huge, Encoding.UTF8.GetString(batch[0].Data.Span));
        Assert.Equal(huge.Length, batch.CapacityBytes);
    }

    [Fact]
    public void A_cleared_batch_is_empty_and_takes_new_records_from_the_start()
    {
        var batch = RecordBatch.Of(1, Data(1), Data(2));

        batch.Clear();

        Assert.Equal(0, batch.ByteCount);
        Assert.Empty(batch);
        batch.Add(Encoding.UTF8.GetBytes(Data(3)), 3);
        Assert.Equal([(Data(3), 3L)], Contents(batch));
        Assert.Equal(Data(3).Length, batch.ByteCount);
    }

    [Fact]
    public void Clearing_gives_back_what_a_record_far_above_the_batch_limit_took()
    {
        var batch = new RecordBatch();
        batch.Add(new byte[300_000], 1);

        batch.Clear(keepBytes: 100_000);

        Assert.Equal(64 * 1024, batch.CapacityBytes);
    }

    [Fact]
    public void Clearing_keeps_a_buffer_within_twice_the_batch_limit()
    {
        var batch = new RecordBatch();
        batch.Add(new byte[200_000], 1);

        batch.Clear(keepBytes: 100_000);

        Assert.Equal(200_000, batch.CapacityBytes);
    }

    [Fact]
    public void Clearing_keeps_a_buffer_within_twice_the_initial_size_whatever_the_limit()
    {
        var batch = new RecordBatch();
        batch.Add(new byte[128 * 1024], 1);

        batch.Clear(keepBytes: 1);

        Assert.Equal(128 * 1024, batch.CapacityBytes);
    }

    [Fact]
    public void The_public_clear_keeps_up_to_twice_the_default_batch_bytes()
    {
        var batch = new RecordBatch();
        batch.Add(new byte[2 * DestinationStream.DefaultMaxBatchBytes], 1);
        batch.Clear();
        Assert.Equal(2 * DestinationStream.DefaultMaxBatchBytes, batch.CapacityBytes);

        batch.Add(new byte[2 * DestinationStream.DefaultMaxBatchBytes + 1], 1);
        batch.Clear();
        Assert.Equal(64 * 1024, batch.CapacityBytes);
    }

    [Fact]
    public void Enumerating_gives_the_records_in_order_by_every_interface()
    {
        var batch = RecordBatch.Of(1, Data(1), Data(2), Data(3));
        var expected = new[] { Data(1), Data(2), Data(3) };

        var byStruct = new List<string>();
        foreach (var record in batch)
        {
            byStruct.Add(Encoding.UTF8.GetString(record.Data.Span));
        }
        var byInterface = ((IEnumerable<DestinationRecord>)batch).Select(r => Encoding.UTF8.GetString(r.Data.Span));
        var byObject = new List<string>();
        foreach (var item in (IEnumerable)batch)
        {
            byObject.Add(Encoding.UTF8.GetString(((DestinationRecord)item).Data.Span));
        }

        Assert.Equal(expected, byStruct);
        Assert.Equal(expected, byInterface);
        Assert.Equal(expected, byObject);
    }

    [Fact]
    public void An_enumerator_reset_starts_again_from_the_first_record()
    {
        var batch = RecordBatch.Of(1, Data(1), Data(2));
        var enumerator = batch.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.True(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());

        enumerator.Reset();

        Assert.True(enumerator.MoveNext());
        Assert.Equal(Data(1), Encoding.UTF8.GetString(enumerator.Current.Data.Span));
        enumerator.Dispose();
    }
}
