using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace Connectors.Client.Caching;

/// <summary>
/// A cache in one SQLite file (the default: <c>cache/default.sqlite</c> in the connectors home). Column types are
/// <c>INTEGER</c>, <c>REAL</c>, <c>BOOLEAN</c> (0/1), <c>TEXT</c>, <c>DATE</c>, <c>TIMESTAMP</c> (ISO 8601 text, as the
/// source wrote it) and <c>JSON</c> (text). WAL mode, so readers see the old data while a read runs.
/// </summary>
public sealed class SqliteCache : SqlCache
{
    /// <summary>A cache in the file at <paramref name="path"/> (created when missing).</summary>
    public SqliteCache(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The page size of a new cache file, in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Kind => "sqlite";

    /// <inheritdoc />
    public override string Location => Path;

    /// <inheritdoc />
    public override DbConnection OpenConnection()
    {
        SqliteSetup.Initialize();
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // 64 KiB pages (SQLite's largest; it applies only to a new file, before its first table): a read writes every page
        // twice, into the WAL and at the commit's checkpoint into the file, with a write call per page (and a frame
        // header each in the WAL), so 16 times fewer pages is a sixth of the client's CPU time at 1M rows.
        // WAL: readers keep the old data during a read; NORMAL: durable at each checkpoint, fast. A 16 MiB page cache: a
        // read appends to the right edge of its staging table, so a larger cache only holds pages already written (the
        // memory then grew with the read's size up to the cache's); pages beyond it are spilled to the WAL.
        command.CommandText = $"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;";
        command.ExecuteNonQuery();
        return connection;
    }

    internal override bool ParsesTemporal => false;

    internal override bool StagingIsDeduplicated => true;

    // One transaction around the whole read: SQLite inserts fastest that way, and a failure rolls the staging tables back.
    internal override bool StagingInTransaction => true;

    internal override string Qualify(string table) => Quote(table);

    internal override string Parameter(string name) => "@" + name;

    internal override void AddParameter(DbCommand command, string name, object? value) =>
        ((SqliteCommand)command).Parameters.AddWithValue("@" + name, value ?? DBNull.Value);

    internal override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Number => "REAL",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.String => "TEXT",
        ColumnType.Date => "DATE",
        ColumnType.TimestampWithTimeZone or ColumnType.TimestampWithoutTimeZone => "TIMESTAMP",
        _ => "JSON",
    };

    internal override string RawIdType => "TEXT";

    internal override string TimestampType => "TIMESTAMP";

    internal override string MetaType => "JSON";

    internal override string LatestPerKeySql(string staging, string columns, IEnumerable<string> key) =>
        $"SELECT {columns} FROM {staging} WHERE rowid IN (SELECT MAX(rowid) FROM {staging} GROUP BY {string.Join(", ", key)})";

    internal override IReadOnlyList<string> ColumnsOf(CacheSession session, string table) =>
        Query(session, "SELECT name FROM pragma_table_info(@table)", ("table", table));

    internal override StreamWriter CreateWriter(CacheSession session, CacheStreamPlan plan, string staging)
    {
        session.Execute(CreateTableSql(staging, plan.Schema, unlogged: false));
        var upsert = plan.Strategy == WriteStrategy.Merge && plan.Schema.PrimaryKey.Count > 0;
        if (upsert)
        {
            // The last row read of a key wins while writing, so the merge at the end needs no deduplication.
            // Named after the run, not the staging table: a first read renames the staging table into the final one, index and all.
            session.Execute($"CREATE UNIQUE INDEX {Quote("_airbyte_pk_" + staging[StagingPrefix.Length..])} ON {Quote(staging)} ({string.Join(", ", plan.Schema.PrimaryKey.Select(Quote))})");
        }
        var columns = plan.Schema.AllColumnNames.ToList();
        var head = $"INSERT {(upsert ? "OR REPLACE " : "")}INTO {Quote(staging)} ({string.Join(", ", columns.Select(Quote))}) VALUES ";
        var values = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        // Up to 32 rows per INSERT, within SQLite's 32,766 parameters.
        var rows = Math.Clamp(32_766 / columns.Count, 1, 32);
        return new SqliteStreamWriter((SqliteConnection)session.Connection, count => head + string.Join(", ", Enumerable.Repeat(values, count)),
            columns.Count, rows);
    }
}
