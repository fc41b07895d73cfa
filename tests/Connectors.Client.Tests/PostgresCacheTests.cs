using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Connectors.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>The PostgreSQL cache, in the throwaway cluster the destination tests use.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCacheTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Faker_reads_into_typed_tables_incrementally_and_a_failed_read_changes_nothing()
    {
        using var temp = new TempDirectory();
        var database = await cluster.CreateDatabaseAsync();
        var cache = new PostgresCache($"Host=127.0.0.1;Port={cluster.Port};Database={database};Username={cluster.User};Pooling=false;Schema=raw");
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 150));
        var first = await source.ReadAsync(cache);
        Assert.Equal(150, first["users"].Records);

        await using (var connection = await cluster.OpenAsync(database))
        using (var db = CacheInspector.Postgres(connection, "raw"))
        {
            Assert.Equal(150, db.Count("users"));
            Assert.Equal(100, db.Count("products"));
            var types = db.ColumnTypes("users");
            Assert.Equal("BIGINT", types["id"]);
            Assert.Equal("TIMESTAMP WITH TIME ZONE", types["updated_at"]);
            Assert.Equal("JSONB", types["address"]);
            Assert.Equal("UUID", types["_airbyte_raw_id"]);
            Assert.Equal("DOUBLE PRECISION", db.ColumnTypes("products")["price"]);
            Assert.Contains("updated_at", db.State("source-faker", "users"));
        }

        Assert.Equal(0, (await source.ReadAsync(cache)).Records);
        var failing = new Source(new LocalExecutor(CacheTests.FailingFaker(temp)), Configs.Faker(count: 500));
        await Assert.ThrowsAsync<ConnectorFailedException>(() => failing.ReadAsync(cache));

        await using (var connection = await cluster.OpenAsync(database))
        using (var db = CacheInspector.Postgres(connection, "raw"))
        {
            Assert.Equal(150, db.Count("users"));
            Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '\\_airbyte\\_tmp\\_%'"));
        }
        var grown = await new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 500)).ReadAsync(cache);
        Assert.Equal(350, grown["users"].Records);
        await using (var connection = await cluster.OpenAsync(database))
        using (var db = CacheInspector.Postgres(connection, "raw"))
        {
            Assert.Equal(500, db.Count("users"));
        }
    }
}
