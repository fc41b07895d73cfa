using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Client.Caching;

/// <summary>
/// Inserts rows with one prepared statement bound through SQLite's C API (SQLitePCLRaw): text goes in as the UTF-8 bytes
/// parsed from the message line, no string is made. Runs inside the session's transaction.
/// </summary>
internal sealed class SqliteStreamWriter : StreamWriter
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly TableSchema _schema;
    private readonly byte[] _extractedAt = new byte[40];
    private int _extractedAtLength;
    private long _extractedAtMs = long.MinValue;

    public SqliteStreamWriter(SqliteConnection connection, string sql, TableSchema schema)
    {
        _database = connection.Handle!;
        _schema = schema;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
    }

    public override void Write(Row row)
    {
        var cells = row.Cells;
        var statement = _handle;
        var index = 1;
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
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
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

    public override void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
