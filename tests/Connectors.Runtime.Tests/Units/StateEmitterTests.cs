using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class StateEmitterTests
{
    [Fact]
    public void Emits_STREAM_states_with_the_records_since_the_previous_state()
    {
        var output = new CapturedOutput();
        var states = new StateEmitter(output.Writer, new StreamKey("users", "crm"));

        states.PendingRecords = 3;
        states.Emit(w => { w.WriteStartObject(); w.WriteNumber("seq", 1); w.WriteEndObject(); });
        Assert.Equal(0, states.PendingRecords);
        states.PendingRecords = 2;
        states.Emit(w => { w.WriteStartObject(); w.WriteNumber("seq", 2); w.WriteEndObject(); });

        Assert.Equal(new[] { "S{\"seq\":1}/3", "S{\"seq\":2}/2" }, output.Tokens());
        var state = output.Messages()[0].GetProperty("state");
        Assert.Equal("STREAM", state.GetProperty("type").GetString());
        Assert.Equal("{\"name\":\"users\",\"namespace\":\"crm\"}", state.GetProperty("stream").GetProperty("stream_descriptor").GetRawText());
    }

    [Fact]
    public void Never_repeats_the_previous_state_and_keeps_counting_instead()
    {
        var output = new CapturedOutput();
        var states = new StateEmitter(output.Writer, new StreamKey("users", null));

        states.PendingRecords = 1;
        states.Emit(w => { w.WriteStartObject(); w.WriteNumber("seq", 1); w.WriteEndObject(); });
        states.PendingRecords = 4;
        states.Emit(w => { w.WriteStartObject(); w.WriteNumber("seq", 1); w.WriteEndObject(); });
        Assert.Equal(4, states.PendingRecords);
        states.PendingRecords++;
        states.Emit(w => { w.WriteStartObject(); w.WriteNumber("seq", 2); w.WriteEndObject(); });

        Assert.Equal(new[] { "S{\"seq\":1}/1", "S{\"seq\":2}/5" }, output.Tokens());
    }

    [Fact]
    public void A_stream_without_a_cursor_gets_the_no_cursor_marker()
    {
        var output = new CapturedOutput();
        var states = new StateEmitter(output.Writer, new StreamKey("plain", null));

        states.EmitNoCursor();
        states.EmitNoCursor();

        Assert.Equal(new[] { "S{\"__ab_no_cursor_state_message\":true}/0" }, output.Tokens());
    }
}
