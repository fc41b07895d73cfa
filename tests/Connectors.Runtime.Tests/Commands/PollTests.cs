using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <see cref="Poll"/>: ticks on an interval, survives failing ticks, never overlaps, takes a new interval while waiting,
/// and stops at once. Intervals of an hour stand for "never within this test", so nothing here measures time.
/// </summary>
public sealed class PollTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_first_tick_runs_at_start_without_waiting_for_the_interval()
    {
        var ticked = new TaskCompletionSource();
        await using var poll = new Poll(_ => { ticked.TrySetResult(); return Task.CompletedTask; }, Hour);

        poll.Start();

        await ticked.Task.WaitAsync(Patience);
        Assert.True(poll.IsRunning);
    }

    [Fact]
    public async Task A_tick_that_throws_is_logged_and_the_next_tick_still_runs()
    {
        var logger = new ListLogger();
        var calls = 0;
        var second = new TaskCompletionSource();
        await using var poll = new Poll(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("instrument offline");
            }
            second.TrySetResult();
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(1), logger, "ingest");

        poll.Start();

        await second.Task.WaitAsync(Patience);
        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.StartsWith("The poll ingest failed: instrument offline", entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Ticks_never_overlap()
    {
        var running = 0;
        var most = 0;
        var ticks = 0;
        var enough = new TaskCompletionSource();
        await using var poll = new Poll(async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref running);
            if (Interlocked.Increment(ref ticks) == 20)
            {
                enough.TrySetResult();
            }
        }, TimeSpan.FromTicks(1));

        poll.Start();

        await enough.Task.WaitAsync(Patience);
        Assert.Equal(1, Volatile.Read(ref most));
    }

    [Fact]
    public async Task A_new_interval_takes_effect_while_the_poll_waits()
    {
        var ticks = 0;
        var second = new TaskCompletionSource();
        await using var poll = new Poll(_ =>
        {
            if (Interlocked.Increment(ref ticks) == 2)
            {
                second.TrySetResult();
            }
            return Task.CompletedTask;
        }, Hour);
        poll.Start();
        await WaitUntilAsync(() => poll.Ticks == 1);

        poll.Interval = TimeSpan.FromMilliseconds(1);

        await second.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Stop_cancels_the_running_tick_and_no_tick_starts_afterwards()
    {
        var cancelled = false;
        var started = new TaskCompletionSource();
        var ticks = 0;
        var poll = new Poll(async token =>
        {
            Interlocked.Increment(ref ticks);
            started.TrySetResult();
            try
            {
                await Task.Delay(Hour, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        }, TimeSpan.FromMilliseconds(1));
        poll.Start();
        await started.Task.WaitAsync(Patience);

        await poll.StopAsync().WaitAsync(Patience);
        await Task.Delay(50);

        Assert.True(cancelled);
        Assert.False(poll.IsRunning);
        Assert.Equal(1, Volatile.Read(ref ticks));
    }

    [Fact]
    public async Task Stop_ends_a_long_wait_at_once()
    {
        await using var poll = new Poll(_ => Task.CompletedTask, Hour);
        poll.Start();
        await WaitUntilAsync(() => poll.Ticks == 1);

        await poll.StopAsync().WaitAsync(Patience);

        Assert.False(poll.IsRunning);
    }

    [Fact]
    public async Task A_stopped_poll_cannot_start_again()
    {
        var poll = new Poll(_ => Task.CompletedTask, Hour, name: "ingest");
        poll.Start();
        await poll.StopAsync();

        var error = Assert.Throws<InvalidOperationException>(poll.Start);
        Assert.Equal("The poll 'ingest' was stopped and cannot start again; create a new one.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_interval_must_be_more_than_zero(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Poll(_ => Task.CompletedTask, TimeSpan.FromSeconds(seconds)));
        var poll = new Poll(_ => Task.CompletedTask, Hour);
        Assert.Throws<ArgumentOutOfRangeException>(() => poll.Interval = TimeSpan.FromSeconds(seconds));
        Assert.Equal(Hour, poll.Interval);
    }

    [Fact]
    public void A_poll_without_a_name_is_called_poll_in_logs()
    {
        Assert.Equal("poll", new Poll(_ => Task.CompletedTask, Hour).Name);
    }

    [Fact]
    public void A_bad_interval_is_refused_with_a_message_that_says_why()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Poll(_ => Task.CompletedTask, TimeSpan.Zero));

        Assert.StartsWith("The interval of a poll must be more than zero.", error.Message);
    }

    [Fact]
    public async Task Starting_a_running_poll_again_starts_no_second_loop_and_stop_waits_for_the_running_tick()
    {
        var entered = 0;
        var first = new TaskCompletionSource();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstReturned = false;
        var poll = new Poll(async _ =>
        {
            if (Interlocked.Increment(ref entered) == 1)
            {
                first.TrySetResult();
                await release.Task;
                Volatile.Write(ref firstReturned, true);
            }
        }, Hour);
        poll.Start();
        await first.Task.WaitAsync(Patience);

        poll.Start();
        var stopped = poll.StopAsync();

        // The first tick ignores its token: the stop completes only once it returns.
        Assert.False(stopped.IsCompleted);
        release.SetResult();
        await stopped.WaitAsync(Patience);
        Assert.True(Volatile.Read(ref firstReturned));
        Assert.Equal(1, poll.Ticks);
        Assert.Equal(1, Volatile.Read(ref entered));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Gave up waiting.");
            await Task.Delay(5);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
