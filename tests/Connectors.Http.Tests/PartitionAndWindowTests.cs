using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>Concurrent partitions (a bounded number in flight) and date windows (ordered, checkpointed after each).</summary>
public sealed class PartitionAndWindowTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Partitions_run_at_most_the_limit_at_once_and_every_record_arrives()
    {
        var running = 0;
        var peak = 0;
        async IAsyncEnumerable<int> Read(int partition)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20 + partition % 3 * 10);
            for (var i = 0; i < 3; i++)
            {
                yield return partition * 10 + i;
            }
            Interlocked.Decrement(ref running);
        }

        var records = await Numbers(12).ReadPartitions(4, Read).ReadAllAsync();

        Assert.Equal(Enumerable.Range(0, 12).SelectMany(p => new[] { p * 10, p * 10 + 1, p * 10 + 2 }).Order(), records.Order());
        Assert.InRange(peak, 2, 4);
    }

    [Fact]
    public async Task A_failing_partition_stops_the_others_and_its_error_surfaces()
    {
        var cancelled = 0;
        var started = 0;
        async IAsyncEnumerable<int> Read(int partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref started);
            if (partition == 3)
            {
                await Task.Delay(10, CancellationToken.None);
                throw new TransientException("partition 3 failed");
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
            yield return partition;
        }

        var error = await Assert.ThrowsAsync<TransientException>(() => Numbers(8).ReadPartitions(4, p => Read(p)).ReadAllAsync());

        Assert.Equal("partition 3 failed", error.Message);
        // Every partition that was running when 3 failed was cancelled; the rest never started.
        Assert.Equal(started - 1, cancelled);
        Assert.InRange(started, 4, 5);
    }

    [Fact]
    public void Windows_start_at_the_saved_cursor_minus_the_lookback_never_before_the_start_date()
    {
        var end = Day0.AddDays(3).AddHours(12);

        var first = DateWindows.Incremental(null, Day0, TimeSpan.FromDays(1), end);
        var resumed = DateWindows.Incremental(Day0.AddDays(2), Day0, TimeSpan.FromDays(1), end, lookback: TimeSpan.FromHours(6));
        var clamped = DateWindows.Incremental(Day0.AddHours(1), Day0, TimeSpan.FromDays(1), Day0.AddHours(5), lookback: TimeSpan.FromDays(7));

        Assert.Equal(new[] { (Day0, Day0.AddDays(1)), (Day0.AddDays(1), Day0.AddDays(2)), (Day0.AddDays(2), Day0.AddDays(3)), (Day0.AddDays(3), end) },
            first.Windows.Select(w => (w.Start, w.End)));
        Assert.Equal(Day0.AddDays(2).AddHours(-6), resumed.Windows[0].Start);
        Assert.Equal(end, resumed.Windows[^1].End);
        Assert.Equal((Day0, Day0.AddHours(5)), (clamped.Windows.Single().Start, clamped.Windows.Single().End));
        Assert.Empty(DateWindows.Incremental(end, Day0, TimeSpan.FromDays(1), end).Windows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Windows_are_emitted_in_order_with_a_checkpoint_after_each_whatever_order_they_finish_in(int concurrency)
    {
        var windows = DateWindows.Between(Day0, Day0.AddDays(5), TimeSpan.FromDays(1));
        var timeline = new List<string>();
        var context = new StreamContext("events", null, SyncMode.Incremental, 100, () => timeline.Add("checkpoint"));
        // Later windows answer sooner: with concurrency they finish out of order.
        async IAsyncEnumerable<Item> Read(DateWindow window)
        {
            var day = (int)(window.Start - Day0).TotalDays;
            await Task.Delay((5 - day) * 15);
            yield return new Item(day * 10 + 1, "late in day", window.End.AddMinutes(-1));
            yield return new Item(day * 10, "early in day", window.Start.AddMinutes(1));
        }

        await foreach (var item in windows.Read(context, Read, concurrency))
        {
            timeline.Add(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(new[] { "1", "0", "checkpoint", "11", "10", "checkpoint", "21", "20", "checkpoint", "31", "30", "checkpoint", "41", "40", "checkpoint" }, timeline);
    }

    [Fact]
    public async Task Records_outside_their_window_are_dropped_when_the_cursor_is_given()
    {
        var windows = DateWindows.Between(Day0, Day0.AddDays(1), TimeSpan.FromDays(1));
        var context = new StreamContext("events", null, SyncMode.Incremental, 100, null);
        static async IAsyncEnumerable<Item> Read(DateWindow window)
        {
            await Task.Yield();
            yield return new Item(1, "on the start: belongs to the previous window", window.Start);
            yield return new Item(2, "inside", window.Start.AddHours(1));
            yield return new Item(3, "on the end", window.End);
            yield return new Item(4, "after", window.End.AddTicks(1));
            yield return new Item(5, "no cursor", null);
        }

        var items = await windows.Read(context, Read, cursor: i => i.UpdatedAt).ReadAllAsync();

        Assert.Equal(new[] { 2, 3 }, items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_failed_window_keeps_the_earlier_windows_records_and_checkpoints_and_adds_none_of_its_own()
    {
        var windows = DateWindows.Between(Day0, Day0.AddDays(4), TimeSpan.FromDays(1));
        var timeline = new List<string>();
        var context = new StreamContext("events", null, SyncMode.Incremental, 100, () => timeline.Add("checkpoint"));
        async IAsyncEnumerable<Item> Read(DateWindow window)
        {
            var day = (int)(window.Start - Day0).TotalDays;
            await Task.Yield();
            yield return new Item(day, "first", window.End);
            if (day == 2)
            {
                throw new TransientException("day 2 failed");
            }
        }

        var error = await Assert.ThrowsAsync<TransientException>(async () =>
        {
            await foreach (var item in windows.Read(context, Read, maxConcurrency: 2))
            {
                timeline.Add(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        Assert.Equal("day 2 failed", error.Message);
        Assert.Equal(new[] { "0", "checkpoint", "1", "checkpoint", "2" }, timeline);
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
