using System.Buffers;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class CursorTrackerTests
{
    private static readonly StreamCursor<Row, long> Cursor = TestConnector.SeqCursor;

    private static readonly StreamCursor<Row, string?> NullableCursor =
        new("name", row => row.Name == "" ? null : row.Name, new NullableStringCodec());

    private static string State(System.Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Observe_says_how_each_cursor_relates_to_the_previous_one()
    {
        var tracker = Cursor.CreateTracker(null);

        Assert.Equal(CursorStep.First, tracker.Observe(new Row(1, 5)));
        Assert.False(tracker.HasCompleted);
        Assert.Equal(CursorStep.Same, tracker.Observe(new Row(2, 5)));
        Assert.False(tracker.HasCompleted);
        Assert.Equal(CursorStep.Advanced, tracker.Observe(new Row(3, 7)));
        Assert.True(tracker.HasCompleted);
        Assert.Equal("{\"seq\":5}", State(tracker.WriteCompletedState));
        Assert.Equal(CursorStep.Backwards, tracker.Observe(new Row(4, 6)));
        Assert.Equal("{\"seq\":5}", State(tracker.WriteCompletedState));
        Assert.Equal("{\"seq\":7}", State(tracker.WriteFinalState));
        Assert.Equal("seq 6 came after 7", tracker.DescribeBackwardStep(new Row(4, 6)));
    }

    [Fact]
    public void Null_cursor_values_are_ignored()
    {
        var tracker = NullableCursor.CreateTracker(null);

        Assert.Equal(CursorStep.Null, tracker.Observe(new Row(1, 0, "")));
        Assert.Equal(CursorStep.First, tracker.Observe(new Row(2, 0, "b")));
        Assert.Equal(CursorStep.Null, tracker.Observe(new Row(3, 0, "")));
        Assert.Equal(CursorStep.Advanced, tracker.Observe(new Row(4, 0, "c")));
        Assert.Equal("{\"name\":\"c\"}", State(tracker.WriteFinalState));
    }

    [Fact]
    public void The_final_state_is_the_greatest_value_seen()
    {
        var tracker = Cursor.CreateTracker(null);
        foreach (var seq in new long[] { 3, 9, 4 })
        {
            tracker.Observe(new Row(seq, seq));
        }

        Assert.Equal("{\"seq\":9}", State(tracker.WriteFinalState));
    }

    [Fact]
    public void The_final_state_never_goes_below_the_saved_value()
    {
        var below = Cursor.CreateTracker(10L);
        below.Observe(new Row(1, 4));
        Assert.Equal("{\"seq\":10}", State(below.WriteFinalState));

        var above = Cursor.CreateTracker(10L);
        above.Observe(new Row(1, 12));
        Assert.Equal("{\"seq\":12}", State(above.WriteFinalState));
    }

    [Fact]
    public void Without_records_the_final_state_is_the_saved_value_or_empty()
    {
        Assert.Equal("{\"seq\":10}", State(Cursor.CreateTracker(10L).WriteFinalState));
        Assert.Equal("{}", State(Cursor.CreateTracker(null).WriteFinalState));
    }

    private sealed class NullableStringCodec : CursorCodec<string?>
    {
        public override string Description => "a string";

        public override int Compare(string? x, string? y) => string.CompareOrdinal(x, y);

        public override void Write(Utf8JsonWriter writer, string? value) => writer.WriteStringValue(value);

        public override bool TryRead(JsonElement element, out string? value)
        {
            value = element.GetString();
            return true;
        }
    }
}
