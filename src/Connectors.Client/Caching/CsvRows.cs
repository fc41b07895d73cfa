using System;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Connectors.Client.Caching;

/// <summary>
/// Rows as CSV lines (RFC 4180: <c>,</c> between fields, <c>\n</c> after each row, text always quoted with <c>"</c>
/// doubled inside, NULL as an empty unquoted field), formatted straight from the parsed row's bytes into one growing buffer.
/// Text that is quoted is never NULL, so an empty string stays an empty string. Dates and timestamps are written in the
/// canonical form DuckDB reads (<c>2024-05-01 10:00:00.000000+00</c>), from the values the parser checked.
/// </summary>
internal sealed class CsvRows
{
    private readonly CacheColumn[] _columns;
    private byte[] _buffer = new byte[1 << 16];
    private readonly byte[] _extractedAt = new byte[40];
    private int _extractedAtLength;
    private long _extractedAtMs = long.MinValue;

    public CsvRows(TableSchema schema) => _columns = [.. schema.Columns];

    /// <summary>Bytes formatted since the last <see cref="Clear"/>.</summary>
    public int Length { get; private set; }

    /// <summary>The longest row formatted so far, newline included.</summary>
    public int LongestRow { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Appends one row: its data columns, then a new raw id, its extraction time and its meta.</summary>
    public void Append(Row row)
    {
        var start = Length;
        var cells = row.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                Byte((byte)',');
            }
            ref var cell = ref cells[i];
            switch (cell.Kind)
            {
                case CellKind.Integer:
                    Format(cell.Integer, default);
                    break;
                case CellKind.Boolean:
                    Bytes(cell.Integer != 0 ? "true"u8 : "false"u8);
                    break;
                case CellKind.Number:
                    Format(cell.Number, "R");
                    break;
                case CellKind.Text:
                    Quoted(row.Text(i));
                    break;
                case CellKind.Temporal:
                    switch (_columns[i].Type)
                    {
                        case ColumnType.Date:
                            Format(cell.Temporal.DateTime, "yyyy-MM-dd");
                            break;
                        case ColumnType.TimestampWithoutTimeZone:
                            Format(cell.Temporal.DateTime, "yyyy-MM-dd HH:mm:ss.ffffff");
                            break;
                        default:
                            Format(cell.Temporal.UtcDateTime, "yyyy-MM-dd HH:mm:ss.ffffff");
                            Bytes("+00"u8);
                            break;
                    }
                    break;
            }
        }
        Byte((byte)',');
        Span<byte> id = stackalloc byte[36];
        RawIds.Next().TryFormat(id, out _, "D");
        Bytes(id);
        Byte((byte)',');
        Bytes(ExtractedAt(row.EmittedAt));
        Byte((byte)',');
        Quoted(row.Meta());
        Byte((byte)'\n');
        LongestRow = Math.Max(LongestRow, Length - start);
    }

    private ReadOnlySpan<byte> ExtractedAt(long ms)
    {
        if (ms != _extractedAtMs)
        {
            _extractedAtMs = ms;
            DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime
                .TryFormat(_extractedAt, out _extractedAtLength, "yyyy-MM-dd HH:mm:ss.fff'+00'", CultureInfo.InvariantCulture);
        }
        return _extractedAt.AsSpan(0, _extractedAtLength);
    }

    private void Quoted(ReadOnlySpan<byte> text)
    {
        if (!Utf8.IsValid(text))
        {
            // DuckDB refuses invalid UTF-8; the source's stray bytes become U+FFFD, as a .NET string would have them.
            text = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text));
        }
        Byte((byte)'"');
        while (true)
        {
            var quote = text.IndexOf((byte)'"');
            if (quote < 0)
            {
                Bytes(text);
                break;
            }
            Bytes(text[..(quote + 1)]);
            Byte((byte)'"');
            text = text[(quote + 1)..];
        }
        Byte((byte)'"');
    }

    private void Format<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(_buffer.AsSpan(Length), out written, format, CultureInfo.InvariantCulture))
        {
            Grow(64);
        }
        Length += written;
    }

    private void Byte(byte value)
    {
        if (Length == _buffer.Length)
        {
            Grow(1);
        }
        _buffer[Length++] = value;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Grow(int needed) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + needed));
}
