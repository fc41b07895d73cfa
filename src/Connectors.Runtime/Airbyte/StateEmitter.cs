using System;
using System.Buffers;
using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Emits the STATE messages of one stream: counts the records since the previous state, and never emits a state
/// identical to the previous one (the platform fails a sync that does that with records in between).
/// </summary>
internal sealed class StateEmitter
{
    private static readonly byte[] NoCursorState = "{\"__ab_no_cursor_state_message\":true}"u8.ToArray();

    private readonly AirbyteWriter _writer;
    private readonly StreamKey _stream;
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private byte[]? _previous;

    public StateEmitter(AirbyteWriter writer, StreamKey stream)
    {
        _writer = writer;
        _stream = stream;
    }

    /// <summary>Records emitted since the previous state.</summary>
    public long PendingRecords { get; set; }

    /// <summary>Emits the state written by <paramref name="writeState"/>, unless it repeats the previous one.</summary>
    public void Emit(Action<Utf8JsonWriter> writeState)
    {
        _scratch.Clear();
        using (var json = new Utf8JsonWriter(_scratch))
        {
            writeState(json);
        }
        Emit(_scratch.WrittenSpan);
    }

    /// <summary>Emits the marker state of a stream that has no cursor.</summary>
    public void EmitNoCursor() => Emit(NoCursorState);

    private void Emit(ReadOnlySpan<byte> state)
    {
        if (_previous is not null && state.SequenceEqual(_previous))
        {
            return;
        }
        _writer.WriteStreamState(_stream, state, PendingRecords);
        _previous = state.ToArray();
        PendingRecords = 0;
    }
}
