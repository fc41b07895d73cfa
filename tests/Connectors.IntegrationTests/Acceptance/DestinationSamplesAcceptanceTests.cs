using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Connectors.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace Connectors.IntegrationTests.Acceptance;

/// <summary>The SQLite sample passes every rule of the acceptance kit (docs/testing.md), reading back through Microsoft.Data.Sqlite.</summary>
public class SqliteAcceptanceTests : DestinationAcceptanceTests<Sqlite.SqliteDestination>
{
    protected override string Config => JsonSerializer.Serialize(new { path = Path.Combine(NewTemporaryFolder("check"), "check.db") });

    protected override Task<string> NewConfigAsync() =>
        Task.FromResult(JsonSerializer.Serialize(new { path = Path.Combine(NewTemporaryFolder("sqlite"), "airbyte.db") }));

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadBackAsync(string config, string stream)
    {
        var path = JsonDocument.Parse(config).RootElement.GetProperty("path").GetString()!;
        if (!File.Exists(path))
        {
            return [];
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{stream}\"";
        try
        {
            return await StoredRows.ReadAsync(command);
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table"))
        {
            return [];
        }
    }
}

/// <summary>The PostgreSQL sample passes every rule of the acceptance kit, a database of its own per config on the run's cluster.</summary>
[Collection(PostgresCollection.Name)]
public class PostgresAcceptanceTests(PostgresCluster cluster) : DestinationAcceptanceTests<Postgres.PostgresDestination>
{
    // The cluster trusts local connections: the password is never needed, but it is a secret the kit searches every output for.
    private const string Password = "kit-pg-password-2718";

    protected override string Config => ConfigFor("postgres");

    protected override async Task<string> NewConfigAsync() => ConfigFor(await cluster.CreateDatabaseAsync());

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadBackAsync(string config, string stream)
    {
        await using var connection = await cluster.OpenAsync(JsonDocument.Parse(config).RootElement.GetProperty("database").GetString()!);
        await using var command = new NpgsqlCommand($"SELECT * FROM public.\"{stream}\"", connection);
        try
        {
            return await StoredRows.ReadAsync(command);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    private string ConfigFor(string database) => JsonSerializer.Serialize(new
    {
        host = "127.0.0.1",
        port = cluster.Port,
        database,
        username = cluster.User,
        password = Password,
        schema = "public",
    });
}
