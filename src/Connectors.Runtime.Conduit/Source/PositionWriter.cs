using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// Makes the position of each record (<see cref="SourcePosition"/>'s format) cheaply: everything but the current
/// stream's count is prepared once per checkpoint, so a record's position is that prefix, a number and <c>}}}</c>.
/// </summary>
internal sealed class PositionWriter
{
    private static readonly byte[] Suffix = "}}}"u8.ToArray();

    private readonly IReadOnlyList<string> _order;
    private readonly Dictionary<string, StreamPosition> _streams;
    private StreamPosition? _current;
    private string? _currentName;
    private byte[] _prefix = [];
    private byte[] _scratch = [];

    public PositionWriter(IReadOnlyList<string> order, SourcePosition start)
    {
        _order = order;
        _streams = start.Streams;
    }

    /// <summary>Where a stream stands (created empty when the position did not name it).</summary>
    public StreamPosition this[string stream]
    {
        get
        {
            if (!_streams.TryGetValue(stream, out var position))
            {
                position = new StreamPosition();
                _streams[stream] = position;
            }
            return position;
        }
    }

    /// <summary>The stream whose records come next.</summary>
    public void Begin(string stream)
    {
        _currentName = stream;
        _current = this[stream];
        _current.Done = false;
        Prepare();
    }

    /// <summary>A checkpoint of the current stream: its state, and whether the read completed.</summary>
    public void Checkpoint(ReadOnlySpan<byte> state, bool hasCursor, bool final)
    {
        var current = _current!;
        current.State = hasCursor ? state.ToArray() : null;
        current.After = 0;
        current.Done = final;
        Prepare();
    }

    /// <summary>A record of the current stream that is not delivered again (a resume skips it).</summary>
    public void Skip() => _current!.After++;

    /// <summary>The position of the current stream's next record; valid until the next call.</summary>
    public ReadOnlySpan<byte> Next()
    {
        var after = ++_current!.After;
        var at = _prefix.Length;
        Utf8Formatter.TryFormat(after, _scratch.AsSpan(at), out var length);
        Suffix.CopyTo(_scratch, at + length);
        return _scratch.AsSpan(0, at + length + Suffix.Length);
    }

    private void Prepare()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Span<byte> digits = stackalloc byte[20];
        buffer.Write("{\"v\":1,\"streams\":{"u8);
        foreach (var name in _order)
        {
            if (name != _currentName && _streams.TryGetValue(name, out var other) && (other.State is not null || other.After > 0 || other.Done))
            {
                WriteName(buffer, name);
                buffer.Write("{"u8);
                if (other.State is not null)
                {
                    buffer.Write("\"state\":"u8);
                    buffer.Write(other.State);
                    buffer.Write(","u8);
                }
                buffer.Write(other.Done ? "\"done\":true},"u8 : "\"after\":"u8);
                if (!other.Done)
                {
                    Utf8Formatter.TryFormat(other.After, digits, out var length);
                    buffer.Write(digits[..length]);
                    buffer.Write("},"u8);
                }
            }
        }
        WriteName(buffer, _currentName!);
        buffer.Write("{"u8);
        if (_current!.State is { } state)
        {
            buffer.Write("\"state\":"u8);
            buffer.Write(state);
            buffer.Write(","u8);
        }
        buffer.Write("\"after\":"u8);
        _prefix = buffer.WrittenSpan.ToArray();
        // Positions are the prefix, up to 20 digits and the suffix: the prefix is written once here, not per record.
        _scratch = new byte[_prefix.Length + 20 + Suffix.Length];
        _prefix.CopyTo(_scratch, 0);
    }

    private static void WriteName(ArrayBufferWriter<byte> buffer, string name)
    {
        buffer.Write("\""u8);
        buffer.Write(JsonEncodedText.Encode(name).EncodedUtf8Bytes);
        buffer.Write("\":"u8);
    }
}
