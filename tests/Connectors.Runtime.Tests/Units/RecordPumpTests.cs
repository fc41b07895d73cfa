using System;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class RecordPumpTests
{
    private static readonly StreamKey Key = new("users", null);

    // The pump with the Airbyte sink, as `read` runs it: its output is easiest to follow as Airbyte messages.
    private static (RecordPump<Row, AirbyteRecordSink<Row>> Pump, CapturedOutput Output) Create(int interval, bool midStream, bool cursor = true,
        long? since = null)
    {
        var output = new CapturedOutput();
        var tracker = cursor ? TestConnector.SeqCursor.CreateTracker(since) : null;
        var context = new StreamContext("users", null, SyncMode.Incremental, interval);
        var sink = new AirbyteRecordSink<Row>(output.Writer, Key, Row.Write);
        var pump = new RecordPump<Row, AirbyteRecordSink<Row>>(sink, Key.ToString(), tracker, context, midStream);
        return (pump, output);
    }

    private static void EmitAll(RecordPump<Row, AirbyteRecordSink<Row>> pump, params long[] seqs)
    {
        foreach (var row in Row.WithSeqs(seqs))
        {
            pump.Emit(row);
        }
    }

    [Fact]
    public void Writes_RUNNING_once_before_the_first_record_and_counts_records()
    {
        var (pump, output) = Create(interval: 100, midStream: true);

        EmitAll(pump, 1, 2, 3);

        Assert.Equal(3, pump.Emitted);
        Assert.Equal(new[] { "RUNNING", "R1", "R2", "R3" }, output.Tokens());
    }

    [Fact]
    public void Checkpoints_at_the_first_cursor_change_after_the_interval()
    {
        var (pump, output) = Create(interval: 2, midStream: true);

        EmitAll(pump, 1, 1, 1, 2, 3, 3, 3, 4);
        pump.CheckpointFinal();

        Assert.Equal(new[]
        {
            "RUNNING", "R1", "R1", "R1", "S{\"seq\":1}/3", "R2", "R3", "R3", "R3", "S{\"seq\":3}/4", "R4", "S{\"seq\":4}/1",
        }, output.Tokens());
    }

    [Fact]
    public void Without_mid_stream_checkpoints_only_the_final_state_is_written()
    {
        var (pump, output) = Create(interval: 1, midStream: false);

        EmitAll(pump, 1, 2, 3, 2);
        pump.CheckpointCompleted(NullLogger.Instance);
        pump.CheckpointFinal();

        Assert.Equal(new[] { "RUNNING", "R1", "R2", "R3", "R2", "S{\"seq\":3}/4" }, output.Tokens());
    }

    [Fact]
    public void A_cursor_that_goes_backwards_throws_before_the_record_is_written()
    {
        var (pump, output) = Create(interval: 100, midStream: true);
        EmitAll(pump, 1, 3);

        var thrown = Assert.Throws<CursorOrderException>(() => pump.Emit(new Row(9, 2)));

        Assert.Contains("seq 2 came after 3", thrown.Message);
        Assert.EndsWith("Mid-stream checkpoints would lose records: sort the records or remove SortedByCursor.", thrown.Message);
        Assert.Equal(2, pump.Emitted);
        Assert.Equal(new[] { "RUNNING", "R1", "R3" }, output.Tokens());
    }

    [Fact]
    public void After_a_failure_the_last_complete_cursor_value_is_checkpointed()
    {
        var (pump, output) = Create(interval: 100, midStream: true);
        EmitAll(pump, 1, 2, 2);

        pump.CheckpointCompleted(NullLogger.Instance);

        Assert.Equal(new[] { "RUNNING", "R1", "R2", "R2", "S{\"seq\":1}/3" }, output.Tokens());
    }

    [Fact]
    public void After_a_failure_before_any_complete_value_nothing_is_checkpointed()
    {
        var (pump, output) = Create(interval: 100, midStream: true, since: 5);
        EmitAll(pump, 6, 6);

        pump.CheckpointCompleted(NullLogger.Instance);

        Assert.Equal(new[] { "RUNNING", "R6", "R6" }, output.Tokens());
    }

    [Fact]
    public void A_stream_without_cursor_ends_with_the_no_cursor_marker()
    {
        var (pump, output) = Create(interval: 1, midStream: true, cursor: false);

        EmitAll(pump, 2, 1);
        pump.CheckpointCompleted(NullLogger.Instance);
        pump.CheckpointFinal();

        Assert.Equal(new[] { "RUNNING", "R2", "R1", "S{\"__ab_no_cursor_state_message\":true}/2" }, output.Tokens());
    }

    [Fact]
    public void A_checkpoint_the_stream_asks_for_comes_only_after_new_records_and_only_with_a_cursor()
    {
        var (pump, output) = Create(interval: 100, midStream: true);

        pump.CheckpointNow();
        EmitAll(pump, 1, 2);
        pump.CheckpointNow();
        pump.CheckpointNow();

        Assert.Equal(new[] { "RUNNING", "R1", "R2", "S{\"seq\":2}/2" }, output.Tokens());

        var (stateless, statelessOutput) = Create(interval: 100, midStream: true, cursor: false);
        EmitAll(stateless, 1);
        stateless.CheckpointNow();
        Assert.Equal(new[] { "RUNNING", "R1" }, statelessOutput.Tokens());
    }

    [Fact]
    public void The_checkpoint_after_a_failure_is_logged()
    {
        var (pump, _) = Create(interval: 100, midStream: true);
        EmitAll(pump, 1, 2);
        var logger = new ListLogger();

        pump.CheckpointCompleted(logger);

        Assert.Equal("Checkpointed stream users at its last complete cursor value before stopping.", Assert.Single(logger.Entries).Message);
    }

    [Fact]
    public void A_null_record_is_an_error()
    {
        var (pump, _) = Create(interval: 1, midStream: true);

        var thrown = Assert.Throws<InvalidOperationException>(() => pump.Emit(null!));

        Assert.Equal("Stream 'users' produced a null record.", thrown.Message);
    }
}
