using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using Npgsql;

namespace Connectors.Client.Caching;

/// <summary>
/// A cache in a PostgreSQL schema (<c>public</c> unless the connection string says <c>Schema=…</c>). Column types are
/// <c>bigint</c>, <c>double precision</c>, <c>boolean</c>, <c>text</c>, <c>date</c>, <c>timestamptz</c>,
/// <c>timestamp</c> and <c>jsonb</c>; <c>_airbyte_raw_id</c> is a <c>uuid</c>. Each stream is loaded with binary COPY
/// into an unlogged staging table on a connection of its own, so streams may interleave; the swap into the final tables
/// and the new state happen in one transaction.
/// </summary>
public sealed class PostgresCache : SqlCache
{
    private readonly string _connectionString;

    /// <summary>A cache reached with an Npgsql connection string, plus an optional <c>Schema=NAME</c>.</summary>
    public PostgresCache(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        Schema = "public";
        if (builder.TryGetValue("Schema", out var schema) && schema?.ToString() is { Length: > 0 } name)
        {
            Schema = name;
            builder.Remove("Schema");
        }
        var npgsql = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        _connectionString = npgsql.ConnectionString;
        npgsql.Password = null;
        Location = npgsql.ConnectionString + $";Schema={Schema}";
    }

    /// <summary>The schema the tables live in.</summary>
    public string Schema { get; }

    /// <inheritdoc />
    public override string Kind => "postgres";

    /// <inheritdoc />
    public override string Location { get; }

    /// <inheritdoc />
    public override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {Quote(Schema)}";
        command.ExecuteNonQuery();
        return connection;
    }

    internal override bool ParsesTemporal => true;

    internal override string Qualify(string table) => Quote(Schema) + "." + Quote(table);

    internal override string Parameter(string name) => "@" + name;

    internal override void AddParameter(DbCommand command, string name, object? value) =>
        ((NpgsqlCommand)command).Parameters.AddWithValue(name, value ?? DBNull.Value);

    internal override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "bigint",
        ColumnType.Number => "double precision",
        ColumnType.Boolean => "boolean",
        ColumnType.String => "text",
        ColumnType.Date => "date",
        ColumnType.TimestampWithTimeZone => "timestamptz",
        ColumnType.TimestampWithoutTimeZone => "timestamp",
        _ => "jsonb",
    };

    internal override string RawIdType => "uuid";

    internal override string TimestampType => "timestamptz";

    internal override string MetaType => "jsonb";

    internal override string UnloggedKeyword => "UNLOGGED ";

    internal override string LatestPerKeySql(string staging, string columns, IEnumerable<string> key)
    {
        var keys = string.Join(", ", key);
        return $"SELECT DISTINCT ON ({keys}) {columns} FROM {staging} ORDER BY {keys}, ctid DESC";
    }

    internal override IReadOnlyList<string> ColumnsOf(CacheSession session, string table) =>
        Query(session, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table ORDER BY ordinal_position",
            ("schema", Schema), ("table", table));

    internal override StreamWriter CreateWriter(CacheSession session, CacheStreamPlan plan, string staging)
    {
        // Its own connection, so another stream's COPY can run at the same time; the staging table is committed at once and
        // dropped by the session if the read fails.
        var connection = (NpgsqlConnection)OpenConnection();
        try
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = CreateTableSql(staging, plan.Schema, unlogged: true);
                command.ExecuteNonQuery();
            }
            session.AddExternalStaging(staging);
            var columns = string.Join(", ", plan.Schema.AllColumnNames.Select(Quote));
            var importer = connection.BeginBinaryImport($"COPY {Qualify(staging)} ({columns}) FROM STDIN (FORMAT BINARY)");
            return new PostgresStreamWriter(connection, importer, plan.Schema);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
