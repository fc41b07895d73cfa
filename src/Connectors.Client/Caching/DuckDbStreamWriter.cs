using System;
using DuckDB.NET.Data;

namespace Connectors.Client.Caching;

/// <summary>Appends rows with DuckDB's appender (columnar chunks, no SQL per row), inside the session's transaction.</summary>
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
                case CellKind.Text:
                    appender.AppendValue(row.TextString(i));
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
        appender.AppendValue(row.MetaString());
        appender.EndRow();
    }

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
