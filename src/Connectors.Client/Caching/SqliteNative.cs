using System;
using System.Runtime.InteropServices;

namespace Connectors.Client.Caching;

/// <summary>
/// SQLite's bind functions called directly (the e_sqlite3 library SQLitePCLRaw loads): a bind is a few nanoseconds
/// instead of a SafeHandle reference count and a GC transition each, about twenty times per row. Binding neither blocks
/// nor calls back into managed code, so the GC transition is skipped.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";
    private static readonly IntPtr Static = IntPtr.Zero;
    private static readonly IntPtr Transient = new(-1);

    /// <summary>Binds text SQLITE_TRANSIENT: SQLite copies it (a malloc, a copy and a free per value).</summary>
    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            // A null pointer would bind NULL: an empty string needs a valid one.
            return BindText(statement, index, bytes == null ? (byte*)1 : bytes, text.Length, Transient);
        }
    }

    /// <summary>
    /// Binds text SQLITE_STATIC: SQLite keeps the address and reads the bytes when the statement steps, no copy. The
    /// caller guarantees that <paramref name="text"/> is pinned or native memory and stays unchanged until the step is done.
    /// </summary>
    public static int BindPinnedText(IntPtr statement, int index, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            return BindText(statement, index, bytes == null ? (byte*)1 : bytes, text.Length, Static);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static partial int BindText(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(IntPtr statement, int index);
}
