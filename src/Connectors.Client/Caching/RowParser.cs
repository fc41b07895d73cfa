using System;
using System.Text.Json;

namespace Connectors.Client.Caching;

/// <summary>
/// Parses a record's <c>data</c> object straight from the message line into a <see cref="Row"/>, with the reader already
/// on the object's start: no JsonDocument, no string per value. Properties are matched to columns by their UTF-8 names,
/// trying the next column first (records usually follow their schema's order). A value that does not fit its column
/// (a string in an integer column, an unparsable timestamp) becomes null and is listed in <c>_airbyte_meta</c>; properties
/// the schema does not declare are not stored.
/// </summary>
internal sealed class RowParser
{
    private readonly TableSchema _schema;
    private readonly CacheColumn[] _columns;
    private readonly bool _parseTemporal;

    /// <param name="schema">The table.</param>
    /// <param name="parseTemporal">Parse dates and timestamps (a cache with temporal column types); else keep their text.</param>
    public RowParser(TableSchema schema, bool parseTemporal)
    {
        _schema = schema;
        _columns = [.. schema.Columns];
        _parseTemporal = parseTemporal;
        Row = new Row(_columns.Length);
    }

    /// <summary>The number of data columns a row of this parser has.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The row the next record is parsed into (a read points it at the next free row of its stream's batch).</summary>
    public Row Row { get; set; }

    /// <summary>Reads the object the reader is on (its StartObject) into <see cref="Row"/>; <paramref name="line"/> is the reader's buffer.</summary>
    public void Parse(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A record's data is not an object.");
        }
        if (_schema.WholeRecord)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            Row.SetText(0, line[start..(int)reader.BytesConsumed]);
            return;
        }
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = Find(ref reader, next);
            reader.Read();
            if (column < 0)
            {
                reader.Skip();
                continue;
            }
            next = column + 1;
            ReadValue(ref reader, line, column);
        }
    }

    private int Find(ref Utf8JsonReader reader, int next)
    {
        var columns = _columns;
        for (var i = next; i < columns.Length; i++)
        {
            if (reader.ValueTextEquals(columns[i].PropertyUtf8))
            {
                return i;
            }
        }
        for (var i = 0; i < next && i < columns.Length; i++)
        {
            if (reader.ValueTextEquals(columns[i].PropertyUtf8))
            {
                return i;
            }
        }
        return -1;
    }

    private void ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, int column)
    {
        ref var cell = ref Row.Cells[column];
        if (reader.TokenType == JsonTokenType.Null)
        {
            cell.Kind = CellKind.Null;
            return;
        }
        var type = _columns[column].Type;
        switch (type)
        {
            case ColumnType.Integer when reader.TokenType == JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    cell.Kind = CellKind.Integer;
                    cell.Integer = integer;
                    return;
                }
                if (reader.TryGetDouble(out var whole) && Math.Floor(whole) == whole && Math.Abs(whole) < 9.2e18)
                {
                    cell.Kind = CellKind.Integer;
                    cell.Integer = (long)whole;
                    return;
                }
                break;
            case ColumnType.Number when reader.TokenType == JsonTokenType.Number:
                if (reader.TryGetDouble(out var number))
                {
                    cell.Kind = CellKind.Number;
                    cell.Number = number;
                    return;
                }
                break;
            case ColumnType.Boolean when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                cell.Kind = CellKind.Boolean;
                cell.Integer = reader.TokenType == JsonTokenType.True ? 1 : 0;
                return;
            case ColumnType.String when reader.TokenType == JsonTokenType.String:
                SetString(ref reader, column, CellKind.Text);
                return;
            case ColumnType.Date or ColumnType.TimestampWithTimeZone or ColumnType.TimestampWithoutTimeZone when reader.TokenType == JsonTokenType.String:
                if (!_parseTemporal)
                {
                    SetString(ref reader, column, CellKind.Text);
                    return;
                }
                if (TryTemporal(ref reader, type, out var temporal))
                {
                    SetString(ref reader, column, CellKind.Temporal);
                    Row.Cells[column].Temporal = temporal;
                    return;
                }
                break;
            case ColumnType.Json:
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
                Row.SetText(column, line[start..(int)reader.BytesConsumed]);
                return;
        }
        // Does not fit the column: null it, and say so in _airbyte_meta.
        reader.Skip();
        cell.Kind = CellKind.Null;
        Row.Nulled.Add(_columns[column].Property);
    }

    private static bool TryTemporal(ref Utf8JsonReader reader, ColumnType type, out DateTimeOffset value)
    {
        if (type == ColumnType.TimestampWithTimeZone)
        {
            return reader.TryGetDateTimeOffset(out value);
        }
        if (reader.TryGetDateTime(out var dateTime))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Unspecified), TimeSpan.Zero);
            return true;
        }
        value = default;
        return false;
    }

    private void SetString(ref Utf8JsonReader reader, int column, CellKind kind)
    {
        if (!reader.ValueIsEscaped)
        {
            Row.SetText(column, reader.ValueSpan, kind);
            return;
        }
        var target = Row.Reserve(reader.ValueSpan.Length, out var start);
        var length = reader.CopyString(target);
        Row.Shrink(start, length);
        ref var cell = ref Row.Cells[column];
        cell.Kind = kind;
        cell.Start = start;
        cell.Length = length;
    }
}
