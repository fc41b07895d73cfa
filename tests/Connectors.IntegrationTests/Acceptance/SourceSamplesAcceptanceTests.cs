using System.IO;
using System.Text.Json;
using Connectors.Testing;

namespace Connectors.IntegrationTests.Acceptance;

/// <summary>The Faker sample passes every rule of the acceptance kit (docs/testing.md).</summary>
public class FakerAcceptanceTests : SourceAcceptanceTests<Faker.FakerSource>
{
    // always_updated: false makes two reads equal and a read from the final state empty; small slices give the resume
    // rule intermediate states to resume from.
    protected override string Config => """{"count": 120, "seed": 7, "records_per_slice": 50, "always_updated": false}""";

    protected override string LongReadConfig => """{"count": 50000000, "seed": 7, "records_per_slice": 10000, "always_updated": false}""";
}

/// <summary>The Instrument sample passes every rule of the acceptance kit that a three-file folder can exercise.</summary>
public class InstrumentAcceptanceTests : SourceAcceptanceTests<Instrument.InstrumentConnector>
{
    protected override string Config => JsonSerializer.Serialize(new { watch_folder = ConnectorFile("results") });
}

/// <summary>
/// The Shell sample passes every rule of the acceptance kit that its inventory stream can exercise. Its own
/// inventory.json lists SSH hosts this machine does not have; without one, the inventory is the local machine.
/// </summary>
public class ShellAcceptanceTests : SourceAcceptanceTests<Shell.ShellConnector>
{
    protected override string Config => "{}";
}

/// <summary>The npm registry sample passes every rule of the acceptance kit against the run's verdaccio, its token a secret the kit searches every output for.</summary>
[Xunit.Collection(Http.VerdaccioCollection.Name)]
public class NpmRegistryAcceptanceTests(Http.Verdaccio registry) : SourceAcceptanceTests<NpmRegistry.NpmRegistrySource>
{
    protected override string Config => JsonSerializer.Serialize(new { registry_url = registry.Url, token = registry.Token, page_size = 4 });
}

/// <summary>
/// The PostgreSQL source sample passes every rule of the acceptance kit, reading a database of the run's cluster (one per
/// cluster, created on first use) whose tables cover the common column types; its password is a secret the kit searches
/// every output for.
/// </summary>
[Xunit.Collection(Infrastructure.PostgresCollection.Name)]
public class PostgresSourceAcceptanceTests(Infrastructure.PostgresCluster cluster) : SourceAcceptanceTests<Postgres.Source.PostgresSource>
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Infrastructure.PostgresCluster, System.Lazy<string>> Databases = new();

    private const string Password = "kit-pg-source-password-3141";

    protected override string Config => Databases.GetValue(cluster, c => new System.Lazy<string>(() => CreateAsync(c).GetAwaiter().GetResult())).Value;

    // 200,000 rows checkpointed every 500: a read long enough to be interrupted by the robustness rules.
    protected override string LongReadConfig => Config.Replace("\"checkpoint_rows\":50", "\"checkpoint_rows\":500").Replace("\"schemas\":[\"shop\"]", "\"schemas\":[\"bulk\"]");

    private static async System.Threading.Tasks.Task<string> CreateAsync(Infrastructure.PostgresCluster cluster)
    {
        var database = await PgSource.SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.all_types (id, big, label, updated_at, day, tags, scores, feeling) VALUES
                (1, 10, 'one', '2024-01-01 00:00:00+00', '2024-01-01', '{"a":1}', '{1,2}', 'happy'),
                (2, 20, 'two', '2024-01-02 00:00:00+00', NULL, NULL, NULL, 'sad');
            INSERT INTO shop.orders SELECT i, '2024-01-01'::timestamptz + (i / 3) * interval '1 hour', i * 10, 'order ' || i FROM generate_series(1, 120) i;
            INSERT INTO shop.lines SELECT i, l, 'sku-' || l FROM generate_series(1, 40) i, generate_series(1, 3) l;
            CREATE SCHEMA bulk;
            CREATE TABLE bulk.events (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, payload text);
            INSERT INTO bulk.events SELECT i, '2024-01-01'::timestamptz + i * interval '1 second', repeat('p', 50) FROM generate_series(1, 200000) i;
            """);
        return database.Config(checkpointRows: 50, password: Password);
    }
}
