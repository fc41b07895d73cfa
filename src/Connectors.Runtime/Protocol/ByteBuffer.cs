using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Connectors.Runtime.Protocol;

/// <summary>A growable, reusable byte buffer that <see cref="System.Text.Json.Utf8JsonWriter"/> writes into.</summary>
internal sealed class ByteBuffer : IBufferWriter<byte>
{
    private const int InitialCapacity = 64 * 1024;
    private byte[] _bytes = new byte[InitialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Write(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    /// <summary>Drops everything written after <paramref name="length"/> (a message that failed half-way).</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    /// <summary>Empties the buffer, giving back memory that one huge message made it take.</summary>
    public void Clear()
    {
        Length = 0;
        if (_bytes.Length > 16 * InitialCapacity)
        {
            _bytes = new byte[InitialCapacity];
        }
    }

    // Inlined into every write of a record (envelope, JSON writer's span, record end); growing is the rare call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int sizeHint)
    {
        if (Length + Math.Max(sizeHint, 256) > _bytes.Length)
        {
            Grow(Length + Math.Max(sizeHint, 256));
        }
    }

    private void Grow(int needed)
    {
        var grown = new byte[Math.Max(needed, _bytes.Length * 2)];
        _bytes.AsSpan(0, Length).CopyTo(grown);
        _bytes = grown;
    }
}
