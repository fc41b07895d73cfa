using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class LogShipperTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reaching_the_batch_size_ships_without_being_asked()
    {
        var sink = new CollectingSink();
        await using var shipper = new LogShipper(3, TimeSpan.FromHours(1));
        shipper.AddSink(sink);

        for (var i = 0; i < 3; i++)
        {
            shipper.Enqueue(Entry(i));
        }

        await sink.UntilAsync(3);
        Assert.Equal([0, 1, 2], sink.Seconds());
    }

    [Fact]
    public async Task The_interval_ships_what_waits()
    {
        var sink = new CollectingSink();
        await using var shipper = new LogShipper(1000, TimeSpan.FromMilliseconds(50));
        shipper.AddSink(sink);

        shipper.Enqueue(Entry(1));

        await sink.UntilAsync(1);
    }

    [Fact]
    public async Task A_flush_ships_everything_in_timestamp_order_even_when_logged_out_of_order()
    {
        var sink = new CollectingSink();
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        shipper.AddSink(sink);

        foreach (var second in new[] { 5, 1, 3, 2, 4 })
        {
            shipper.Enqueue(Entry(second));
        }
        await shipper.FlushAsync();

        Assert.Equal([1, 2, 3, 4, 5], sink.Seconds());
    }

    [Fact]
    public async Task Before_any_sink_at_most_MaxBuffered_entries_wait_the_oldest_dropped_and_counted()
    {
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        for (var i = 0; i < LogShipper.MaxBuffered + 5; i++)
        {
            shipper.Enqueue(Entry(i));
        }
        var sink = new CollectingSink();

        shipper.AddSink(sink);
        await shipper.StartedAsync();

        Assert.Equal(5, shipper.Dropped);
        var seconds = sink.Seconds();
        Assert.Equal(LogShipper.MaxBuffered, seconds.Length);
        Assert.Equal((5, LogShipper.MaxBuffered + 4), (seconds[0], seconds[^1]));
    }

    [Fact]
    public async Task Entries_ship_in_batches_of_the_batch_size_and_with_no_sink_nothing_is_flushed()
    {
        var sizes = new BatchSizes();
        await using var shipper = new LogShipper(4, TimeSpan.FromHours(1));
        Assert.False(shipper.HasSinks);
        Assert.True(shipper.FlushAsync().IsCompletedSuccessfully);
        for (var i = 0; i < 10; i++)
        {
            shipper.Enqueue(Entry(i));
        }

        shipper.AddSink(sizes);
        await shipper.FlushAsync();

        Assert.True(shipper.HasSinks);
        Assert.Equal((4, TimeSpan.FromHours(1)), (shipper.BatchSize, shipper.Interval));
        Assert.Equal([4, 4, 2], sizes.Sizes);
    }

    [Fact]
    public async Task Entries_logged_before_the_sink_is_added_are_shipped_with_the_start_flush()
    {
        var sink = new CollectingSink();
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        shipper.Enqueue(Entry(1));

        shipper.AddSink(sink);
        await shipper.StartedAsync();

        Assert.Equal([1], sink.Seconds());
    }

    [Fact]
    public async Task Without_a_sink_after_start_nothing_is_held()
    {
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        shipper.Enqueue(Entry(1));
        await shipper.StartedAsync();
        shipper.Enqueue(Entry(2));

        var sink = new CollectingSink();
        shipper.AddSink(sink);
        shipper.Enqueue(Entry(3));
        await shipper.FlushAsync();

        Assert.Equal([3], sink.Seconds());
    }

    [Fact]
    public async Task Logging_does_not_wait_for_a_slow_sink_and_the_stop_flush_ships_the_rest()
    {
        var release = new TaskCompletionSource();
        var sink = new CollectingSink(release.Task);
        var shipper = new LogShipper(1, TimeSpan.FromHours(1));
        shipper.AddSink(sink);

        var loggingThread = Environment.CurrentManagedThreadId;
        shipper.Enqueue(Entry(1));
        // Blocks this thread (no await, which could hand it to the pool): the sink can only be called from another one.
        Assert.True(sink.Called.Wait(TimeSpan.FromSeconds(30)), "The sink was not called.");
        // The sink is blocked on its first batch: logging goes on regardless.
        shipper.Enqueue(Entry(2));
        shipper.Enqueue(Entry(3));
        release.SetResult();
        await shipper.DisposeAsync();

        Assert.Equal([1, 2, 3], sink.Seconds());
        Assert.NotEqual(loggingThread, sink.FirstThread);
    }

    [Fact]
    public async Task A_batch_the_sink_refuses_is_offered_again_with_the_next_flush()
    {
        var sink = new CollectingSink { FailuresLeft = 1 };
        var problems = new StringWriter();
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1), problems);
        shipper.AddSink(sink);

        shipper.Enqueue(Entry(1));
        await shipper.FlushAsync();
        shipper.Enqueue(Entry(2));
        await shipper.FlushAsync();

        Assert.Equal([1, 2], sink.Seconds());
        Assert.Contains("Shipping 1 log entries failed; they are kept for the next flush: the sink is down", problems.ToString());
    }

    [Fact]
    public async Task With_several_sinks_a_failing_one_gets_its_entries_again_and_the_others_get_each_entry_once()
    {
        var healthy = new CollectingSink();
        var failing = new CollectingSink { FailuresLeft = 1 };
        var problems = new StringWriter();
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1), problems);
        shipper.AddSink(healthy);
        shipper.AddSink(failing);

        shipper.Enqueue(Entry(3));
        shipper.Enqueue(Entry(1));
        await shipper.FlushAsync();
        // Logged after the failed flush but older than one of the entries it kept: the re-offer merges them in order.
        shipper.Enqueue(Entry(2));
        shipper.Enqueue(Entry(4));
        await shipper.FlushAsync();
        await shipper.FlushAsync();

        Assert.Equal([1, 3, 2, 4], healthy.Seconds());
        Assert.Equal([1, 2, 3, 4], failing.Seconds());
        Assert.Single(problems.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_sink_failing_halfway_through_a_flush_gets_only_the_batches_it_did_not_take()
    {
        var sink = new CollectingSink { FailOnCall = 2 };
        var other = new CollectingSink();
        var problems = new StringWriter();
        await using var shipper = new LogShipper(2, TimeSpan.FromHours(1), problems);
        // Buffered before any sink is added, so the first flush ships all five: batches [1,2] [3,4] [5].
        foreach (var second in new[] { 5, 4, 3, 2, 1 })
        {
            shipper.Enqueue(Entry(second));
        }
        shipper.AddSink(sink);
        shipper.AddSink(other);
        await shipper.FlushAsync();
        await shipper.FlushAsync();

        Assert.Equal([1, 2, 3, 4, 5], sink.Seconds());
        Assert.Equal([1, 2, 3, 4, 5], other.Seconds());
        Assert.Contains("Shipping 3 log entries failed", problems.ToString());
    }

    [Fact]
    public async Task The_JSON_file_sink_writes_each_entry_with_its_timestamp_first()
    {
        using var folder = new Support.TempDir();
        var path = Path.Combine(folder.Path, "logs", "connector.jsonl");
        var sink = new JsonFileLogSink(path);

        await sink.ShipAsync([Entry(1), Entry(2)], CancellationToken.None);

        Assert.Equal(
        [
            """{"timestamp":"2024-05-01T09:00:01.0000000Z","level":"info","message":"entry 1","extra":{"context":"test"}}""",
            """{"timestamp":"2024-05-01T09:00:02.0000000Z","level":"info","message":"entry 2","extra":{"context":"test"}}""",
        ], File.ReadAllLines(path));
    }

    private static LogEvent Entry(int second) => new(T0.AddSeconds(second), LogLevel.Information, "test",
        "{\"level\":\"info\",\"message\":\"entry " + second + "\",\"extra\":{\"context\":\"test\"}}");

    private sealed class CollectingSink(Task? gate = null) : ILogShippingSink
    {
        private readonly List<LogEvent> _shipped = new();
        /// <summary>Set at the first call, for a test that must block its own thread while it waits.</summary>
        public ManualResetEventSlim Called { get; } = new();

        public int FailuresLeft { get; set; }

        /// <summary>The call (1-based) that throws, once.</summary>
        public int FailOnCall { get; set; }

        private int _calls;

        public int FirstThread { get; private set; }

        public async ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken)
        {
            if (FirstThread == 0)
            {
                FirstThread = Environment.CurrentManagedThreadId;
            }
            Called.Set();
            if (gate is not null)
            {
                await gate;
            }
            if (FailuresLeft-- > 0 || ++_calls == FailOnCall)
            {
                throw new IOException("the sink is down");
            }
            lock (_shipped)
            {
                _shipped.AddRange(batch);
            }
        }

        public int[] Seconds()
        {
            lock (_shipped)
            {
                return _shipped.Select(e => (int)(e.Timestamp - T0).TotalSeconds).ToArray();
            }
        }

        public async Task UntilAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Seconds().Length < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The sink got {Seconds().Length} entries, not {count}.");
                await Task.Delay(10);
            }
        }
    }

    private sealed class BatchSizes : ILogShippingSink
    {
        public List<int> Sizes { get; } = new();

        public ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken)
        {
            lock (Sizes)
            {
                Sizes.Add(batch.Count);
            }
            return ValueTask.CompletedTask;
        }
    }
}
