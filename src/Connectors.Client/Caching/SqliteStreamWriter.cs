using System;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Client.Caching;

/// <summary>
/// Inserts rows with prepared statements bound through SQLite's C API (SQLitePCLRaw): text goes in as the UTF-8 bytes
/// parsed from the message line, no string is made, and is bound without a copy (SQLITE_STATIC: the rows' arenas are
/// pinned, and a batch's rows are not touched until the writer is done with it; <c>_airbyte_raw_id</c> and
/// <c>_airbyte_extracted_at</c> are formatted into native memory, one slot per row of a statement). A batch goes in
/// several rows per INSERT (one statement execution for many rows). Runs inside the session's transaction, on the read's
/// writing thread.
/// </summary>
internal sealed unsafe class SqliteStreamWriter : StreamWriter
{
    /// <summary>A row's slot of native memory: its raw id (36 bytes) and its extracted_at (24 bytes).</summary>
    private const int SlotBytes = 64;
    private const int ExtractedAtOffset = 36;
    private const int ExtractedAtBytes = 24;

    /// <summary>The <c>_airbyte_meta</c> of a row with no change, in native memory for the process's life.</summary>
    private static readonly byte* NoChanges = NativeText("{\"changes\":[]}"u8);
    private static readonly int NoChangesLength = "{\"changes\":[]}"u8.Length;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _single;
    private readonly sqlite3_stmt? _multi;
    private readonly int _rowsPerStatement;
    private readonly int _columnsPerRow;
    private byte* _slots;
    private readonly byte[] _extractedAt = new byte[ExtractedAtBytes];
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
        _slots = (byte*)NativeMemory.Alloc((nuint)(rowsPerStatement * SlotBytes));
        Check(raw.sqlite3_prepare_v2(_database, sql(1), out _single));
        if (rowsPerStatement > 1)
        {
            Check(raw.sqlite3_prepare_v2(_database, sql(rowsPerStatement), out _multi));
        }
    }

    public override void Write(Row row)
    {
        Bind(_single.DangerousGetHandle(), 1, row, _slots);
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
                    Bind(handle, 1 + r * _columnsPerRow, rows[i + r], _slots + r * SlotBytes);
                }
                Step(_multi);
            }
        }
        for (; i < rows.Length; i++)
        {
            Write(rows[i]);
        }
    }

    /// <summary>Binds one row's columns from parameter <paramref name="index"/> on; <paramref name="slot"/> is the row's native
    /// memory for its raw id and extracted_at, unchanged until the statement stepped.</summary>
    private void Bind(IntPtr statement, int index, Row row, byte* slot)
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
                    SqliteNative.BindPinnedText(statement, index, row.Text(i));
                    break;
                default:
                    SqliteNative.BindNull(statement, index);
                    break;
            }
        }
        var id = new Span<byte>(slot, ExtractedAtOffset);
        RawIds.Next().TryFormat(id, out _, "D");
        SqliteNative.BindPinnedText(statement, index++, id);
        var extractedAt = new Span<byte>(slot + ExtractedAtOffset, ExtractedAtBytes);
        ExtractedAt(row.EmittedAt).CopyTo(extractedAt);
        SqliteNative.BindPinnedText(statement, index++, extractedAt);
        if (row.Nulled.Count == 0)
        {
            SqliteNative.BindPinnedText(statement, index, new ReadOnlySpan<byte>(NoChanges, NoChangesLength));
        }
        else
        {
            SqliteNative.BindText(statement, index, row.Meta()); // a new array: SQLite copies it
        }
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

    /// <summary>The ISO 8601 text of emitted_at (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, 24 bytes), formatted once per distinct millisecond.</summary>
    private ReadOnlySpan<byte> ExtractedAt(long ms)
    {
        if (ms != _extractedAtMs)
        {
            _extractedAtMs = ms;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            if (!at.TryFormat(_extractedAt, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) || written != ExtractedAtBytes)
            {
                throw new InvalidOperationException($"emitted_at {ms} does not format as a 24-byte timestamp.");
            }
        }
        return _extractedAt;
    }

    private static byte* NativeText(ReadOnlySpan<byte> text)
    {
        var memory = (byte*)NativeMemory.Alloc((nuint)text.Length);
        text.CopyTo(new Span<byte>(memory, text.Length));
        return memory;
    }

    public override void Complete()
    {
    }

    public override void Dispose()
    {
        _single.Dispose();
        _multi?.Dispose();
        NativeMemory.Free(_slots); // after the statements that point into it
        _slots = null;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
