using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Reads streams for the Airbyte <c>read</c> command: STREAM_STATUS STARTED → RUNNING → COMPLETE (or INCOMPLETE and a
/// TRACE ERROR), per-stream STATE messages with accurate record counts, and cancellation that still checkpoints.
/// </summary>
internal sealed class StreamReadSession
{
    /// <summary>Records between mid-stream checkpoints when a stream does not say.</summary>
    public const int DefaultCheckpointInterval = 10_000;

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

    public async Task<StreamOutcome> ReadAsync<TConnector, TRecord>(SourceStream<TConnector, TRecord> stream, TConnector connector, StreamPlan plan)
        where TConnector : class
    {
        var key = plan.Key;
        var interval = stream.CheckpointInterval > 0 ? stream.CheckpointInterval : DefaultCheckpointInterval;
        var incremental = plan.Mode == SyncMode.Incremental;
        RecordPump<TRecord>? pump = null;
        // StreamContext.Checkpoint(): the stream vouches that every record up to the greatest cursor so far was emitted.
        var context = new StreamContext(key.Name, key.Namespace, plan.Mode, interval, incremental ? () => pump!.CheckpointNow() : null);
        var tracker = stream.Cursor?.CreateTracker(incremental ? plan.Since : null);
        var states = new StateEmitter(_writer, key);
        pump = new RecordPump<TRecord>(_writer, key, stream.WriteRecord, tracker, states, context,
            checkpointMidStream: incremental && stream.SortedByCursor);
        var request = new StreamRequest(incremental ? plan.Since : null, context, _logger, _cancellation);

        Current = key;
        _writer.WriteStreamStatus(key, StreamStatus.Started);
        try
        {
            if (stream.Open is { } open)
            {
                await foreach (var record in open(connector, request).WithCancellation(_cancellation).ConfigureAwait(false))
                {
                    // Also for iterators that ignore their token: a stop request ends the stream at the next record.
                    _cancellation.ThrowIfCancellationRequested();
                    pump.Emit(record);
                }
            }
            else
            {
                foreach (var record in stream.OpenSync!(connector, request))
                {
                    _cancellation.ThrowIfCancellationRequested();
                    pump.Emit(record);
                }
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            pump.CheckpointCompleted(_logger);
            _writer.WriteStreamStatus(key, StreamStatus.Incomplete);
            _logger.LogWarning("Stream {Stream} was interrupted after {Count} records.", key, pump.Emitted);
            return StreamOutcome.Cancelled;
        }
        catch (Exception ex) when (ex is not Protocol.OutputClosedException)
        {
            if (ex is not CursorOrderException)
            {
                pump.CheckpointCompleted(_logger);
            }
            _writer.WriteStreamStatus(key, StreamStatus.Incomplete);
            var failureType = ex switch
            {
                ConfigException => FailureType.ConfigError,
                TransientException => FailureType.TransientError,
                _ => FailureType.SystemError,
            };
            _writer.WriteError($"Stream '{key}' failed after {pump.Emitted} records: {ex.Message}", failureType, ex, key);
            return StreamOutcome.Failed;
        }
        finally
        {
            Current = null;
        }
        pump.CheckpointFinal();
        _writer.WriteStreamStatus(key, StreamStatus.Complete);
        return StreamOutcome.Completed;
    }
}
