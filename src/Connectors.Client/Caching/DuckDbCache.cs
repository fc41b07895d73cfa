using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using DuckDB.NET.Data;

namespace Connectors.Client.Caching;

/// <summary>
/// A cache in a DuckDB file (PyAirbyte's default cache). Column types are <c>BIGINT</c>, <c>DOUBLE</c>, <c>BOOLEAN</c>,
/// <c>VARCHAR</c>, <c>DATE</c>, <c>TIMESTAMPTZ</c>, <c>TIMESTAMP</c> and <c>JSON</c>; <c>_airbyte_raw_id</c> is a
/// <c>UUID</c>. Rows go in through DuckDB's appender, inside the read's one transaction: DuckDB writes a large
/// transaction's appended row groups straight to the database file (no WAL, and a crash leaves no staging table), and
/// the appender is flushed every <see cref="FlushRows"/> rows so it never buffers more than a row group. (Staging rows as
/// CSV files loaded by DuckDB's CSV reader was measured too: it cost more CPU per row than the appender; see
/// bench/README.md.)
/// </summary>
public sealed class DuckDbCache : SqlCache
{
    /// <summary>A cache in the file at <paramref name="path"/> (created when missing).</summary>
    public DuckDbCache(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>DuckDB's <c>memory_limit</c> for the client's connections (default <c>256MB</c>).</summary>
    public string MemoryLimit { get; init; } = "256MB";

    /// <summary>
    /// Rows the appender buffers before it hands them to the transaction (default 122,880: one DuckDB row group). DuckDB's
    /// own default is 204,800 rows, held as uncompressed vectors; a full row group is what DuckDB writes to the file at once.
    /// </summary>
    internal int FlushRows { get; init; } = 122_880;

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

    // Appends inside the read's transaction: DuckDB writes a transaction's full row groups to the file as they fill
    // (optimistic writes) instead of committing each appender flush to the WAL and checkpointing it again.
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
        session.Execute(CreateTableSql(staging, plan.Schema, unlogged: false));
        // On the read's writing thread (RowPipeline): the appender's cost (DuckDB's own, about 8 µs a row) no longer
        // holds up the reading and parsing of the source's output.
        return new DuckDbStreamWriter(((DuckDBConnection)session.Connection).CreateAppender(staging), plan.Schema, FlushRows);
    }
}
