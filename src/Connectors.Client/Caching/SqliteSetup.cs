using SQLitePCL;

namespace Connectors.Client.Caching;

/// <summary>
/// Loads SQLite once, in multi-thread mode: each connection is used by one thread at a time, so the per-call mutex of the
/// default serialized mode (dozens of lock/unlock pairs per inserted row) buys nothing. Memory statistics are off too:
/// with them, every malloc and free SQLite makes takes a global mutex to count bytes nobody reads
/// (<c>sqlite3_memory_used</c> then reports 0).
/// </summary>
internal static class SqliteSetup
{
    private static readonly object Gate = new();
    private static bool _done;

    public static void Initialize()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            _done = true;
            Batteries_V2.Init();
            // sqlite3_config works only before SQLite initializes; if something opened a connection already, serialized mode stays.
            raw.sqlite3_shutdown();
            raw.sqlite3_config(2 /* SQLITE_CONFIG_MULTITHREAD */);
            raw.sqlite3_config(9 /* SQLITE_CONFIG_MEMSTATUS */, 0);
            raw.sqlite3_initialize();
        }
    }
}
