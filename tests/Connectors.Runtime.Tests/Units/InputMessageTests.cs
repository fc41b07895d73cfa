using System.Text;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>The input messages <c>write</c> acts on besides RECORD and STATE: the source's stream statuses and errors.</summary>
public sealed class InputMessageTests
{
    [Theory]
    [InlineData("COMPLETE", StreamStatus.Complete)]
    [InlineData("INCOMPLETE", StreamStatus.Incomplete)]
    [InlineData("STARTED", StreamStatus.Started)]
    [InlineData("RUNNING", StreamStatus.Running)]
    [InlineData("DONE", null)]
    public void A_STREAM_STATUS_gives_its_stream_namespace_and_status(string status, StreamStatus? expected)
    {
        var line = Bytes($$$"""{"trace":{"stream_status":{"status":"{{{status}}}","stream_descriptor":{"namespace":"shop","name":"or\u0064ers"}},"emitted_at":1,"type":"STREAM_STATUS"},"type":"TRACE"}""");

        var message = InputMessage.Parse(line);

        Assert.Equal(InputKind.StreamStatus, message.Kind);
        Assert.Equal(expected, message.Status);
        Assert.Equal("shop", Text(line, message.Namespace));
        Assert.True(message.Stream.Escaped);
    }

    [Fact]
    public void An_ERROR_gives_its_message_and_its_stream_when_it_names_one()
    {
        var withStream = Bytes("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"boom","failure_type":"system_error","stream_descriptor":{"name":"users"}}}}""");
        var withoutStream = Bytes("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"sync failed"}}}""");

        var stream = InputMessage.Parse(withStream);
        var sync = InputMessage.Parse(withoutStream);

        Assert.Equal(InputKind.SourceError, stream.Kind);
        Assert.Equal(("users", "boom"), (Text(withStream, stream.Stream), Text(withStream, stream.ErrorMessage)));
        Assert.Equal(InputKind.SourceError, sync.Kind);
        Assert.True(sync.Stream.IsEmpty);
        Assert.Equal("sync failed", Text(withoutStream, sync.ErrorMessage));
    }

    [Theory]
    [InlineData("""{"type":"TRACE","trace":{"type":"ESTIMATE","emitted_at":1,"estimate":{"name":"users","type":"STREAM"}}}""")]
    [InlineData("""{"type":"TRACE","trace":"not an object"}""")]
    [InlineData("""{"type":"LOG","trace":{"type":"ERROR","error":{"message":"a trace object in a LOG message"}}}""")]
    public void Other_traces_are_ignored(string line) => Assert.Equal(InputKind.Ignored, InputMessage.Parse(Bytes(line)).Kind);

    [Theory]
    [InlineData("[1]", "The line is not a JSON object.")]
    [InlineData("\"RECORD\"", "The line is not a JSON object.")]
    [InlineData("""{"type":"STATE","state":{}} {"type":"STATE","state":{}}""", null)]
    [InlineData("""{"type":"STATE","state":{}}{}""", null)]
    public void A_line_that_is_not_one_JSON_object_is_refused(string line, string? message)
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => InputMessage.Parse(Bytes(line)));
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    [Fact]
    public void Whitespace_after_the_object_is_allowed()
    {
        Assert.Equal(InputKind.State, InputMessage.Parse(Bytes("""{"type":"STATE","state":{"a":1}}  """)).Kind);
    }

    [Fact]
    public void A_RECORD_gives_its_stream_namespace_data_and_emitted_at_whatever_else_it_holds()
    {
        var line = Bytes("""{"type":"RECORD","record":{"meta":{"x":[1,{"stream":"no"}]},"namespace":"shop","stream":"orders","data":{"id":1,"n":[2]},"emitted_at":1700000000000,"extra":"z"},"after":1}""");

        var message = InputMessage.Parse(line);

        Assert.Equal(InputKind.Record, message.Kind);
        Assert.True(message.HasRecordObject);
        Assert.Equal(("orders", "shop"), (Text(line, message.Stream), Text(line, message.Namespace)));
        Assert.Equal("""{"id":1,"n":[2]}""", Text(line, message.Data));
        Assert.Equal(System.Text.Json.JsonTokenType.StartObject, message.DataToken);
        Assert.Equal(1700000000000, message.EmittedAt);
    }

    [Theory]
    [InlineData("1.7e12", 1700000000000L)]
    [InlineData("12.9", 12L)]
    [InlineData("\"5\"", null)]
    [InlineData("null", null)]
    [InlineData("1e400", null)]
    public void A_RECORD_s_emitted_at_is_a_whole_number_of_milliseconds_or_none(string emittedAt, long? expected)
    {
        var message = InputMessage.Parse(Bytes($$$"""{"type":"RECORD","record":{"stream":"a","data":{},"emitted_at":{{{emittedAt}}}}}"""));

        Assert.Equal(expected, message.EmittedAt);
    }

    [Fact]
    public void A_RECORD_whose_names_are_not_strings_has_no_stream_and_one_without_a_record_object_says_so()
    {
        var line = Bytes("""{"type":"RECORD","record":{"stream":5,"namespace":["x"],"data":{}}}""");
        var notObject = InputMessage.Parse(Bytes("""{"type":"RECORD","record":[{"stream":"a"}]}"""));

        var message = InputMessage.Parse(line);

        Assert.True(message.Stream.IsEmpty);
        Assert.True(message.Namespace.IsEmpty);
        Assert.Equal(InputKind.Record, notObject.Kind);
        Assert.False(notObject.HasRecordObject);
        Assert.True(notObject.Stream.IsEmpty);
    }

    [Fact]
    public void A_STATE_whose_state_is_not_an_object_has_none()
    {
        var message = InputMessage.Parse(Bytes("""{"type":"STATE","state":[{"type":"LEGACY"}]}"""));

        Assert.Equal(InputKind.State, message.Kind);
        Assert.True(message.State.IsEmpty);
    }

    [Theory]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","stream_status":"COMPLETE"}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","stream_status":{"stream_descriptor":"orders","status":"COMPLETE"}}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","stream_status":{"stream_descriptor":{"name":{"x":1},"alias":"orders"},"status":"COMPLETE"}}}""")]
    public void A_STREAM_STATUS_without_a_readable_descriptor_names_no_stream(string text)
    {
        var message = InputMessage.Parse(Bytes(text));

        Assert.Equal(InputKind.StreamStatus, message.Kind);
        Assert.True(message.Stream.IsEmpty);
    }

    [Theory]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","stream_status":{"status":3,"stream_descriptor":{"name":"a"}}}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":7,"stream_status":{"status":"COMPLETE","stream_descriptor":{"name":"a"}}}}""")]
    public void A_status_or_type_that_is_not_a_string_is_no_COMPLETE(string text)
    {
        var message = InputMessage.Parse(Bytes(text));

        Assert.False(message.Kind == InputKind.StreamStatus && message.Status == StreamStatus.Complete);
    }

    private static byte[] Bytes(string line) => Encoding.UTF8.GetBytes(line);

    private static string Text(byte[] line, InputMessage.Slice slice) => Encoding.UTF8.GetString(slice.Of(line));
}
