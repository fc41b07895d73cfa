using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Postgres.Source;

/// <summary>How the connection uses TLS (Npgsql's SSL modes).</summary>
public enum SslMode
{
    [JsonStringEnumMemberName("disable")] Disable,
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("prefer")] Prefer,
    [JsonStringEnumMemberName("require")] Require,
    [JsonStringEnumMemberName("verify-ca")] VerifyCA,
    [JsonStringEnumMemberName("verify-full")] VerifyFull,
}

/// <summary>
/// Reads any PostgreSQL database: every table, view and materialized view of the configured schemas is a stream, found at
/// run time ([DiscoverStreams]) with its columns mapped to JSON Schema and its primary key from the catalog. Full refresh,
/// or incremental by a cursor column the user chooses, resuming from the state it checkpoints every
/// <see cref="CheckpointRows"/> rows. Rows stream from the server (one query per table, read as they arrive) and are
/// written field by field to the protocol output, so memory stays flat however large a table is.
/// </summary>
[Connector("source-postgres", Version = "0.1.0", Title = "Postgres Source Spec",
    DocumentationUrl = "https://docs.airbyte.com/integrations/sources/postgres")]
public sealed partial class PostgresSource : IAsyncDisposable
{
    private readonly Dictionary<(string, string), PgTable> _tables = new();
    private NpgsqlConnection? _connection;

    /// <summary>The server's host name or address.</summary>
    [ConfigProperty(Order = 0, Examples = new object[] { "localhost" })]
    public required string Host { get; set; }

    /// <summary>The server's port.</summary>
    [ConfigProperty(Order = 1, Minimum = 1, Maximum = 65535)]
    public int Port { get; set; } = 5432;

    /// <summary>The database to read.</summary>
    [ConfigProperty(Order = 2)]
    public required string Database { get; set; }

    /// <summary>The user to connect as.</summary>
    [ConfigProperty(Order = 3)]
    public required string Username { get; set; }

    /// <summary>The user's password.</summary>
    [ConfigProperty(Order = 4, Secret = true)]
    public string? Password { get; set; }

    /// <summary>The schemas whose tables become streams.</summary>
    [ConfigProperty(Order = 5)]
    public List<string> Schemas { get; set; } = ["public"];

    /// <summary>How the connection uses TLS.</summary>
    [ConfigProperty(Order = 6)]
    public SslMode SslMode { get; set; } = SslMode.Prefer;

    /// <summary>An incremental read checkpoints its position at least every this many rows.</summary>
    [ConfigProperty(Order = 7, Minimum = 1)]
    public int CheckpointRows { get; set; } = 10_000;

    /// <summary>Connects, and checks that every schema exists and may be read.</summary>
    [Check]
    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return CheckResult.Failed($"Cannot connect to PostgreSQL at {Host}:{Port}, database '{Database}', as '{Username}': {ex.Message}");
        }
        await using var command = new NpgsqlCommand(
            "SELECT s, n.oid IS NOT NULL, n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE') FROM unnest($1::text[]) AS s LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s",
            connection);
        command.Parameters.AddWithValue(Schemas.ToArray());
        var problems = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var schema = reader.GetString(0);
                if (!reader.GetBoolean(1))
                {
                    problems.Add($"schema '{schema}' does not exist in database '{Database}'");
                }
                else if (!reader.GetBoolean(2))
                {
                    problems.Add($"user '{Username}' has no USAGE privilege on schema '{schema}' (GRANT USAGE ON SCHEMA \"{schema}\" TO \"{Username}\")");
                }
            }
        }
        return problems.Count == 0 ? CheckResult.Success() : CheckResult.Failed(string.Join("; ", problems) + ".");
    }

    /// <summary>One stream per table of <see cref="Schemas"/>.</summary>
    [DiscoverStreams(nameof(ReadTableAsync))]
    public async Task<List<StreamDescription>> DiscoverAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        var tables = await PgCatalog.TablesAsync(connection, Schemas, cancellationToken);
        logger.LogInformation("Found {Count} table(s) in schema(s) {Schemas}.", tables.Count, string.Join(", ", Schemas));
        _tables.Clear();
        foreach (var table in tables)
        {
            _tables[(table.Schema, table.Name)] = table;
        }
        return tables.Select(TableStreams.Describe).ToList();
    }

    /// <summary>Reads one table: every row in a full refresh; in an incremental read, the rows from the saved cursor on, in cursor order.</summary>
    public async Task ReadTableAsync(DynamicStreamRequest request, RowWriter rows, CancellationToken cancellationToken)
    {
        var table = _tables[(request.Stream.Namespace!, request.Stream.Name)];
        var reader = new TableReader(table, request, CheckpointRows);
        await reader.ReadAsync(await ConnectAsync(cancellationToken), rows, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return _connection;
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = Username,
            Password = Password,
            SslMode = SslMode switch
            {
                SslMode.Disable => Npgsql.SslMode.Disable,
                SslMode.Allow => Npgsql.SslMode.Allow,
                SslMode.Require => Npgsql.SslMode.Require,
                SslMode.VerifyCA => Npgsql.SslMode.VerifyCA,
                SslMode.VerifyFull => Npgsql.SslMode.VerifyFull,
                _ => Npgsql.SslMode.Prefer,
            },
            // Timestamps with time zone come out in UTC; cursor values are compared in their own type, so this is only presentation.
            Timezone = "UTC",
            ApplicationName = "source-postgres",
            Pooling = false,
            // Rows stream in through this buffer: 64 KiB (Npgsql's default is 8) means an eighth of the socket reads.
            ReadBufferSize = 64 * 1024,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        _connection = connection;
        return connection;
    }
}
