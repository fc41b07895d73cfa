using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.PgSource;

/// <summary>
/// <c>source-postgres read | destination-… write</c> as real processes: a schema of several tables arrives with the same
/// rows and values in the SQLite and the PostgreSQL destination.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSourceRoundTripTests(PostgresCluster cluster)
{
    private const string Data = """
        INSERT INTO shop.orders SELECT i, '2024-01-01'::timestamptz + i * interval '1 minute', i * 1.25, 'order ' || i FROM generate_series(1, 500) i;
        INSERT INTO shop.lines SELECT i, l, 'sku-' || i || '-' || l FROM generate_series(1, 100) i, generate_series(1, 3) l;
        INSERT INTO shop.all_types (id, big, label, flag, day) VALUES (1, 7, 'é "q"', true, '2024-02-29'), (2, 8, NULL, false, NULL);
        """;

    private static async Task<(SourceDatabase Database, Connector Source, string Catalog)> SourceAsync(PostgresCluster cluster)
    {
        var database = await SourceDatabase.CreateAsync(cluster, Data);
        var source = database.Source();
        return (database, source, await source.WriteCatalogAsync("full_refresh", "append", "orders", "lines", "all_types"));
    }

    private static void AssertSameRows(string table, IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

    private static string Text(object value) => value is DBNull ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    [Fact]
    public async Task A_schema_of_several_tables_arrives_whole_in_sqlite()
    {
        var (database, source, catalog) = await SourceAsync(cluster);
        var destination = new SqliteDatabase();

        var sync = await Pipe.RunAsync(source, ["read", "--config", database.ConfigFile(), "--catalog", catalog],
            destination.Connector, ["write", "--config", await destination.ConfigAsync(), "--catalog", catalog]);

        Assert.True(sync.Source.ExitCode == 0 && sync.Destination.ExitCode == 0, sync.Source.Describe() + sync.Destination.Describe());
        // The SQLite destination names a namespaced stream's table namespace_name.
        var orders = await destination.RowsAsync("shop_orders");
        AssertSameRows("orders", Enumerable.Range(1, 500).Select(i => $"{i}|order {i}|{(i * 1.25m).ToString("0.00", CultureInfo.InvariantCulture)}"),
            orders.Select(r => $"{r.Id}|{r["note"]}|{Convert.ToDecimal(r["amount"], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)}"));
        var lines = await destination.RowsAsync("shop_lines");
        AssertSameRows("lines", Enumerable.Range(1, 100).SelectMany(i => new[] { 1, 2, 3 }.Select(l => $"{i}|{l}|sku-{i}-{l}")),
            lines.Select(r => $"{Text(r["order_id"])}|{Text(r["line"])}|{r["sku"]}"));
        var types = (await destination.RowsAsync("shop_all_types")).OrderBy(r => r.Id).ToList();
        Assert.Equal(new[] { "é \"q\"", "null" }, types.Select(r => Text(r["label"])));
    }

    [Fact]
    public async Task A_schema_of_several_tables_arrives_whole_in_postgres()
    {
        var (database, source, catalog) = await SourceAsync(cluster);
        var target = await cluster.CreateDatabaseAsync();

        var sync = await Pipe.RunAsync(source, ["read", "--config", database.ConfigFile(), "--catalog", catalog],
            Connector.Postgres, ["write", "--config", cluster.ConfigFile(target), "--catalog", catalog]);

        Assert.True(sync.Source.ExitCode == 0 && sync.Destination.ExitCode == 0, sync.Source.Describe() + sync.Destination.Describe());
        await using var connection = await cluster.OpenAsync(target);
        // The destination keeps each stream's namespace as its schema: shop.orders arrives as shop.orders.
        var orders = await DestinationDatabase.ReadAllAsync(connection, "shop\".\"orders");
        AssertSameRows("orders", Enumerable.Range(1, 500).Select(i => $"{i}|order {i}|{(i * 1.25m).ToString("0.00", CultureInfo.InvariantCulture)}"),
            orders.Select(r => $"{r.Id}|{r["note"]}|{Convert.ToDecimal(r["amount"], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)}"));
        var lines = await DestinationDatabase.ReadAllAsync(connection, "shop\".\"lines");
        Assert.Equal(300, lines.Count);
        var types = (await DestinationDatabase.ReadAllAsync(connection, "shop\".\"all_types")).OrderBy(r => r.Id).ToList();
        Assert.Equal(new[] { "é \"q\"", "null" }, types.Select(r => Text(r["label"])));
        Assert.Equal(new[] { "True", "False" }, types.Select(r => Text(r["flag"])));
    }
}
