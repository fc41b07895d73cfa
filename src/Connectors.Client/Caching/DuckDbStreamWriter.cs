using System;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;

namespace Connectors.Client.Caching;

/// <summary>
/// Appends rows with DuckDB's appender (columnar chunks, no SQL per row). Text goes in as the UTF-8 bytes parsed from the
/// message line (the appender's span overload copies them into the VARCHAR vector): no string is made per value.
/// </summary>
internal sealed class DuckDbStreamWriter : StreamWriter
{
    private readonly DuckDBAppender _appender;
    private readonly CacheColumn[] _columns;
    private long _extractedAtMs = long.MinValue;
    private DateTime _extractedAt;
    private bool _closed;

    public DuckDbStreamWriter(DuckDBAppender appender, TableSchema schema)
    {
        _appender = appender;
        _columns = [.. schema.Columns];
    }

    public override void Write(Row row)
    {
        var appender = _appender.CreateRow();
        var cells = row.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            ref var cell = ref cells[i];
            switch (cell.Kind)
            {
                case CellKind.Integer:
                    appender.AppendValue((long?)cell.Integer);
                    break;
                case CellKind.Boolean:
                    appender.AppendValue((bool?)(cell.Integer != 0));
                    break;
                case CellKind.Number:
                    appender.AppendValue((double?)cell.Number);
                    break;
                case CellKind.Text when cell.Length == 0:
                    appender.AppendValue(""); // a fixed empty span is a null pointer
                    break;
                case CellKind.Text:
                    appender.AppendValue(Utf8(row.Text(i)));
                    break;
                case CellKind.Temporal:
                    switch (_columns[i].Type)
                    {
                        case ColumnType.Date:
                            appender.AppendValue((DateOnly?)DateOnly.FromDateTime(cell.Temporal.DateTime));
                            break;
                        case ColumnType.TimestampWithoutTimeZone:
                            appender.AppendValue((DateTime?)cell.Temporal.DateTime);
                            break;
                        default:
                            appender.AppendValue((DateTime?)cell.Temporal.UtcDateTime);
                            break;
                    }
                    break;
                default:
                    appender.AppendNullValue();
                    break;
            }
        }
        appender.AppendValue((Guid?)RawIds.Next());
        if (row.EmittedAt != _extractedAtMs)
        {
            _extractedAtMs = row.EmittedAt;
            _extractedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.EmittedAt).UtcDateTime;
        }
        appender.AppendValue((DateTime?)_extractedAt);
        appender.AppendValue(Utf8(row.Meta()));
        appender.EndRow();
    }

    /// <summary>The appender takes a writable span, but only reads it.</summary>
    private static Span<byte> Utf8(ReadOnlySpan<byte> text) => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(text), text.Length);

    public override void Complete()
    {
        if (!_closed)
        {
            _closed = true;
            _appender.Close();
        }
    }

    public override void Dispose()
    {
        try
        {
            _appender.Dispose();
        }
        catch (DuckDBException)
        {
        }
    }
}
