using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using DuckDB.NET.Data;

namespace Connectors.Client.Caching;

/// <summary>
/// A cache in a DuckDB file (PyAirbyte's default cache). Column types are <c>BIGINT</c>, <c>DOUBLE</c>, <c>BOOLEAN</c>,
/// <c>VARCHAR</c>, <c>DATE</c>, <c>TIMESTAMPTZ</c>, <c>TIMESTAMP</c> and <c>JSON</c>; <c>_airbyte_raw_id</c> is a
/// <c>UUID</c>. A read writes each stream's parsed rows as newline-delimited JSON into staging files beside the database
/// and loads each file (up to <see cref="FileRows"/> rows or <see cref="FileBytes"/> bytes) with DuckDB's own JSON reader
/// into the staging table, inside the read's one transaction (see <see cref="DuckDbStreamWriter"/>): DuckDB's memory then
/// stays near <see cref="MemoryLimit"/> (with its appender it grew with the rows appended), for about the same CPU per row.
/// See bench/README.md.
/// </summary>
public sealed class DuckDbCache : SqlCache
{
    /// <summary>A cache in the file at <paramref name="path"/> (created when missing).</summary>
    public DuckDbCache(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>DuckDB's <c>memory_limit</c> for the client's connections (default <c>64MB</c>: a read's load spills beyond it; more only speeds up large merges).</summary>
    public string MemoryLimit { get; init; } = "64MB";

    /// <summary>Rows per staging file (default 1,048,576); a file is loaded into the staging table when it has this many.</summary>
    internal int FileRows { get; init; } = 1 << 20;

    /// <summary>Bytes per staging file (default 256 MiB; DuckDB spends about a quarter of a second of CPU per load, so fewer, larger files cost less): what a read keeps on disk beside the database per stream at most.</summary>
    internal long FileBytes { get; init; } = 256L << 20;

    /// <summary>DuckDB's <c>threads</c> while a read loads its staging files (default 1: the client's other thread parses).</summary>
    internal int LoadThreads { get; init; } = 1;

    /// <inheritdoc />
    public override string Kind => "duckdb";

    /// <inheritdoc />
    public override string Location => Path;

    /// <inheritdoc />
    public override DbConnection OpenConnection()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var connection = new DuckDBConnection($"Data Source={Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        // DuckDB's buffer pool may otherwise take up to 80% of the machine's memory; the client caps it.
        command.CommandText = $"SET memory_limit = '{MemoryLimit}'";
        command.ExecuteNonQuery();
        return connection;
    }

    internal override bool ParsesTemporal => true;

    // Loads inside the read's transaction: DuckDB writes a transaction's full row groups to the file as they fill
    // (optimistic writes) instead of committing each load to the WAL and checkpointing it again.
    internal override bool StagingInTransaction => true;

    internal override string Qualify(string table) => Quote(table);

    internal override string Parameter(string name) => "$" + name;

    internal override void AddParameter(DbCommand command, string name, object? value) =>
        ((DuckDBCommand)command).Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));

    internal override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Number => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.String => "VARCHAR",
        ColumnType.Date => "DATE",
        ColumnType.TimestampWithTimeZone => "TIMESTAMPTZ",
        ColumnType.TimestampWithoutTimeZone => "TIMESTAMP",
        _ => "JSON",
    };

    internal override string RawIdType => "UUID";

    internal override string TimestampType => "TIMESTAMPTZ";

    internal override string MetaType => "JSON";

    internal override string LatestPerKeySql(string staging, string columns, IEnumerable<string> key) =>
        $"SELECT {columns} FROM {staging} QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", key)} ORDER BY rowid DESC) = 1";

    internal override IReadOnlyList<string> ColumnsOf(CacheSession session, string table) =>
        Query(session, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $table ORDER BY ordinal_position",
            ("table", table));

    internal override StreamWriter CreateWriter(CacheSession session, CacheStreamPlan plan, string staging)
    {
        lock (session) // another stream's file may be loading on the session's connection
        {
            session.Execute(CreateTableSql(staging, plan.Schema, unlogged: false));
            session.Execute($"SET threads = {LoadThreads}");
        }
        // What a killed read left beside the database goes first (DuckDB's own lock keeps other processes out).
        DuckDbStagingClaims.RemoveAbandoned(Path);
        // On the read's writing thread (RowPipeline): rows go to staging files, loaded by DuckDB's JSON reader.
        return new DuckDbStreamWriter(session, staging, plan.Schema, DuckDbStreamWriter.DirectoryFor(Path, staging), FileRows, FileBytes);
    }
}
