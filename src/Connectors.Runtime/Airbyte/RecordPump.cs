using System;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The per-record work of one stream read: the RUNNING status at the first record, cursor tracking, mid-stream
/// checkpoints at cursor boundaries, and the RECORD message itself. Kept free of allocation per record.
/// </summary>
internal sealed class RecordPump<TRecord>
{
    private readonly AirbyteWriter _writer;
    private readonly RecordEnvelope _envelope;
    private readonly RecordWriter<TRecord> _writeData;
    private readonly CursorTracker<TRecord>? _tracker;
    private readonly StateEmitter _states;
    private readonly StreamContext _context;
    private readonly bool _checkpointMidStream;
    private readonly Action<System.Text.Json.Utf8JsonWriter>? _writeCompleted;
    private bool _running;

    public RecordPump(AirbyteWriter writer, StreamKey key, RecordWriter<TRecord> writeData, CursorTracker<TRecord>? tracker,
        StateEmitter states, StreamContext context, bool checkpointMidStream)
    {
        _writer = writer;
        _envelope = new RecordEnvelope(key);
        _writeData = writeData;
        _tracker = tracker;
        _states = states;
        _context = context;
        _checkpointMidStream = checkpointMidStream && tracker is not null;
        _writeCompleted = tracker is null ? null : tracker.WriteCompletedState;
    }

    /// <summary>Records emitted so far.</summary>
    public long Emitted { get; private set; }

    public void Emit(TRecord record)
    {
        if (record is null)
        {
            throw new InvalidOperationException($"Stream '{_envelope.Stream}' produced a null record.");
        }
        if (!_running)
        {
            _running = true;
            _writer.WriteStreamStatus(_envelope.Stream, StreamStatus.Running);
        }
        if (_checkpointMidStream)
        {
            var step = _tracker!.Observe(record);
            if (step == CursorStep.Advanced && _states.PendingRecords >= _context.CheckpointInterval)
            {
                // Every record up to the previous cursor value has been emitted: resuming from it loses nothing.
                _states.Emit(_writeCompleted!);
            }
            else if (step == CursorStep.Backwards)
            {
                throw new CursorOrderException(
                    $"Stream '{_envelope.Stream}' declares its records sorted by cursor, but {_tracker.DescribeBackwardStep(record)}. " +
                    "Mid-stream checkpoints would lose records: sort the records or remove SortedByCursor.");
            }
        }
        else
        {
            _tracker?.Observe(record);
        }
        _writer.WriteRecord(_envelope, record, _writeData, AirbyteWriter.Now());
        _states.PendingRecords++;
        Emitted++;
    }

    /// <summary>
    /// On the stream's request (<see cref="StreamContext.Checkpoint"/>): every record up to the greatest cursor seen has
    /// been emitted, so that value (never less than the saved one) is safe to resume from. Nothing when no record came
    /// since the last checkpoint, or the stream has no cursor.
    /// </summary>
    public void CheckpointNow()
    {
        if (_tracker is not null && _states.PendingRecords > 0)
        {
            _states.Emit(_tracker.WriteFinalState);
        }
    }

    /// <summary>After a failure: emits the last checkpoint that is safe, if records came in cursor order.</summary>
    public void CheckpointCompleted(ILogger logger)
    {
        if (_checkpointMidStream && _tracker!.HasCompleted)
        {
            _states.Emit(_writeCompleted!);
            logger.LogDebug("Checkpointed stream {Stream} at its last complete cursor value before stopping.", _envelope.Stream);
        }
    }

    /// <summary>At the end of the stream: the final state.</summary>
    public void CheckpointFinal()
    {
        if (_tracker is null)
        {
            _states.EmitNoCursor();
        }
        else
        {
            _states.Emit(_tracker.WriteFinalState);
        }
    }
}

/// <summary>A stream that promised records in cursor order broke that promise.</summary>
internal sealed class CursorOrderException : InvalidOperationException
{
    public CursorOrderException(string message) : base(message)
    {
    }
}
