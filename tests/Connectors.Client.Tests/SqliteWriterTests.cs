using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Client.Caching;
using Connectors.Client.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// The SQLite cache's write path, in process: rows go in 32 per INSERT with their text bound without a copy (the rows'
/// pinned arenas, and native slots for <c>_airbyte_raw_id</c> and <c>_airbyte_extracted_at</c>), into a 64 KiB-page WAL
/// file. Every row lands once with its own values whatever the count (full statements, a remainder, several batches whose
/// rows are reused), and until the session commits, readers see the previous table and a dropped session leaves it.
/// </summary>
public sealed class SqliteWriterTests
{
    private const string Schema = """
        {"type":"object","properties":{"id":{"type":"integer"},"name":{"type":["null","string"]},"price":{"type":"number"},
         "flag":{"type":"boolean"},"tags":{"type":"array"}}}
        """;

    private const long FirstEmittedAt = 1_700_000_000_000;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(31, 31)]
    [InlineData(32, 32)]
    [InlineData(33, 33)]
    [InlineData(100, 100)]
    [InlineData(1000, 512)]
    [InlineData(1000, 7)]
    public void Every_row_lands_once_with_its_own_values_whatever_the_count(int count, int batchRows)
    {
        using var temp = new TempDirectory();
        var cache = new SqliteCache(temp.File("cache.sqlite"));
        using (var session = new CacheSession(cache))
        {
            var plan = Plan(cache);
            var writer = session.OpenWriter(plan);
            try
            {
                // One set of rows reused for every batch, as the pipeline reuses a stream's batches.
                var rows = Enumerable.Range(0, batchRows).Select(_ => new Row(plan.Schema.Columns.Count, arenaBytes: 16)).ToArray();
                var parser = new RowParser(plan.Schema, parseTemporal: false);
                for (var first = 1; first <= count; first += batchRows)
                {
                    var filled = Math.Min(batchRows, count - first + 1);
                    for (var i = 0; i < filled; i++)
                    {
                        Fill(parser, rows[i], first + i);
                    }
                    writer.Write(rows.AsSpan(0, filled));
                }
                session.Commit("source", [new StreamOutcome(plan, writer, session.StagingName(plan), [])], [], []);
            }
            finally
            {
                writer.Dispose();
            }
        }

        using var db = CacheInspector.Sqlite(cache.Path);
        Assert.Equal(count, db.Count("things"));
        Assert.Equal((long)count, Convert.ToInt64(db.Scalar("SELECT COUNT(DISTINCT id) FROM things")));
        Assert.Equal((long)count, Convert.ToInt64(db.Scalar("SELECT COUNT(DISTINCT _airbyte_raw_id) FROM things")));
        foreach (var row in db.Rows("SELECT id, name, price, flag, tags, _airbyte_extracted_at, _airbyte_meta, length(_airbyte_raw_id) FROM things"))
        {
            var id = Convert.ToInt32(row[0]);
            Assert.Equal(NameOf(id), row[1]);
            Assert.Equal(id % 10 == 3 ? null : (double?)(id * 0.5), row[2] is null ? null : Convert.ToDouble(row[2]));
            Assert.Equal(id % 2 == 0 ? 1L : 0L, Convert.ToInt64(row[3]));
            Assert.Equal($"[{id},\"t{id}\"]", row[4]);
            // Each row its own emitted_at, though rows of one statement are bound before it runs.
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FirstEmittedAt + id).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row[5]);
            // A nulled value's row (its meta copied) between rows whose meta is bound in place.
            Assert.Equal(id % 10 == 3 ? "{\"changes\":[{\"field\":\"price\",\"change\":\"NULLED\",\"reason\":\"DESTINATION_TYPECAST_ERROR\"}]}" : "{\"changes\":[]}", row[6]);
            Assert.Equal(36L, Convert.ToInt64(row[7]));
        }
    }

    [Fact]
    public void A_new_cache_file_has_64_KiB_pages_in_WAL_mode_and_an_older_file_keeps_its_pages()
    {
        using var temp = new TempDirectory();
        var fresh = new SqliteCache(temp.File("fresh.sqlite"));
        using (fresh.OpenConnection())
        {
        }
        Assert.Equal(SqliteCache.PageSize, Convert.ToInt64(Pragma(fresh.Path, "page_size")));
        Assert.Equal("wal", Pragma(fresh.Path, "journal_mode"));

        // A cache made before (4 KiB pages): written into as before, its pages unchanged.
        var older = temp.File("older.sqlite");
        using (var connection = new SqliteConnection($"Data Source={older};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (1);";
            command.ExecuteNonQuery();
        }
        var cache = new SqliteCache(older);
        Write(cache, 40);
        Assert.Equal(4096L, Convert.ToInt64(Pragma(older, "page_size")));
        using var db = CacheInspector.Sqlite(older);
        Assert.Equal(40, db.Count("things"));
        Assert.Equal(1, db.Count("kept"));
    }

    [Fact]
    public void Until_the_commit_readers_see_the_previous_table_and_a_dropped_session_leaves_it()
    {
        using var temp = new TempDirectory();
        var cache = new SqliteCache(temp.File("cache.sqlite"));
        Write(cache, 10);

        // More than the 16 MiB page cache, so written pages spill into the WAL before the end.
        using (var session = new CacheSession(cache))
        {
            var plan = Plan(cache);
            using var writer = session.OpenWriter(plan);
            var rows = Enumerable.Range(0, 512).Select(_ => new Row(plan.Schema.Columns.Count)).ToArray();
            var parser = new RowParser(plan.Schema, parseTemporal: false);
            var padding = new string('x', 1000);
            for (var first = 1; first <= 24_000; first += rows.Length)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    Fill(parser, rows[i], first + i, padding);
                }
                writer.Write(rows);
            }
            using var reader = CacheInspector.Sqlite(cache.Path);
            Assert.Equal(10, reader.Count("things"));
            Assert.Empty(reader.Rows("SELECT name FROM sqlite_master WHERE name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"));
        }

        using var db = CacheInspector.Sqlite(cache.Path);
        Assert.Equal(10, db.Count("things"));
        Assert.Equal(10L, Convert.ToInt64(db.Scalar("SELECT MAX(id) FROM things")));
        Assert.Empty(db.Rows("SELECT name FROM sqlite_master WHERE name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"));
    }

    /// <summary>Writes rows 1..count in one committed session.</summary>
    private static void Write(SqliteCache cache, int count)
    {
        using var session = new CacheSession(cache);
        var plan = Plan(cache);
        using var writer = session.OpenWriter(plan);
        var rows = Enumerable.Range(0, count).Select(_ => new Row(plan.Schema.Columns.Count)).ToArray();
        var parser = new RowParser(plan.Schema, parseTemporal: false);
        for (var i = 0; i < count; i++)
        {
            Fill(parser, rows[i], i + 1);
        }
        writer.Write(rows);
        session.Commit("source", [new StreamOutcome(plan, writer, session.StagingName(plan), [])], [], []);
    }

    private static CacheStreamPlan Plan(SqliteCache cache)
    {
        using var document = JsonDocument.Parse(Schema);
        var schema = TableSchema.From(document.RootElement.Clone(), []);
        return new CacheStreamPlan("things", cache.TableName("things"), schema, WriteStrategy.Replace);
    }

    /// <summary>Parses record <paramref name="id"/> into <paramref name="row"/>, as a read does (every tenth price a string: nulled).</summary>
    private static void Fill(RowParser parser, Row row, int id, string padding = "")
    {
        var name = NameOf(id) is { } text ? JsonSerializer.Serialize(text + padding) : "null";
        var price = id % 10 == 3 ? "\"cheap\"" : (id * 0.5).ToString(CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetBytes($"{{\"id\":{id},\"name\":{name},\"price\":{price},\"flag\":{(id % 2 == 0 ? "true" : "false")},\"tags\":[{id},\"t{id}\"]}}");
        row.Clear();
        parser.Row = row;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        parser.Parse(ref reader, json);
        row.EmittedAt = FirstEmittedAt + id;
    }

    /// <summary>Empty, null, escaped, non-ASCII and long names, so arenas grow and shrink between reuses.</summary>
    private static string? NameOf(int id) => (id % 6) switch
    {
        0 => "",
        1 => null,
        2 => "quote \" and\nline",
        3 => "ünïcödé ☃",
        4 => new string('n', 20_000 + id),
        _ => "plain " + id,
    };

    private static object Pragma(string path, string name)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return command.ExecuteScalar()!;
    }
}
