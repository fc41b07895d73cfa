using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Npgsql;

namespace Connectors.IntegrationTests.PgSource;

/// <summary>A database of the run's cluster for the PostgreSQL source: tables of every common column type in schema <c>shop</c>.</summary>
internal sealed class SourceDatabase(PostgresCluster cluster, string name)
{
    public const string Schema = """
        CREATE SCHEMA shop;
        CREATE TYPE shop.mood AS ENUM ('happy', 'sad');
        CREATE TABLE shop.all_types (
            id integer PRIMARY KEY,
            small smallint, big bigint NOT NULL, exact numeric(20,6), ratio real, measure double precision,
            flag boolean, label text, code varchar(10), fixed char(3), key uuid,
            day date, seen timestamp, updated_at timestamptz, opens time, span interval,
            doc json, tags jsonb, raw bytea, scores integer[], names text[], feeling shop.mood);
        CREATE TABLE shop.orders (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, amount numeric(12,2), note text);
        CREATE TABLE shop.lines (order_id bigint, line integer, sku text, PRIMARY KEY (order_id, line));
        CREATE VIEW shop.big_orders AS SELECT id, amount FROM shop.orders WHERE amount > 100;
        CREATE TABLE public.elsewhere (id integer PRIMARY KEY);
        """;

    public string Name => name;

    public static async Task<SourceDatabase> CreateAsync(PostgresCluster cluster, string sql = "")
    {
        var database = new SourceDatabase(cluster, await cluster.CreateDatabaseAsync());
        await database.ExecuteAsync(Schema + sql);
        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await cluster.OpenAsync(name);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await cluster.OpenAsync(name);
        await using var command = new NpgsqlCommand(sql, connection);
        return System.Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The source's config as JSON text.</summary>
    public string Config(int checkpointRows = 10_000, string[]? schemas = null, int? port = null, string? password = null) =>
        JsonSerializer.Serialize(new
        {
            host = "127.0.0.1",
            port = port ?? cluster.Port,
            database = name,
            username = cluster.User,
            password,
            schemas = schemas ?? ["shop"],
            ssl_mode = "disable",
            checkpoint_rows = checkpointRows,
        });

    public string ConfigFile(int checkpointRows = 10_000) => TestFiles.Write("pg-source-config.json", Config(checkpointRows));

    /// <summary>The sample, run as a process; records are validated against the catalog it discovers in this database.</summary>
    public Connector Source(int checkpointRows = 10_000) => Connector.OfSolution("source-postgres", Config(checkpointRows));
}
