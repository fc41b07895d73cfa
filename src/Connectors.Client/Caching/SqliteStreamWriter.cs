using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Client.Caching;

/// <summary>
/// Inserts rows with prepared statements bound through SQLite's C API (SQLitePCLRaw): text goes in as the UTF-8 bytes
/// parsed from the message line, no string is made; a batch goes in several rows per INSERT (one statement execution for
/// many rows). Runs inside the session's transaction, on the read's writing thread.
/// </summary>
internal sealed class SqliteStreamWriter : StreamWriter
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _single;
    private readonly sqlite3_stmt? _multi;
    private readonly int _rowsPerStatement;
    private readonly int _columnsPerRow;
    private readonly byte[] _extractedAt = new byte[40];
    private int _extractedAtLength;
    private long _extractedAtMs = long.MinValue;

    /// <param name="connection">The session's connection.</param>
    /// <param name="sql">Builds the INSERT statement for a number of rows.</param>
    /// <param name="columnsPerRow">Every column of a row (the data columns and the three <c>_airbyte_</c> ones).</param>
    /// <param name="rowsPerStatement">Rows per multi-row INSERT (1: none).</param>
    public SqliteStreamWriter(SqliteConnection connection, Func<int, string> sql, int columnsPerRow, int rowsPerStatement)
    {
        _database = connection.Handle!;
        _columnsPerRow = columnsPerRow;
        _rowsPerStatement = rowsPerStatement;
        Check(raw.sqlite3_prepare_v2(_database, sql(1), out _single));
        if (rowsPerStatement > 1)
        {
            Check(raw.sqlite3_prepare_v2(_database, sql(rowsPerStatement), out _multi));
        }
    }

    public override void Write(Row row)
    {
        Bind(_single.DangerousGetHandle(), 1, row);
        Step(_single);
    }

    /// <summary>Full groups of rows go in through the multi-row INSERT (one statement execution for many rows), the rest one by one.</summary>
    public override void Write(ReadOnlySpan<Row> rows)
    {
        var i = 0;
        if (_multi is not null)
        {
            var handle = _multi.DangerousGetHandle();
            for (; i + _rowsPerStatement <= rows.Length; i += _rowsPerStatement)
            {
                for (var r = 0; r < _rowsPerStatement; r++)
                {
                    Bind(handle, 1 + r * _columnsPerRow, rows[i + r]);
                }
                Step(_multi);
            }
        }
        for (; i < rows.Length; i++)
        {
            Write(rows[i]);
        }
    }

    private void Bind(IntPtr statement, int index, Row row)
    {
        var cells = row.Cells;
        for (var i = 0; i < cells.Length; i++, index++)
        {
            ref var cell = ref cells[i];
            switch (cell.Kind)
            {
                case CellKind.Integer:
                case CellKind.Boolean:
                    SqliteNative.BindInt64(statement, index, cell.Integer);
                    break;
                case CellKind.Number:
                    SqliteNative.BindDouble(statement, index, cell.Number);
                    break;
                case CellKind.Text:
                case CellKind.Temporal:
                    SqliteNative.BindText(statement, index, row.Text(i));
                    break;
                default:
                    SqliteNative.BindNull(statement, index);
                    break;
            }
        }
        Span<byte> id = stackalloc byte[36];
        RawIds.Next().TryFormat(id, out _, "D");
        SqliteNative.BindText(statement, index++, id);
        SqliteNative.BindText(statement, index++, ExtractedAt(row.EmittedAt));
        SqliteNative.BindText(statement, index, row.Meta());
    }

    private void Step(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    /// <summary>The ISO 8601 text of emitted_at, formatted once per distinct millisecond.</summary>
    private ReadOnlySpan<byte> ExtractedAt(long ms)
    {
        if (ms != _extractedAtMs)
        {
            _extractedAtMs = ms;
            var text = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            _extractedAtLength = System.Text.Encoding.ASCII.GetBytes(text, _extractedAt);
        }
        return _extractedAt.AsSpan(0, _extractedAtLength);
    }

    public override void Complete()
    {
    }

    public override void Dispose()
    {
        _single.Dispose();
        _multi?.Dispose();
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
