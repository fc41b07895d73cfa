using SQLitePCL;

namespace Sqlite;

/// <summary>
/// Puts SQLite in multi-thread mode before the first connection opens. In its default serialized mode every bind and
/// step locks and unlocks the connection's mutex, about 50 calls per row; the destination uses each connection from one
/// thread at a time, which is all multi-thread mode asks.
/// </summary>
internal static class MultiThreadMode
{
    private const int SqliteConfigMultiThread = 2;

    private static bool _done;

    public static void Enable()
    {
        if (_done)
        {
            return;
        }
        _done = true;
        Batteries_V2.Init();
        // sqlite3_config only works while the library is not initialized; a failure just leaves serialized mode.
        raw.sqlite3_shutdown();
        raw.sqlite3_config(SqliteConfigMultiThread);
        raw.sqlite3_initialize();
    }
}
