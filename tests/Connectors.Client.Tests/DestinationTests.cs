using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Destinations;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>Faker into the SQLite destination sample, straight from the source and from a cache.</summary>
public sealed class DestinationTests
{
    [Fact]
    public async Task A_source_is_piped_into_a_destination_whose_every_state_echo_is_checked_and_kept_as_progress()
    {
        using var temp = new TempDirectory();
        var store = new SqliteCache(temp.File("state.sqlite"));
        var database = temp.File("destination.db");
        var destination = new Destination(new LocalExecutor(Built.SqliteDestination), new JsonObject { ["path"] = database });
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 120));

        var first = await destination.WriteAsync(source, new WriteOptions { StateStore = store });
        Assert.True(first.StatesSent >= 3);
        Assert.Equal(first.StatesSent, first.StatesAcknowledged);
        Assert.Equal(["products", "purchases", "users"], first.Progress.Keys.Order());
        using (var db = CacheInspector.Sqlite(database))
        {
            Assert.Equal(120, db.Count("users"));
            Assert.Equal(100, db.Count("products"));
        }
        using (var saved = CacheInspector.Sqlite(store.Path))
        {
            Assert.Contains("updated_at", saved.State("source-faker", "users", "destination-sqlite"));
            Assert.Null(saved.State("source-faker", "users"));
        }

        // The next write resumes from the acknowledged states: nothing new.
        var second = await destination.WriteAsync(source, new WriteOptions { StateStore = store });
        Assert.Equal(0, second.Records);
        Assert.Equal(second.StatesSent, second.StatesAcknowledged);
        using (var db = CacheInspector.Sqlite(database))
        {
            Assert.Equal(120, db.Count("users"));
        }
    }

    [Fact]
    public async Task A_cache_is_written_to_a_destination_whole()
    {
        using var temp = new TempDirectory();
        var cache = new DuckDbCache(temp.File("cache.duckdb"));
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 60));
        source.SelectStreams("users", "products");
        await source.ReadAsync(cache);

        var database = temp.File("destination.db");
        var destination = new Destination(new LocalExecutor(Built.SqliteDestination), new JsonObject { ["path"] = database });
        var written = await destination.WriteAsync(cache, "source-faker");
        Assert.Equal(160, written.Records);
        Assert.Equal(2, written.StatesAcknowledged);
        using var db = CacheInspector.Sqlite(database);
        Assert.Equal(60, db.Count("users"));
        Assert.Equal(100, db.Count("products"));
        var row = db.Rows("SELECT id, email, updated_at, address FROM users WHERE id = 3").Single();
        Assert.Equal(3L, row[0]);
        Assert.Contains("@", (string)row[1]!);
        Assert.StartsWith("20", (string)row[2]!);
        Assert.Contains("\"city\"", (string)row[3]!);
    }
}
