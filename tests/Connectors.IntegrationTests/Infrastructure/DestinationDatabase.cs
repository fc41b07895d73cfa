using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>A row as the database returns it: column name → value (DBNull for SQL NULL).</summary>
internal sealed class Row : Dictionary<string, object>
{
    public long Id => Convert.ToInt64(this["id"], CultureInfo.InvariantCulture);
}

/// <summary>Where a destination under test writes, and how the test reads it back.</summary>
public abstract class DestinationDatabase
{
    internal abstract Connector Connector { get; }

    /// <summary>The destination's config file.</summary>
    internal abstract Task<string> ConfigAsync();

    /// <summary>Every row of a table; empty when the table does not exist.</summary>
    internal abstract Task<IReadOnlyList<Row>> RowsAsync(string table);

    /// <summary>Fails unless the database's own consistency check finds every table and index intact.</summary>
    internal abstract Task AssertIntactAsync();

    /// <summary>The destination process writes the database file itself, so killing it mid-write could tear the file.</summary>
    internal virtual bool WrittenInProcess => false;

    internal static async Task<IReadOnlyList<Row>> ReadAllAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var rows = new List<Row>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new Row();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.GetValue(i);
                }
                rows.Add(row);
            }
        }
        catch (DbException ex) when (ex.Message.Contains("no such table") || ex.Message.Contains("does not exist"))
        {
        }
        return rows;
    }

    /// <summary>
    /// The table holds exactly the given records, one row each (matched on <c>id</c>): every data field equal to its
    /// column, <c>_airbyte_extracted_at</c> the record's emitted_at, a distinct <c>_airbyte_raw_id</c> per row.
    /// </summary>
    /// <param name="extractedAt">Also check <c>_airbyte_extracted_at</c> (not when rows may come from an earlier read of the same records).</param>
    internal static void AssertRowsAre(IReadOnlyList<Row> rows, IEnumerable<JsonElement> records, string table, bool extractedAt = true)
    {
        var expected = records.ToList();
        Assert.True(expected.Count == rows.Count, $"{table}: {rows.Count} rows, {expected.Count} records expected");
        var byId = rows.ToDictionary(r => r.Id);
        foreach (var record in expected)
        {
            var data = record.GetProperty("data");
            var id = data.GetProperty("id").GetInt64();
            Assert.True(byId.TryGetValue(id, out var row), $"{table}: no row with id {id}");
            foreach (var field in data.EnumerateObject())
            {
                Assert.True(row.TryGetValue(field.Name, out var value), $"{table}: no column {field.Name}");
                Assert.True(StoredRows.Same(field.Value, value), $"{table} id {id}: {field.Name} is {StoredRows.Show(value)}, the record says {field.Value.GetRawText()}");
            }
            if (extractedAt)
            {
                var time = row["_airbyte_extracted_at"] switch
                {
                    DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                    var text => DateTimeOffset.Parse((string)text, CultureInfo.InvariantCulture),
                };
                Assert.Equal(record.GetProperty("emitted_at").GetInt64(), time.ToUnixTimeMilliseconds());
            }
        }
        Assert.Equal(rows.Count, rows.Select(r => r["_airbyte_raw_id"].ToString()).Distinct().Count());
    }

    /// <summary>The table's rows without the columns each write sets anew (raw id, extraction time), for comparing runs.</summary>
    internal static IReadOnlyList<string> DataOf(IReadOnlyList<Row> rows) =>
        rows.OrderBy(r => r.Id)
            .Select(r => string.Join("|", r.Where(c => c.Key is not ("_airbyte_raw_id" or "_airbyte_extracted_at")).OrderBy(c => c.Key).Select(c => c.Key + "=" + StoredRows.Show(c.Value))))
            .ToList();
}

/// <summary>A SQLite file of its own per test.</summary>
public sealed class SqliteDatabase : DestinationDatabase
{
    private readonly string _path = TestFiles.Write("dest.db", "");

    internal override Connector Connector => Connector.Sqlite;

    internal override Task<string> ConfigAsync() => Task.FromResult(TestFiles.Json("sqlite-config", new { path = _path }));

    internal override async Task<IReadOnlyList<Row>> RowsAsync(string table)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        return await ReadAllAsync(connection, table);
    }

    internal override bool WrittenInProcess => true;

    /// <summary><c>PRAGMA integrity_check</c>: pages, records, indexes and their agreement with the tables.</summary>
    internal override async Task AssertIntactAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await command.ExecuteScalarAsync());
    }
}

/// <summary>A database of its own per test on the run's PostgreSQL cluster.</summary>
public sealed class PostgresDatabase(PostgresCluster cluster) : DestinationDatabase
{
    private string? _database;

    internal override Connector Connector => Connector.Postgres;

    internal override async Task<string> ConfigAsync() => cluster.ConfigFile(_database ??= await cluster.CreateDatabaseAsync());

    internal override async Task<IReadOnlyList<Row>> RowsAsync(string table)
    {
        await using var connection = await cluster.OpenAsync(_database ??= await cluster.CreateDatabaseAsync());
        return await ReadAllAsync(connection, table);
    }

    /// <summary>amcheck: every table's heap (<c>verify_heapam</c>) and every B-tree index, with each heap row found in it.</summary>
    internal override async Task AssertIntactAsync()
    {
        await using var connection = await cluster.OpenAsync(_database ??= await cluster.CreateDatabaseAsync());
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE EXTENSION IF NOT EXISTS amcheck";
            await create.ExecuteNonQueryAsync();
        }
        // bt_index_check raises an error for an index that disagrees with itself or misses a heap row.
        await using (var indexes = connection.CreateCommand())
        {
            indexes.CommandText = """
                SELECT c.relname, bt_index_check(i.indexrelid, true)::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace
                """;
            await using var reader = await indexes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
        await using var heaps = connection.CreateCommand();
        heaps.CommandText = """
            SELECT t.relname || ': ' || v.msg FROM pg_class t, verify_heapam(t.oid) v
            WHERE t.relkind = 'r' AND t.relnamespace = 'public'::regnamespace
            """;
        var corrupt = new List<string>();
        await using (var reader = await heaps.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                corrupt.Add(reader.GetString(0));
            }
        }
        Assert.True(corrupt.Count == 0, "verify_heapam: " + string.Join("; ", corrupt));
    }
}
