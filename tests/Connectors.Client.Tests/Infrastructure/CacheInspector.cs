using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connectors.Client.Tests.Infrastructure;

/// <summary>Opens a cache's database on its own (not through the client) and reads what a person would check.</summary>
internal sealed class CacheInspector : IDisposable
{
    private readonly DbConnection _connection;
    private readonly string _kind;
    private readonly string _schema;

    private CacheInspector(DbConnection connection, string kind, string schema = "public")
    {
        _connection = connection;
        _kind = kind;
        _schema = schema;
    }

    public static CacheInspector Sqlite(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return new CacheInspector(connection, "sqlite");
    }

    public static CacheInspector DuckDb(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return new CacheInspector(connection, "duckdb");
    }

    public static CacheInspector Postgres(NpgsqlConnection connection, string schema = "public") => new(connection, "postgres", schema);

    public long Count(string table) => Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM {Table(table)}"), CultureInfo.InvariantCulture);

    public object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Column name → declared type, as the database reports it.</summary>
    public Dictionary<string, string> ColumnTypes(string table)
    {
        var sql = _kind switch
        {
            "sqlite" => $"SELECT name, type FROM pragma_table_info('{table}')",
            "duckdb" => $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}'",
            _ => $"SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = '{table}'",
        };
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Rows(sql))
        {
            types[(string)row[0]!] = ((string)row[1]!).ToUpperInvariant();
        }
        return types;
    }

    /// <summary>The saved state of a stream (JSON), or null.</summary>
    public string? State(string source, string stream, string destination = "") =>
        Scalar($"SELECT state_json FROM {Table("_airbyte_state")} WHERE source_name = '{source}' AND destination_name = '{destination}' AND stream_name = '{stream}'") as string;

    private string Table(string table) => _kind == "postgres" ? $"\"{_schema}\".\"{table}\"" : $"\"{table}\"";

    public void Dispose() => _connection.Dispose();
}
