using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Seam;

/// <summary>
/// The protocol-neutral read seam, driven by a host that is not Airbyte (<see cref="FakeHost{TConnector}"/>): the typed
/// stream through the visitor, the record loop, cursor tracking and checkpoints a resume can start from.
/// </summary>
public sealed class SourceStreamReadTests
{
    private static readonly TestSource Connector = new();

    private static StreamReadOptions Incremental(object? since = null, int interval = 0, CancellationToken cancellation = default) =>
        new() { SyncMode = SyncMode.Incremental, Since = since, CheckpointInterval = interval, CancellationToken = cancellation };

    private static async Task<(FakeHost<TestSource> Host, StreamReadResult Result)> ReadAsync(SourceStream<TestSource> stream,
        StreamReadOptions options, Func<Exception>? failAtRecord = null, int failAtIndex = -1)
    {
        var host = new FakeHost<TestSource>(Connector, options) { FailAtRecord = failAtRecord, FailAtIndex = failAtIndex };
        var result = await host.ReadAsync(stream);
        return (host, result);
    }

    /// <summary>Rows whose seq is one of <paramref name="seqs"/>, above the stream's saved cursor.</summary>
    private static SourceStream<TestSource, Row> Sorted(params long[] seqs) => TestConnector.Rows("users",
        (_, request) => Row.WithSeqs(seqs).Where(r => request.Since is not long since || r.Seq > since),
        incremental: true, sorted: true, interval: 1000);

    [Fact]
    public async Task The_visitor_hands_over_the_stream_typed_by_its_records()
    {
        var (host, result) = await ReadAsync(TestConnector.Fixed("users", 1, 2), new StreamReadOptions());

        Assert.Equal(new[] { typeof(Row) }, host.RecordTypes);
        Assert.Equal(new StreamReadResult(StreamReadOutcome.Completed, 2), result);
        Assert.Equal(new[] { """{"id":1,"seq":1,"name":"row"}""", """{"id":2,"seq":2,"name":"row"}""" }, host.Records);
    }

    [Fact]
    public async Task A_full_refresh_gets_every_record_and_one_final_checkpoint_at_the_greatest_cursor()
    {
        var (host, result) = await ReadAsync(Sorted(1, 2, 3), new StreamReadOptions { Since = 2L });

        Assert.Equal(StreamReadOutcome.Completed, result.Outcome);
        Assert.Equal(new[] { "R1", "R2", "R3", "C{\"seq\":3}/3!" }, host.Events);
    }

    [Fact]
    public async Task An_incremental_read_checkpoints_before_the_record_that_completes_a_cursor_value()
    {
        var (host, _) = await ReadAsync(Sorted(1, 1, 2, 3, 3, 4), Incremental(interval: 2));

        // The interval is reached after the second 3, but the 3s are complete only when 4 arrives.
        Assert.Equal(new[] { "R1", "R1", "C{\"seq\":1}/2", "R2", "R3", "R3", "C{\"seq\":3}/3", "R4", "C{\"seq\":4}/1!" }, host.Events);
    }

    [Fact]
    public async Task The_hosts_interval_overrides_the_streams_own()
    {
        var (host, _) = await ReadAsync(Sorted(1, 2, 3), Incremental(interval: 1));

        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1", "R2", "C{\"seq\":2}/1", "R3", "C{\"seq\":3}/1!" }, host.Events);
    }

    [Fact]
    public async Task Without_a_host_interval_the_streams_own_applies()
    {
        var stream = TestConnector.Rows("users", (_, _) => Row.WithSeqs(1, 2, 3, 4), incremental: true, sorted: true, interval: 2);

        var (host, _) = await ReadAsync(stream, Incremental());

        Assert.Equal(new[] { "R1", "R2", "C{\"seq\":2}/2", "R3", "R4", "C{\"seq\":4}/2!" }, host.Events);
    }

    [Fact]
    public async Task Resuming_from_any_checkpoint_loses_no_record()
    {
        long[] seqs = [1, 1, 2, 2, 2, 3, 4, 4, 5];
        var stream = Sorted(seqs);
        var (first, _) = await ReadAsync(stream, Incremental(interval: 1));

        var position = 0;
        foreach (var (state, index) in first.Events.Select((e, i) => (e, i)).Where(p => p.e.StartsWith('C')).Select(p => (p.e[1..p.e.IndexOf('/')], p.i)))
        {
            using var saved = JsonDocument.Parse(state);
            Assert.True(stream.TryReadCursor(saved.RootElement, out var since, out var problem), problem);
            var (resumed, _) = await ReadAsync(stream, Incremental(since, interval: 1));

            var before = first.Events.Take(index).Where(e => e.StartsWith('R'));
            var after = resumed.Events.Where(e => e.StartsWith('R'));
            Assert.Equal(seqs.Select(s => "R" + s).Distinct().Order(), before.Concat(after).Distinct().Order());
            position++;
        }
        Assert.Equal(5, position);
    }

    [Fact]
    public async Task A_saved_cursor_reaches_the_stream_method_and_bounds_the_final_state()
    {
        object? received = null;
        var stream = TestConnector.Rows("users", (_, request) =>
        {
            received = request.Since;
            return Row.WithSeqs(8, 9);
        }, incremental: true, sorted: true);
        using var saved = JsonDocument.Parse("""{"seq":10}""");
        Assert.True(stream.TryReadCursor(saved.RootElement, out var since, out _));

        var (host, _) = await ReadAsync(stream, Incremental(since));

        Assert.Equal(10L, received);
        Assert.Equal(new[] { "R8", "R9", "C{\"seq\":10}/2!" }, host.Events);
    }

    [Fact]
    public void A_saved_state_that_is_not_an_object_or_holds_the_wrong_type_is_refused_with_a_reason()
    {
        var stream = Sorted(1);
        using var array = JsonDocument.Parse("[]");
        using var text = JsonDocument.Parse("""{"seq":"ten"}""");
        using var empty = JsonDocument.Parse("{}");

        Assert.False(stream.TryReadCursor(array.RootElement, out _, out var notObject));
        Assert.False(stream.TryReadCursor(text.RootElement, out _, out var wrongType));
        Assert.True(stream.TryReadCursor(empty.RootElement, out var none, out _));

        Assert.Equal("expected an object", notObject);
        Assert.Equal("expected a 64-bit integer", wrongType);
        Assert.Null(none);
    }

    [Fact]
    public async Task Unsorted_streams_get_only_the_final_checkpoint()
    {
        var stream = TestConnector.Rows("users", (_, _) => Row.WithSeqs(3, 1, 2), incremental: true, sorted: false);

        var (host, _) = await ReadAsync(stream, Incremental(interval: 1));

        Assert.Equal(new[] { "R3", "R1", "R2", "C{\"seq\":3}/3!" }, host.Events);
    }

    [Fact]
    public async Task A_stream_without_a_cursor_ends_with_a_final_checkpoint_without_state()
    {
        var stream = TestConnector.Rows("plain", (_, _) => Row.WithSeqs(2, 1), cursor: false);

        var (host, _) = await ReadAsync(stream, new StreamReadOptions());

        Assert.Equal(new[] { "R2", "R1", "C-/2!" }, host.Events);
    }

    [Fact]
    public async Task A_failing_stream_method_ends_Failed_after_its_last_safe_checkpoint()
    {
        var stream = TestConnector.Rows("users", (_, _) => FailAfter(Row.WithSeqs(1, 1, 2, 2)), incremental: true, sorted: true, interval: 1000);

        var (host, result) = await ReadAsync(stream, Incremental());

        Assert.Equal(StreamReadOutcome.Failed, result.Outcome);
        Assert.Equal(4, result.Records);
        Assert.Equal("source went away", result.Error!.Message);
        Assert.Equal(new[] { "R1", "R1", "R2", "R2", "C{\"seq\":1}/4" }, host.Events);
    }

    [Fact]
    public async Task Records_out_of_the_promised_cursor_order_fail_without_a_checkpoint_past_the_disorder()
    {
        var (host, result) = await ReadAsync(Sorted(1, 2, 3, 2), Incremental(interval: 1000));

        Assert.Equal(StreamReadOutcome.Failed, result.Outcome);
        Assert.Contains("seq 2 came after 3", result.Error!.Message);
        Assert.Equal(new[] { "R1", "R2", "R3" }, host.Events);
    }

    [Fact]
    public async Task Cancelling_ends_the_read_Cancelled_after_its_last_safe_checkpoint()
    {
        using var stop = new CancellationTokenSource();
        var stream = TestConnector.Rows("users", (_, _) => CancelAt(stop, 3, Row.WithSeqs(1, 2, 3, 4)), incremental: true, sorted: true, interval: 1000);

        var (host, result) = await ReadAsync(stream, Incremental(cancellation: stop.Token));

        Assert.Equal(new StreamReadResult(StreamReadOutcome.Cancelled, 3), result);
        Assert.Equal(new[] { "R1", "R2", "R3", "C{\"seq\":2}/3" }, host.Events);
    }

    [Fact]
    public async Task Async_streams_are_read_like_synchronous_ones()
    {
        var stream = TestConnector.RowsAsync("users", (_, _) => Yielding(1, 2, 2, 3), incremental: true, sorted: true, interval: 1);

        var (host, result) = await ReadAsync(stream, Incremental());

        Assert.Equal(StreamReadOutcome.Completed, result.Outcome);
        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1", "R2", "R2", "C{\"seq\":2}/2", "R3", "C{\"seq\":3}/1!" }, host.Events);
    }

    [Fact]
    public async Task A_sink_struct_is_mutated_in_place_across_the_read()
    {
        var (host, _) = await ReadAsync(Sorted(1, 2, 3), Incremental(interval: 1));

        Assert.Equal(new long[] { 1, 2, 3 }, host.SinkCounts);
    }

    [Fact]
    public async Task A_sink_that_throws_fails_the_stream_but_a_closed_output_ends_the_read()
    {
        var (_, failed) = await ReadAsync(Sorted(1, 2, 3), Incremental(interval: 1), () => new FormatException("bad value"), failAtIndex: 1);

        Assert.Equal(StreamReadOutcome.Failed, failed.Outcome);
        Assert.IsType<FormatException>(failed.Error);
        await Assert.ThrowsAsync<OutputClosedException>(() => ReadAsync(Sorted(1, 2, 3), Incremental(), () => new OutputClosedException(), failAtIndex: 1));
    }

    [Fact]
    public async Task An_incremental_read_of_a_stream_without_cursor_parameter_is_a_host_error()
    {
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync(TestConnector.Fixed("plain", 1), Incremental()));

        Assert.Contains("Stream 'plain' cannot be read incrementally", thrown.Message);
    }

    [Fact]
    public async Task A_null_record_fails_the_stream()
    {
        var stream = TestConnector.Rows("users", (_, _) => new Row[] { null! });

        var (_, result) = await ReadAsync(stream, new StreamReadOptions());

        Assert.Equal("Stream 'users' produced a null record.", result.Error!.Message);
    }

    private static IEnumerable<Row> FailAfter(IEnumerable<Row> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        throw new InvalidOperationException("source went away");
    }

    private static IEnumerable<Row> CancelAt(CancellationTokenSource stop, int index, IEnumerable<Row> rows)
    {
        var i = 0;
        foreach (var row in rows)
        {
            if (i++ == index)
            {
                stop.Cancel();
            }
            yield return row;
        }
    }

    private static async IAsyncEnumerable<Row> Yielding(params long[] seqs)
    {
        foreach (var row in Row.WithSeqs(seqs))
        {
            await Task.Yield();
            yield return row;
        }
    }
}
