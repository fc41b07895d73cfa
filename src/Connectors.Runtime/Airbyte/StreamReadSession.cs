using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Reads streams for the Airbyte <c>read</c> command through the runtime's record loop: STREAM_STATUS STARTED →
/// RUNNING → COMPLETE (or INCOMPLETE and a TRACE ERROR), per-stream STATE messages with accurate record counts, and
/// cancellation that still checkpoints.
/// </summary>
internal sealed class StreamReadSession
{
    private readonly AirbyteWriter _writer;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellation;

    public StreamReadSession(AirbyteWriter writer, ILogger logger, CancellationToken cancellation)
    {
        _writer = writer;
        _logger = logger;
        _cancellation = cancellation;
    }

    /// <summary>The stream being read, for a watchdog that must report it when the process is stopped.</summary>
    public StreamKey? Current { get; private set; }

    /// <summary>Reads one planned stream.</summary>
    public Task<StreamReadOutcome> ReadAsync<TConnector>(SourceStream<TConnector> stream, TConnector connector, StreamPlan plan)
        where TConnector : class =>
        stream.Accept(new Visitor<TConnector>(this, connector, plan));

    private async Task<StreamReadOutcome> ReadAsync<TConnector, TRecord>(SourceStream<TConnector, TRecord> stream, TConnector connector,
        StreamPlan plan) where TConnector : class
    {
        var key = plan.Key;
        var options = new StreamReadOptions { SyncMode = plan.Mode, Since = plan.Since, Logger = _logger, CancellationToken = _cancellation };
        Current = key;
        try
        {
            _writer.WriteStreamStatus(key, StreamStatus.Started);
            var result = await stream.ReadAsync(connector, options, new AirbyteRecordSink<TRecord>(_writer, key, stream.WriteRecord))
                .ConfigureAwait(false);
            WriteEnd(key, result);
            return result.Outcome;
        }
        finally
        {
            Current = null;
        }
    }

    private void WriteEnd(StreamKey key, StreamReadResult result)
    {
        switch (result.Outcome)
        {
            case StreamReadOutcome.Cancelled:
                _writer.WriteStreamStatus(key, StreamStatus.Incomplete);
                _logger.LogWarning("Stream {Stream} was interrupted after {Count} records.", key, result.Records);
                break;
            case StreamReadOutcome.Failed:
                _writer.WriteStreamStatus(key, StreamStatus.Incomplete);
                var failureType = result.Error switch
                {
                    ConfigException => FailureType.ConfigError,
                    TransientException => FailureType.TransientError,
                    _ => FailureType.SystemError,
                };
                _writer.WriteError($"Stream '{key}' failed after {result.Records} records: {result.Error!.Message}", failureType, result.Error, key);
                break;
            default:
                _writer.WriteStreamStatus(key, StreamStatus.Complete);
                break;
        }
    }

    /// <summary>Gets the stream's record type for the typed read.</summary>
    private sealed class Visitor<TConnector>(StreamReadSession session, TConnector connector, StreamPlan plan)
        : ISourceStreamVisitor<TConnector, Task<StreamReadOutcome>> where TConnector : class
    {
        public Task<StreamReadOutcome> Visit<TRecord>(SourceStream<TConnector, TRecord> stream) =>
            session.ReadAsync(stream, connector, plan);
    }
}
