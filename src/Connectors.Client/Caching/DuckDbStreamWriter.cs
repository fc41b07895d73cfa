using System;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using NativeMethods = DuckDB.NET.Native.NativeMethods;

namespace Connectors.Client.Caching;

/// <summary>
/// Appends rows with DuckDB's appender (columnar chunks, no SQL per row). Text goes in as the UTF-8 bytes parsed from the
/// message line (the appender's span overload copies them into the VARCHAR vector): no string is made per value. Every
/// <c>flushRows</c> rows the native appender is flushed into the transaction, so its buffer stays one row group.
/// </summary>
internal sealed class DuckDbStreamWriter : StreamWriter
{
    private readonly DuckDBAppender _appender;
    private readonly CacheColumn[] _columns;
    private readonly int _flushRows;
    private int _unflushed;
    private long _extractedAtMs = long.MinValue;
    private DateTime _extractedAt;
    private bool _closed;

    public DuckDbStreamWriter(DuckDBAppender appender, TableSchema schema, int flushRows)
    {
        _appender = appender;
        _columns = [.. schema.Columns];
        _flushRows = flushRows;
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
        if (++_unflushed == _flushRows)
        {
            _unflushed = 0;
            Flush();
        }
    }

    /// <summary>
    /// Flushes DuckDB's appender (its C API's duckdb_appender_flush, which DuckDB.NET does not expose; the rows of the
    /// vector DuckDB.NET is still filling follow at the next flush). Within the session's transaction: nothing is committed.
    /// </summary>
    private void Flush()
    {
        if (NativeMethods.Appender.DuckDBAppenderFlush(NativeAppender(_appender)) != DuckDB.NET.Native.DuckDBState.Success)
        {
            throw new InvalidOperationException("DuckDB could not flush the appender into the staging table.");
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "nativeAppender")]
    private static extern ref DuckDB.NET.Native.DuckDBAppender NativeAppender(DuckDBAppender appender);

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
