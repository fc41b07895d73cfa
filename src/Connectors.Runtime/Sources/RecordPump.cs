using System;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>
/// The per-record work of one stream's read, whatever the protocol: cursor tracking, mid-stream checkpoints at cursor
/// boundaries, the record handed to the host's sink. Kept free of allocation per record; compiled per sink struct, so
/// the sink's calls are direct.
/// </summary>
internal sealed class RecordPump<TRecord, TSink> where TSink : IRecordSink<TRecord>
{
    // Not readonly: a struct sink is mutated in place.
    private TSink _sink;
    private readonly string _stream;
    private readonly CursorTracker<TRecord>? _tracker;
    private readonly Checkpoints _checkpoints = new();
    private readonly StreamContext _context;
    private readonly bool _checkpointMidStream;
    private readonly Action<Utf8JsonWriter>? _writeCompleted;
    private readonly HeldCheckpoints? _held;

    // held: for a stream with a state of its own, where its checkpoints wait for the next record.
    public RecordPump(TSink sink, string stream, CursorTracker<TRecord>? tracker, StreamContext context, bool checkpointMidStream,
        HeldCheckpoints? held = null)
    {
        _held = held;
        _sink = sink;
        _stream = stream;
        _tracker = tracker;
        _context = context;
        _checkpointMidStream = checkpointMidStream && tracker is not null;
        _writeCompleted = tracker is null ? null : tracker.WriteCompletedState;
    }

    /// <summary>Records handed to the sink so far.</summary>
    public long Emitted { get; private set; }

    public void Emit(TRecord record)
    {
        if (record is null)
        {
            throw new InvalidOperationException($"Stream '{_stream}' produced a null record.");
        }
        if (_checkpointMidStream)
        {
            var step = _tracker!.Observe(record);
            if (step == CursorStep.Advanced && _checkpoints.PendingRecords >= _context.CheckpointInterval)
            {
                // Every record up to the previous cursor value has been handed over: resuming from it loses nothing.
                Checkpoint(_writeCompleted!, isFinal: false);
            }
            else if (step == CursorStep.Backwards)
            {
                throw new CursorOrderException(
                    $"Stream '{_stream}' declares its records sorted by cursor, but {_tracker.DescribeBackwardStep(record)}. " +
                    "Mid-stream checkpoints would lose records: sort the records or remove SortedByCursor.");
            }
        }
        else if (_held is not null)
        {
            if (_held.MustRelease)
            {
                _held.Release<TRecord, TSink>(ref _sink, isFinal: false);
            }
            _held.Counted();
        }
        else
        {
            _tracker?.Observe(record);
        }
        _sink.Record(record);
        _checkpoints.PendingRecords++;
        Emitted++;
    }

    /// <summary>
    /// On the stream's request (<see cref="StreamContext.Checkpoint"/>): every record up to the greatest cursor seen has
    /// been handed over, so that value (never less than the saved one) is safe to resume from. Nothing when no record
    /// came since the last checkpoint, or the stream has no cursor.
    /// </summary>
    public void CheckpointNow()
    {
        if (_tracker is not null && _checkpoints.PendingRecords > 0)
        {
            Checkpoint(_tracker.WriteFinalState, isFinal: false);
        }
    }

    /// <summary>After a failure or a stop: the last checkpoint that is safe, if records came in cursor order.</summary>
    public void CheckpointCompleted(ILogger logger)
    {
        if (_held is not null)
        {
            // The last checkpoint the stream took covers records already handed over.
            _held.Release<TRecord, TSink>(ref _sink, isFinal: false);
            return;
        }
        if (_checkpointMidStream && _tracker!.HasCompleted)
        {
            Checkpoint(_writeCompleted!, isFinal: false);
            logger.LogDebug("Checkpointed stream {Stream} at its last complete cursor value before stopping.", _stream);
        }
    }

    /// <summary>
    /// At the end of the stream: the final state. For a stream with a state of its own, <paramref name="saved"/> is the state it resumed from, as JSON (null for none).
    /// </summary>
    public void CheckpointFinal(bool incremental = false, byte[]? saved = null, ILogger? logger = null)
    {
        if (_held is not null)
        {
            _held.Final<TRecord, TSink>(ref _sink, incremental, saved, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _stream);
        }
        else if (_tracker is null)
        {
            _sink.Checkpoint(new StreamCheckpoint(default, _checkpoints.TakeRecords(), isFinal: true, hasCursor: false));
        }
        else
        {
            Checkpoint(_tracker.WriteFinalState, isFinal: true);
        }
    }

    private void Checkpoint(Action<Utf8JsonWriter> writeState, bool isFinal)
    {
        if (_checkpoints.TryTake(writeState, out var state, out var records))
        {
            _sink.Checkpoint(new StreamCheckpoint(state, records, isFinal, hasCursor: true));
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
