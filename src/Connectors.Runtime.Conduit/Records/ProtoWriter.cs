using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace Connectors.Runtime.Conduit.Records;

/// <summary>
/// Writes protobuf wire format into one reusable buffer: tags, varints, doubles, length-delimited bytes, and nested
/// messages whose length is known only once they are written (one byte is reserved for it; a longer length moves the
/// message's bytes along). Lets the source encode OpenCDC records straight from a record's JSON, without building
/// protobuf objects per record.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;

    private byte[] _buffer = new byte[4096];
    private int _length;

    /// <summary>What was written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    /// <summary>A varint field (enums, bools, integers).</summary>
    public void WriteVarintField(int field, ulong value)
    {
        WriteTag(field, Varint);
        WriteVarint(value);
    }

    /// <summary>A double field.</summary>
    public void WriteDoubleField(int field, double value)
    {
        WriteTag(field, Fixed64);
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), BitConverter.DoubleToInt64Bits(value));
        _length += 8;
    }

    /// <summary>A bytes or string field (UTF-8).</summary>
    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        WriteRaw(value);
    }

    /// <summary>Bytes already in wire format.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Starts an embedded message field; returns the mark <see cref="EndMessage"/> takes.</summary>
    public int BeginMessage(int field)
    {
        WriteTag(field, LengthDelimited);
        Ensure(1);
        _length++;
        return _length;
    }

    /// <summary>Ends the embedded message begun at <paramref name="mark"/>: writes its length before it.</summary>
    public void EndMessage(int mark)
    {
        var length = _length - mark;
        var size = VarintSize((ulong)length);
        if (size > 1)
        {
            Ensure(size - 1);
            _buffer.AsSpan(mark, length).CopyTo(_buffer.AsSpan(mark + size - 1));
        }
        var at = mark - 1;
        WriteVarintAt(ref at, (ulong)length);
        _length += size - 1;
    }

    /// <summary>Copies what was written into <paramref name="destination"/>, in as many pieces as it hands out.</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        var rest = Written;
        while (!rest.IsEmpty)
        {
            var span = destination.GetSpan(Math.Min(rest.Length, 64 * 1024));
            var count = Math.Min(span.Length, rest.Length);
            rest[..count].CopyTo(span);
            destination.Advance(count);
            rest = rest[count..];
        }
    }

    public static int VarintSize(ulong value) => value < 0x80 ? 1 : (BitOperations.Log2(value) / 7) + 1;

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        WriteVarintAt(ref _length, value);
    }

    private void WriteVarintAt(ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[at++] = (byte)value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
