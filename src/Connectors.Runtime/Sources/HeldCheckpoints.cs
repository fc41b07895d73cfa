using System;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>
/// The checkpoints of a stream that keeps a state of its own shape (a <c>[Stream]</c> method's <see cref="StreamState{TState}"/>,
/// or a <c>[DiscoverStreams]</c> read's <see cref="RowWriter"/>). The stream vouches at each checkpoint that every record up to
/// it has been handed over; the checkpoint is held until the next record (or the end), so the last one of a completed
/// read goes out as the final one, and a state is never sent ahead of records it does not cover.
/// </summary>
internal sealed class HeldCheckpoints
{
    private readonly Checkpoints _checkpoints = new();
    private bool _tookCheckpoint;
    private bool _held;
    private long _heldRecords;

    /// <summary>A record was handed to the sink: the held checkpoint (if any) must go out before it.</summary>
    public bool MustRelease => _held;

    /// <summary>Counts a record handed to the sink.</summary>
    public void Counted() => _checkpoints.PendingRecords++;

    /// <summary>The stream's checkpoint: held until the next record or the end; equal states are dropped.</summary>
    public void Take(ReadOnlySpan<byte> state)
    {
        _tookCheckpoint = true;
        if (_held && state.SequenceEqual(_checkpoints.Previous))
        {
            return;
        }
        if (_held)
        {
            // Two checkpoints without a record between them: the newer one replaces the held one.
            _checkpoints.PendingRecords += _heldRecords;
            _held = false;
        }
        if (_checkpoints.TryTake(state, out var records))
        {
            _held = true;
            _heldRecords = records;
        }
    }

    /// <summary>Hands the held checkpoint to the sink (before a record, or after a failure or a stop).</summary>
    public void Release<TRecord, TSink>(ref TSink sink, bool isFinal) where TSink : IRecordSink<TRecord>
    {
        if (_held)
        {
            _held = false;
            sink.Checkpoint(new StreamCheckpoint(_checkpoints.Previous, _heldRecords, isFinal, hasCursor: true));
        }
    }

    /// <summary>
    /// The end of a completed read. The stream's last checkpoint goes out as the final one. A stream that took none ends,
    /// in an incremental read, at the saved state it started from (nothing newer was vouched for) or <c>{}</c>; in a full
    /// refresh, stateless.
    /// </summary>
    public void Final<TRecord, TSink>(ref TSink sink, bool incremental, ReadOnlySpan<byte> saved, ILogger logger, string stream)
        where TSink : IRecordSink<TRecord>
    {
        if (_tookCheckpoint)
        {
            if (_checkpoints.PendingRecords > 0)
            {
                // Repeating the last state would tell the platform nothing new (it rejects a repeated state after
                // records), and inventing one is not the runtime's to do.
                logger.LogWarning("Stream {Stream} wrote {Rows} record(s) after its last checkpoint; no state covers them. " +
                    "Take a checkpoint at the end of the read.", stream, _checkpoints.PendingRecords);
            }
            Release<TRecord, TSink>(ref sink, isFinal: true);
            return;
        }
        if (!incremental)
        {
            sink.Checkpoint(new StreamCheckpoint(default, _checkpoints.TakeRecords(), isFinal: true, hasCursor: false));
            return;
        }
        sink.Checkpoint(new StreamCheckpoint(saved.IsEmpty ? "{}"u8 : saved, _checkpoints.TakeRecords(), isFinal: true, hasCursor: true));
    }
}
