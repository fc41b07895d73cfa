using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>How a record's cursor relates to the previous record's.</summary>
internal enum CursorStep
{
    /// <summary>The record has no cursor value (null).</summary>
    Null,

    /// <summary>The first record with a cursor value.</summary>
    First,

    /// <summary>Same value as the previous record.</summary>
    Same,

    /// <summary>Greater than the previous record: every record with the previous value has been seen.</summary>
    Advanced,

    /// <summary>Smaller than the previous record: the records are not in cursor order.</summary>
    Backwards,
}

/// <summary>Follows the cursor values of one read of one stream.</summary>
internal abstract class CursorTracker<TRecord>
{
    /// <summary>Records the record's cursor and says how it relates to the previous one.</summary>
    public abstract CursorStep Observe(TRecord record);

    /// <summary>True when some cursor value is complete: every record with that value or less has been observed.</summary>
    public abstract bool HasCompleted { get; }

    /// <summary>Writes <c>{field: completed value}</c>, the state that is safe to resume from mid-stream.</summary>
    public abstract void WriteCompletedState(Utf8JsonWriter writer);

    /// <summary>Writes the state at the end of the stream: the greatest value seen, the saved value, or <c>{}</c>.</summary>
    public abstract void WriteFinalState(Utf8JsonWriter writer);

    /// <summary>Describes the last two values, for the error raised when sorted records go backwards.</summary>
    public abstract string DescribeBackwardStep(TRecord record);
}

internal sealed class CursorTracker<TRecord, TCursor> : CursorTracker<TRecord>
{
    private readonly StreamCursor<TRecord, TCursor> _cursor;
    private readonly TCursor _since;
    private readonly bool _hasSince;
    // The greatest value so far: _last only ever moves forward (a backward step leaves it), so it is also the maximum.
    private TCursor _last = default!;
    private TCursor _completed = default!;
    private bool _hasLast;
    private bool _hasCompleted;

    public CursorTracker(StreamCursor<TRecord, TCursor> cursor, TCursor since, bool hasSince)
    {
        _cursor = cursor;
        _since = since;
        _hasSince = hasSince;
    }

    public override bool HasCompleted => _hasCompleted;

    public override CursorStep Observe(TRecord record)
    {
        var value = _cursor.Read(record);
        if (value is null)
        {
            return CursorStep.Null;
        }
        if (!_hasLast)
        {
            _hasLast = true;
            _last = value;
            return CursorStep.First;
        }
        var order = _cursor.Codec.Compare(value, _last);
        if (order > 0)
        {
            _completed = _last;
            _hasCompleted = true;
            _last = value;
            return CursorStep.Advanced;
        }
        return order == 0 ? CursorStep.Same : CursorStep.Backwards;
    }

    public override void WriteCompletedState(Utf8JsonWriter writer) => WriteState(writer, _completed, true);

    public override void WriteFinalState(Utf8JsonWriter writer)
    {
        if (_hasLast && _hasSince)
        {
            // The state never moves backwards, even if a source returned records older than the saved cursor.
            WriteState(writer, _cursor.Codec.Compare(_last, _since) >= 0 ? _last : _since, true);
        }
        else if (_hasLast)
        {
            WriteState(writer, _last, true);
        }
        else
        {
            WriteState(writer, _since, _hasSince);
        }
    }

    public override string DescribeBackwardStep(TRecord record) =>
        $"{_cursor.Field} {Render(_cursor.Read(record))} came after {Render(_last)}";

    private string Render(TCursor value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _cursor.Codec.Write(writer, value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteState(Utf8JsonWriter writer, TCursor value, bool hasValue)
    {
        writer.WriteStartObject();
        if (hasValue)
        {
            writer.WritePropertyName(_cursor.Field);
            _cursor.Codec.Write(writer, value);
        }
        writer.WriteEndObject();
    }
}
