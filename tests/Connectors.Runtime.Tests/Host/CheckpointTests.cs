using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// STATE messages during <c>read</c>: one per stream at its end, mid-stream checkpoints of sorted streams only between
/// two cursor values, accurate record counts, and the last safe checkpoint when a stream fails.
/// </summary>
public sealed class CheckpointTests
{
    private static Task<HostRun> ReadSortedAsync(TempDir files, int interval, IEnumerable<Row> rows, bool incremental = true) =>
        HostRun.ReadAsync(
            TestConnector.WithStreams(TestConnector.Rows("users", (_, _) => rows, incremental: true, sorted: true, interval: interval)),
            files, TestConnector.Catalog(("users", incremental ? "incremental" : "full_refresh")));

    [Fact]
    public async Task Sorted_streams_checkpoint_every_N_records_at_the_next_change_of_cursor_value()
    {
        using var files = new TempDir();

        var run = await ReadSortedAsync(files, 3, Row.WithSeqs(1, 1, 1, 2, 2, 3, 4, 4, 4, 4, 5));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[]
        {
            "STARTED", "RUNNING", "R1", "R1", "R1", "S{\"seq\":1}", "R2", "R2", "R3", "S{\"seq\":3}", "R4", "R4", "R4", "R4",
            "S{\"seq\":4}", "R5", "S{\"seq\":5}", "COMPLETE",
        }, run.Timeline("users"));
        Assert.Equal(new[] { 3.0, 3.0, 4.0, 1.0 }, run.RecordCounts("users"));
        AssertCheckpointsAreSafe(run, "users");
    }

    [Fact]
    public async Task Records_with_equal_cursors_are_never_split_across_a_checkpoint()
    {
        using var files = new TempDir();
        var seqs = new long[] { 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 7, 7, 7, 7, 7, 8 };

        var run = await ReadSortedAsync(files, 2, Row.WithSeqs(seqs));

        Assert.True(run.States("users").Count > 3);
        AssertCheckpointsAreSafe(run, "users");
        Assert.Equal(seqs.Length, run.RecordCounts("users").Sum());
    }

    [Fact]
    public async Task A_run_of_one_cursor_value_longer_than_the_interval_is_not_checkpointed_inside()
    {
        using var files = new TempDir();

        var run = await ReadSortedAsync(files, 1, Row.WithSeqs(5, 5, 5, 5));

        Assert.Equal(new[] { "STARTED", "RUNNING", "R5", "R5", "R5", "R5", "S{\"seq\":5}", "COMPLETE" }, run.Timeline("users"));
        Assert.Equal(new[] { 4.0 }, run.RecordCounts("users"));
    }

    [Fact]
    public async Task The_stream_may_change_its_checkpoint_interval_while_it_runs()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, request) =>
        {
            request.Context.CheckpointInterval = 2;
            return Row.WithSeqs(1, 2, 3, 4, 5);
        }, incremental: true, sorted: true, interval: 1000));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"));

        Assert.Equal(new[] { "{\"seq\":2}", "{\"seq\":4}", "{\"seq\":5}" }, run.StreamStates("users"));
        Assert.Equal(new[] { 2.0, 2.0, 1.0 }, run.RecordCounts("users"));
    }

    [Fact]
    public async Task Unsorted_streams_are_checkpointed_once_at_their_end_with_the_greatest_cursor()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("users", (_, _) => Row.WithSeqs(3, 1, 2, 9, 4), incremental: true, interval: 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "{\"seq\":9}" }, run.StreamStates("users"));
        Assert.Equal(new[] { 5.0 }, run.RecordCounts("users"));
    }

    [Fact]
    public async Task The_sum_of_record_counts_equals_the_records_emitted_for_every_stream()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("a", (_, _) => Row.WithSeqs(1, 2, 3, 4, 5, 6, 7), incremental: true, sorted: true, interval: 2),
            TestConnector.Rows("b", (_, _) => Row.WithSeqs(1, 1, 2), incremental: true, sorted: true, interval: 1),
            TestConnector.Rows("c", (_, _) => Row.WithSeqs(4, 4), cursor: false));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Catalog(("a", "incremental"), ("b", "incremental"), ("c", "full_refresh")));

        foreach (var stream in new[] { "a", "b", "c" })
        {
            Assert.Equal(run.Records(stream).Count, run.RecordCounts(stream).Sum());
            AssertCheckpointsAreSafe(run, stream);
        }
        Assert.Equal(run.Records().Count, run.States().Sum(s => s.GetProperty("sourceStats").GetProperty("recordCount").GetDouble()));
    }

    [Fact]
    public async Task A_stream_that_calls_Checkpoint_is_checkpointed_there_with_the_greatest_cursor_so_far()
    {
        using var files = new TempDir();
        // Unsorted within each slice; every record of a slice precedes the next slice's (a date-window read).
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, request) => Sliced(request.Context, [[3, 1, 2], [], [6, 4], [8, 7]]),
            incremental: true));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[]
        {
            "STARTED", "RUNNING", "R3", "R1", "R2", "S{\"seq\":3}", "R6", "R4", "S{\"seq\":6}", "R8", "R7", "S{\"seq\":8}", "COMPLETE",
        }, run.Timeline("users"));
        Assert.Equal(new[] { 3.0, 2.0, 2.0 }, run.RecordCounts("users"));
    }

    [Fact]
    public async Task Checkpoint_never_moves_the_state_below_the_saved_cursor_and_is_a_no_op_in_full_refresh()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, request) => Sliced(request.Context, [[2], [12]]), incremental: true));

        var incremental = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"), TestConnector.StreamStates(("users", "{\"seq\":10}")));
        var fullRefresh = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("users"));

        Assert.Equal(new[] { "{\"seq\":10}", "{\"seq\":12}" }, incremental.StreamStates("users"));
        Assert.Equal(new[] { "{\"seq\":12}" }, fullRefresh.StreamStates("users"));
    }

    [Fact]
    public async Task A_stream_failing_after_a_Checkpoint_keeps_that_checkpoint_as_its_last_state()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, request) => FailingAfter(Sliced(request.Context, [[1, 2], [4, 3]]), 3),
            incremental: true));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"));

        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "S{\"seq\":2}", "R4", "INCOMPLETE", "ERROR" }, run.Timeline("users"));
    }

    [Fact]
    public async Task A_TransientException_fails_the_stream_with_a_transient_error()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users",
            (_, _) => ReadTests.Throwing(new TransientException("the API stayed unavailable"), 1), incremental: true));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("transient_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("the API stayed unavailable", error.GetProperty("message").GetString());
    }

    private static IEnumerable<Row> Sliced(StreamContext context, long[][] slices)
    {
        foreach (var slice in slices)
        {
            foreach (var row in Row.WithSeqs(slice))
            {
                yield return row;
            }
            context.Checkpoint();
        }
    }

    private static IEnumerable<Row> FailingAfter(IEnumerable<Row> rows, int count)
    {
        foreach (var row in rows)
        {
            if (count-- == 0)
            {
                throw new TimeoutException("read timed out");
            }
            yield return row;
        }
    }

    [Fact]
    public async Task States_are_per_stream_STREAM_states_never_LEGACY()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Fixed("a", 1), TestConnector.Fixed("b"));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("a", "b"));

        Assert.Equal(2, run.States().Count);
        Assert.All(run.States(), s =>
        {
            Assert.Equal("STREAM", s.GetProperty("type").GetString());
            Assert.False(s.TryGetProperty("data", out _));
            Assert.False(s.TryGetProperty("global", out _));
        });
    }

    [Fact]
    public async Task A_stream_that_fails_midway_emits_its_last_safe_checkpoint_before_INCOMPLETE()
    {
        using var files = new TempDir();

        var run = await ReadSortedAsync(files, 100, ReadTests.Throwing(new TimeoutException("read timed out"), 1, 1, 2, 2, 3));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R1", "R2", "R2", "R3", "S{\"seq\":2}", "INCOMPLETE", "ERROR" }, run.Timeline("users"));
        Assert.Equal(new[] { 5.0 }, run.RecordCounts("users"));
    }

    [Fact]
    public async Task A_stream_that_fails_before_any_cursor_value_is_complete_emits_no_state()
    {
        using var files = new TempDir();

        var run = await ReadSortedAsync(files, 100, ReadTests.Throwing(new TimeoutException("read timed out"), 1, 1));

        Assert.Empty(run.States());
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R1", "INCOMPLETE", "ERROR" }, run.Timeline("users"));
    }

    [Fact]
    public async Task A_failure_right_after_a_checkpoint_does_not_repeat_that_state()
    {
        using var files = new TempDir();

        var run = await ReadSortedAsync(files, 3, ReadTests.Throwing(new TimeoutException("read timed out"), 1, 1, 1, 2, 2));

        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R1", "R1", "S{\"seq\":1}", "R2", "R2", "INCOMPLETE", "ERROR" }, run.Timeline("users"));
        AssertCheckpointsAreSafe(run, "users");
    }

    [Fact]
    public async Task A_sorted_stream_whose_cursor_goes_backwards_fails_without_a_state_past_the_disorder()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("users", (_, _) => Row.WithSeqs(1, 2, 3, 2, 4, 5), incremental: true, sorted: true, interval: 1),
            TestConnector.Fixed("after", 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Catalog(("users", "incremental"), ("after", "full_refresh")));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "S{\"seq\":1}", "R2", "S{\"seq\":2}", "R3", "INCOMPLETE", "ERROR" }, run.Timeline("users"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("declares its records sorted by cursor, but seq 2 came after 3", error.GetProperty("message").GetString());
        Assert.Equal("COMPLETE", run.Statuses("after").Last());
    }

    [Fact]
    public async Task The_final_state_of_an_incremental_stream_never_goes_below_the_saved_cursor()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, _) => Row.WithSeqs(3, 4), incremental: true));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"), TestConnector.StreamStates(("users", "{\"seq\":10}")));

        Assert.Equal(new[] { "{\"seq\":10}" }, run.StreamStates("users"));
    }

    [Fact]
    public async Task An_empty_incremental_stream_keeps_the_saved_cursor()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, _) => Row.WithSeqs(), incremental: true, sorted: true, interval: 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"), TestConnector.StreamStates(("users", "{\"seq\":10}")));

        Assert.Equal(new[] { "STARTED", "S{\"seq\":10}", "COMPLETE" }, run.Timeline("users"));
        Assert.Equal(new[] { 0.0 }, run.RecordCounts("users"));
    }

    /// <summary>
    /// For every state of a stream: its record count is the number of records since the previous state, it differs from
    /// the previous state, and every record emitted after it has a greater cursor (resuming from it loses nothing).
    /// </summary>
    internal static void AssertCheckpointsAreSafe(HostRun run, string stream)
    {
        var timeline = run.Timeline(stream);
        var counts = run.RecordCounts(stream);
        var sinceState = 0;
        var stateIndex = 0;
        string? previous = null;
        for (var i = 0; i < timeline.Count; i++)
        {
            var item = timeline[i];
            if (IsRecord(item))
            {
                sinceState++;
            }
            else if (item.StartsWith("S{", StringComparison.Ordinal))
            {
                Assert.Equal(sinceState, counts[stateIndex++]);
                Assert.NotEqual(previous, item);
                previous = item;
                sinceState = 0;
                if (item.StartsWith("S{\"seq\":", StringComparison.Ordinal))
                {
                    var value = long.Parse(item["S{\"seq\":".Length..^1], CultureInfo.InvariantCulture);
                    foreach (var later in timeline.Skip(i + 1).Where(IsRecord))
                    {
                        Assert.True(long.Parse(later[1..], CultureInfo.InvariantCulture) > value,
                            $"{later} after state {value}: {string.Join(" ", timeline)}");
                    }
                }
            }
        }
    }

    private static bool IsRecord(string item) => item.Length > 1 && item[0] == 'R' && char.IsAsciiDigit(item[1]);
}
