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

    private static byte[] Bytes(string line) => Encoding.UTF8.GetBytes(line);

    private static string Text(byte[] line, InputMessage.Slice slice) => Encoding.UTF8.GetString(slice.Of(line));
}
