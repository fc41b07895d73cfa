using System;

namespace Connectors.Runtime;

/// <summary>
/// A position from which a stream's read can resume without losing a record: every record up to it has been handed to
/// the sink. Valid only during the <see cref="IRecordSink{TRecord}.Checkpoint"/> call that receives it.
/// </summary>
public readonly ref struct StreamCheckpoint
{
    internal StreamCheckpoint(ReadOnlySpan<byte> state, long records, bool isFinal, bool hasCursor)
    {
        State = state;
        Records = records;
        IsFinal = isFinal;
        HasCursor = hasCursor;
    }

    /// <summary>
    /// The stream's state as a UTF-8 JSON object, <c>{"updated_at":"2024-05-01T12:00:00+00:00"}</c> (the cursor field and
    /// the value reached), or <c>{}</c> when no value has been reached yet; empty when the stream has no cursor. Pass it
    /// back through <see cref="SourceStream{TConnector}.TryReadCursor"/> to resume from it.
    /// </summary>
    public ReadOnlySpan<byte> State { get; }

    /// <summary>Records handed to the sink since the previous checkpoint.</summary>
    public long Records { get; }

    /// <summary>True for the checkpoint at the end of a completed read; the last one of the stream.</summary>
    public bool IsFinal { get; }

    /// <summary>False for a stream without a cursor: its only checkpoint is the final one, and a resume reads it all again.</summary>
    public bool HasCursor { get; }
}
