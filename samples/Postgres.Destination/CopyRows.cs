using System;
using System.Buffers.Binary;
using System.IO;

namespace Postgres;

/// <summary>
/// PostgreSQL's binary COPY format, written into a buffer that goes to the server in large writes: a header, rows of
/// length-prefixed big-endian fields, a trailer. Each value is encoded the way the server stores it, so the server does
/// no text parsing and this side allocates nothing per value.
/// </summary>
internal sealed class CopyRows
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly Stream _output;
    private byte[] _buffer = new byte[256 * 1024];
    private int _length;

    public CopyRows(Stream output)
    {
        _output = output;
        Write(Header);
    }

    public void StartRow(int fields)
    {
        if (_length > _buffer.Length / 2)
        {
            Flush();
        }
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), (short)fields);
    }

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Int64(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Boolean(bool value)
    {
        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A timestamp (with or without time zone): microseconds since 2000-01-01.</summary>
    public void Timestamp(DateTime value) => Int64((value.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    /// <summary>A date: days since 2000-01-01.</summary>
    public void Date(DateOnly value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value.DayNumber - PostgresEpochDay);
    }

    /// <summary>Raw bytes as the value (text is UTF-8; a uuid is its 16 bytes in network order).</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        var span = Reserve(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    /// <summary>Text without NUL characters, which PostgreSQL text cannot hold.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf((byte)0) < 0)
        {
            Bytes(utf8);
            return;
        }
        var span = Reserve(4 + utf8.Length);
        var length = 0;
        foreach (var b in utf8)
        {
            if (b != 0)
            {
                span[4 + length++] = b;
            }
        }
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _length -= utf8.Length - length;
    }

    /// <summary>jsonb: a version byte, then the JSON text.</summary>
    public void Jsonb(ReadOnlySpan<byte> json)
    {
        var span = Reserve(5 + json.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, json.Length + 1);
        span[4] = 1;
        json.CopyTo(span[5..]);
    }

    /// <summary>numeric: base-10000 digits with a weight, sign and display scale (the server's own layout).</summary>
    public void Numeric(decimal value)
    {
        Span<short> digits = stackalloc short[10];
        var count = PgNumeric.Encode(value, digits, out var weight, out var negative, out var scale);
        var span = Reserve(12 + 2 * count);
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + 2 * count);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], scale);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + 2 * i)..], digits[i]);
        }
    }

    /// <summary>Writes the trailer and everything buffered.</summary>
    public void Finish()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        Flush();
    }

    private void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Flush();
            if (_buffer.Length < count)
            {
                _buffer = new byte[count];
            }
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Writes everything buffered to the COPY stream.</summary>
    public void Flush()
    {
        _output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
