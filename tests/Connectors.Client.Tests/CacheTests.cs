using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Execution;
using Connectors.Client.Progress;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// Faker read into SQLite and DuckDB caches, each file then opened on its own: rows, column types, the state table; a
/// second read is incremental; a failing read leaves data and state as they were; a full refresh replaces.
/// </summary>
public sealed class CacheTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("duckdb")]
    public async Task A_read_fills_typed_tables_and_state_and_the_next_read_is_incremental(string kind)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cache." + kind);
        Cache cache = kind == "sqlite" ? new SqliteCache(path) : new DuckDbCache(path);
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 200));
        var phases = new System.Collections.Generic.List<SyncPhase>();
        var first = await source.ReadAsync(cache, progress: new Reporter(p => { lock (phases) { phases.Add(p.Phase); } }));
        Assert.Equal(200, first["users"].Records);
        Assert.Equal(100, first["products"].Records);
        Assert.Equal(WriteStrategy.Merge, first["users"].Strategy);
        Assert.Equal([SyncPhase.Reading, SyncPhase.Writing, SyncPhase.Finalizing, SyncPhase.Completed], phases.SkipWhile(p => p == SyncPhase.Starting).Distinct());
        var purchases = first["purchases"].Records;
        Assert.True(purchases > 0);

        using (var db = Open(kind, path))
        {
            Assert.Equal(200, db.Count("users"));
            Assert.Equal(100, db.Count("products"));
            Assert.Equal(purchases, db.Count("purchases"));
            var types = db.ColumnTypes("users");
            Assert.Equal(kind == "sqlite" ? "INTEGER" : "BIGINT", types["id"]);
            Assert.Equal(kind == "sqlite" ? "TEXT" : "VARCHAR", types["email"]);
            Assert.Equal(kind == "sqlite" ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE", types["updated_at"]);
            Assert.Equal("JSON", types["address"]);
            Assert.Equal(kind == "sqlite" ? "TEXT" : "UUID", types["_airbyte_raw_id"]);
            Assert.Equal(kind == "sqlite" ? "REAL" : "DOUBLE", db.ColumnTypes("products")["price"]);
            Assert.Equal(200L, Convert.ToInt64(db.Scalar("SELECT COUNT(DISTINCT _airbyte_raw_id) FROM users")));
            Assert.Equal("{\"changes\":[]}", Convert.ToString(db.Scalar("SELECT DISTINCT CAST(_airbyte_meta AS VARCHAR) FROM users")));
            Assert.Contains("@", Convert.ToString(db.Scalar("SELECT email FROM users WHERE id = 1")));
            Assert.Contains("\"city\"", Convert.ToString(db.Scalar("SELECT CAST(address AS VARCHAR) FROM users WHERE id = 1")));
            Assert.Contains("\"updated_at\"", db.State("source-faker", "users"));
            Assert.NotNull(db.State("source-faker", "purchases"));
        }
        var second = await source.ReadAsync(cache);
        Assert.Equal(0, second.Records);
        var stateBefore = State(kind, path, "users");
        using (var db = Open(kind, path))
        {
            Assert.Equal(200, db.Count("users"));
            Assert.Equal(purchases, db.Count("purchases"));
        }

        // More users appear; the read dies half-way: nothing of it is kept, not even its state.
        var failing = new Source(new LocalExecutor(FailingFaker(temp)), Configs.Faker(count: 600));
        var error = await Assert.ThrowsAsync<ConnectorFailedException>(() => failing.ReadAsync(cache));
        Assert.Equal(3, error.ExitCode);
        using (var db = Open(kind, path))
        {
            Assert.Equal(200, db.Count("users"));
            Assert.Equal(100, db.Count("products"));
            Assert.Empty(db.Rows(kind == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"
                : "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"));
        }
        Assert.Equal(stateBefore, State(kind, path, "users"));

        // The same growth read whole: merged in, incrementally (only the 400 new users).
        var grown = await new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 600)).ReadAsync(cache);
        Assert.Equal(400, grown["users"].Records);
        using (var db = Open(kind, path))
        {
            Assert.Equal(600, db.Count("users"));
            Assert.Equal(600L, Convert.ToInt64(db.Scalar("SELECT COUNT(DISTINCT id) FROM users")));
        }

        // A full refresh replaces the tables.
        var small = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 50));
        small.SelectStreams("users");
        var refreshed = await small.ReadAsync(cache, new ReadOptions { FullRefresh = true });
        Assert.Equal(WriteStrategy.Replace, refreshed["users"].Strategy);
        using (var db = Open(kind, path))
        {
            Assert.Equal(50, db.Count("users"));
            Assert.Equal(100, db.Count("products"));
        }
    }

    [Fact]
    public async Task Merge_keeps_the_last_row_of_a_key_and_append_keeps_every_row()
    {
        using var temp = new TempDirectory();
        var cache = new DuckDbCache(temp.File("merge.duckdb"));
        // Faker with always_updated re-sends every record: merge replaces rows, append accumulates them.
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 40, alwaysUpdated: true));
        source.SelectStreams("users");
        await source.ReadAsync(cache);
        await source.ReadAsync(cache);
        Assert.Equal(40, Count(cache, "users"));
        await source.ReadAsync(cache, new ReadOptions { WriteStrategy = WriteStrategy.Append });
        Assert.Equal(80, Count(cache, "users"));
    }

    private static long Count(Cache cache, string table)
    {
        using var connection = cache.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static string? State(string kind, string path, string stream)
    {
        using var db = Open(kind, path);
        return db.State("source-faker", stream);
    }

    internal static CacheInspector Open(string kind, string path) => kind == "sqlite" ? CacheInspector.Sqlite(path) : CacheInspector.DuckDb(path);

    /// <summary>Faker whose read stops after 150 lines with exit code 3 (spec and discover work).</summary>
    internal static string FailingFaker(TempDirectory temp)
    {
        var script = temp.Write("source-faker", $"""
            #!/bin/sh
            if [ "$1" = read ]; then
              dotnet '{Built.Faker}' "$@" | head -n 150
              exit 3
            fi
            exec dotnet '{Built.Faker}' "$@"

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    internal sealed class Reporter(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}
