using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>The stdout validation every host test relies on really rejects what the protocol rejects.</summary>
public sealed class ProtocolSchemaTests
{
    [Theory]
    [InlineData("""{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":1700000000000}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":1}},"sourceStats":{"recordCount":1.0}}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"INFO","message":"hello"}}""")]
    public void Accepts_valid_messages(string line) => Assert.Empty(ProtocolSchema.Validate(line));

    [Theory]
    [InlineData("""{"type":"BOGUS"}""")]
    [InlineData("""{"record":{"stream":"users","data":{},"emitted_at":1}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"users","data":{},"emitted_at":1.5}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"users","data":[],"emitted_at":1}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"VERBOSE","message":"hello"}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"INFO"}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"PER_STREAM"}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","error":{"message":"x","failure_type":"user_error"},"emitted_at":1}}""")]
    [InlineData("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"FAILURE"}}""")]
    [InlineData("""{"type":"CATALOG","catalog":{"streams":[{"name":"users","json_schema":{},"supported_sync_modes":[]}]}}""")]
    public void Rejects_invalid_messages(string line) => Assert.NotEmpty(ProtocolSchema.Validate(line));
}
