using System;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Sqlite;

/// <summary>
/// A prepared statement whose values are bound through SQLite's C functions directly, without a copy: the caller keeps
/// the bound bytes pinned until <see cref="Step"/>. Binding is most of the cost of an insert, and this path binds a
/// value in a few nanoseconds instead of a managed call, a handle reference and a malloc and copy inside SQLite.
/// </summary>
internal sealed unsafe partial class NativeStatement : IDisposable
{
    private const string Library = "e_sqlite3";

    // SQLITE_STATIC: the memory stays valid until the statement is stepped; SQLITE_TRANSIENT: SQLite copies it.
    private static readonly IntPtr Static = IntPtr.Zero;
    private static readonly IntPtr Transient = new(-1);

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;

    public NativeStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>Binds UTF-8 text that stays pinned until <see cref="Step"/>.</summary>
    public void BindPinnedText(int index, byte* text, int length) => Check(BindText(_handle, index, text, length, Static));

    /// <summary>Binds UTF-8 text that SQLite copies (for bytes that may move or change before the step).</summary>
    public void BindText(int index, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            Check(BindText(_handle, index, bytes, text.Length, Transient));
        }
    }

    public void BindInt64(int index, long value) => Check(BindInt64(_handle, index, value));

    public void BindDouble(int index, double value) => Check(BindDouble(_handle, index, value));

    public void BindNull(int index) => Check(BindNull(_handle, index));

    /// <summary>Runs the statement (an insert) and resets it for the next row.</summary>
    public void Step()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }

    // Binding neither blocks nor calls back into managed code, so it may skip the GC transition.
    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static partial int BindText(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    private static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    private static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    private static partial int BindNull(IntPtr statement, int index);
}
