using System;
using System.Buffers;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>
/// The checkpoints of one stream's read: writes each state into one reused buffer, counts the records since the previous
/// checkpoint, and drops a state equal to the previous one (it adds nothing, and Airbyte's platform fails a sync that
/// repeats a state with records in between); the count then runs on to the next checkpoint.
/// </summary>
internal sealed class Checkpoints
{
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private Utf8JsonWriter? _json;
    private byte[] _previous = [];
    private int _previousLength = -1;

    /// <summary>Records handed to the sink since the previous checkpoint.</summary>
    public long PendingRecords { get; set; }

    /// <summary>
    /// Writes the state with <paramref name="writeState"/>; returns it with the records it covers, or false when it
    /// equals the previous state.
    /// </summary>
    public bool TryTake(Action<Utf8JsonWriter> writeState, out ReadOnlySpan<byte> state, out long records)
    {
        _scratch.Clear();
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_scratch);
        }
        else
        {
            _json.Reset(_scratch);
        }
        writeState(_json);
        _json.Flush();
        state = _scratch.WrittenSpan;
        if (_previousLength >= 0 && state.SequenceEqual(_previous.AsSpan(0, _previousLength)))
        {
            records = 0;
            return false;
        }
        Remember(state);
        records = TakeRecords();
        return true;
    }

    /// <summary>The records since the previous checkpoint, for a checkpoint without a state; the count starts again.</summary>
    public long TakeRecords()
    {
        var records = PendingRecords;
        PendingRecords = 0;
        return records;
    }

    private void Remember(ReadOnlySpan<byte> state)
    {
        if (_previous.Length < state.Length)
        {
            _previous = new byte[Math.Max(state.Length, _previous.Length * 2)];
        }
        state.CopyTo(_previous);
        _previousLength = state.Length;
    }
}
