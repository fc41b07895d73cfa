using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;

namespace Connectors.Runtime;

/// <summary>
/// Where the read method of a <c>[DiscoverStreams]</c> family puts its rows and checkpoints. Rows are JSON objects: written
/// field by field (<see cref="BeginRow"/>/<see cref="EndRow"/>, the fast path: no object per row, one reused buffer), or
/// handed over as UTF-8 JSON or a <see cref="JsonElement"/>. Each row goes to the host before the call returns.
/// </summary>
/// <remarks>
/// A checkpoint says "every row of the stream up to here has been written; resume from this state". The state is any
/// JSON object of the stream's own shape (a cursor value and a tie-breaker, a page token, per-partition positions, a
/// log position); the read receives it back as <see cref="DynamicStreamRequest.State"/>. The runtime drops a state equal
/// to the previous one and, at the end of a completed read, repeats the last one as the final checkpoint (or, when the read
/// took none, the saved state it started from, or <c>{}</c>).
/// </remarks>
public abstract class RowWriter
{
    private readonly ArrayBufferWriter<byte> _row = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly ArrayBufferWriter<byte> _state = new(256);
    private Utf8JsonWriter? _stateJson;
    private readonly CancellationToken _cancellation;
    private bool _inRow;

    private protected RowWriter(int checkpointInterval, CancellationToken cancellation)
    {
        _json = new Utf8JsonWriter(_row, new JsonWriterOptions { SkipValidation = false });
        CheckpointInterval = checkpointInterval;
        _cancellation = cancellation;
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows between checkpoints the host asks for (the stream's or the host's setting; at least 1).</summary>
    public int CheckpointInterval { get; }

    /// <summary>
    /// Starts a row: write exactly one JSON object (<c>WriteStartObject()</c> … <c>WriteEndObject()</c>) to the writer
    /// returned, then call <see cref="EndRow"/>. Do not keep the writer past <see cref="EndRow"/>.
    /// </summary>
    public Utf8JsonWriter BeginRow()
    {
        if (_inRow)
        {
            throw new InvalidOperationException("BeginRow was called twice without EndRow.");
        }
        _cancellation.ThrowIfCancellationRequested();
        _inRow = true;
        _row.Clear();
        _json.Reset(_row);
        return _json;
    }

    /// <summary>Ends the row started by <see cref="BeginRow"/> and hands it to the host.</summary>
    /// <exception cref="InvalidOperationException">No row was started, or what was written is not one complete JSON object.</exception>
    public void EndRow()
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("EndRow was called without BeginRow.");
        }
        _inRow = false;
        _json.Flush();
        if (_json.CurrentDepth != 0 || _row.WrittenCount == 0 || _row.WrittenSpan[0] != (byte)'{')
        {
            throw new InvalidOperationException("A row must be exactly one complete JSON object.");
        }
        Emit(_row.WrittenMemory);
    }

    /// <summary>Writes a row given as a JSON object.</summary>
    public void WriteRow(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A row must be a JSON object, not {row.ValueKind}.", nameof(row));
        }
        var json = BeginRow();
        row.WriteTo(json);
        EndRow();
    }

    /// <summary>Writes a row given as UTF-8 JSON text; it is validated (one object, nothing after it) first.</summary>
    public void WriteRow(ReadOnlySpan<byte> utf8Json)
    {
        if (!IsOneObject(utf8Json))
        {
            throw new ArgumentException("A row must be exactly one JSON object.", nameof(utf8Json));
        }
        _cancellation.ThrowIfCancellationRequested();
        _row.Clear();
        _row.Write(utf8Json);
        Emit(_row.WrittenMemory);
    }

    /// <summary>Checkpoints with a state given as a JSON object.</summary>
    public void Checkpoint(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A state must be a JSON object, not {state.ValueKind}.", nameof(state));
        }
        Checkpoint(state, static (writer, value) => value.WriteTo(writer));
    }

    /// <summary>Checkpoints with a typed state, serialized by <paramref name="typeInfo"/> (a source-generated context keeps it trim-safe).</summary>
    public void Checkpoint<TState>(TState state, JsonTypeInfo<TState> typeInfo) =>
        Checkpoint((state, typeInfo), static (writer, pair) => JsonSerializer.Serialize(writer, pair.state, pair.typeInfo));

    /// <summary>Checkpoints with a state the callback writes (one JSON object) into the runtime's buffer.</summary>
    public void Checkpoint<TArg>(TArg arg, Action<Utf8JsonWriter, TArg> writeState)
    {
        if (_inRow)
        {
            throw new InvalidOperationException("A checkpoint cannot be taken in the middle of a row.");
        }
        _state.Clear();
        if (_stateJson is null)
        {
            _stateJson = new Utf8JsonWriter(_state);
        }
        else
        {
            _stateJson.Reset(_state);
        }
        writeState(_stateJson, arg);
        _stateJson.Flush();
        if (_stateJson.CurrentDepth != 0 || _state.WrittenCount == 0 || _state.WrittenSpan[0] != (byte)'{')
        {
            throw new InvalidOperationException("A state must be exactly one complete JSON object.");
        }
        TakeCheckpoint(_state.WrittenSpan);
    }

    private void Emit(ReadOnlyMemory<byte> row)
    {
        Rows++;
        EmitRow(new JsonRow(row));
    }

    private static bool IsOneObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private protected abstract void EmitRow(JsonRow row);

    private protected abstract void TakeCheckpoint(ReadOnlySpan<byte> state);
}
