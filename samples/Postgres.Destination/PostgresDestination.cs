using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Postgres;

/// <summary>
/// Writes every stream into a typed table of a PostgreSQL schema (the stream's namespace, or <see cref="Schema"/>):
/// columns from the stream's schema plus <c>_airbyte_raw_id</c>, <c>_airbyte_extracted_at</c> and
/// <c>_airbyte_generation_id</c>. Batches are loaded with binary COPY inside one transaction that the runtime's commit
/// point commits. Overwrite loads a staging table, swapped in only once the source reports the stream complete;
/// append_dedup copies into a temporary table and merges it, keeping the row with the newest cursor per primary key.
/// </summary>
[Connector("destination-postgres", Version = "0.1.0", Title = "Postgres Destination Spec", Kind = ConnectorKind.Destination,
    DocumentationUrl = "https://docs.airbyte.com/integrations/destinations/postgres")]
public sealed partial class PostgresDestination : IAsyncDisposable
{
    private readonly Dictionary<DestinationStream, PgTable> _tables = new();
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    // The table whose COPY is still open (appends keep it open across batches until the commit).
    private PgTable? _copying;

    /// <summary>The server's host name or address.</summary>
    [ConfigProperty(Order = 0, Examples = new object[] { "localhost" })]
    public required string Host { get; set; }

    /// <summary>The server's port.</summary>
    [ConfigProperty(Order = 1, Minimum = 1, Maximum = 65535)]
    public int Port { get; set; } = 5432;

    /// <summary>The database to write into.</summary>
    [ConfigProperty(Order = 2)]
    public required string Database { get; set; }

    /// <summary>The user to connect as.</summary>
    [ConfigProperty(Order = 3)]
    public required string Username { get; set; }

    /// <summary>The user's password.</summary>
    [ConfigProperty(Order = 4, Secret = true)]
    public string? Password { get; set; }

    /// <summary>The schema of streams without a namespace; created when missing.</summary>
    [ConfigProperty(Order = 5)]
    public string Schema { get; set; } = "public";

    /// <summary>Connects and checks that the user may create tables in the schema.</summary>
    [Check]
    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT has_database_privilege(current_user, current_database(), 'CREATE') OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1 AND has_schema_privilege(nspname, 'CREATE'))",
                connection);
            command.Parameters.AddWithValue(Schema);
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? CheckResult.Success()
                : CheckResult.Failed($"User '{Username}' may not create tables in schema '{Schema}' of database '{Database}'.");
        }
        catch (NpgsqlException ex)
        {
            return CheckResult.Failed($"Cannot connect to PostgreSQL at {Host}:{Port}: {ex.Message}");
        }
    }

    /// <summary>Creates or alters the stream's table (and its staging or load table) before its records arrive.</summary>
    [StreamStart]
    public async Task StartAsync(DestinationStream stream, ILogger logger, CancellationToken cancellationToken) =>
        _tables[stream] = await PgTable.OpenAsync(await ConnectAsync(cancellationToken), stream, Schema, logger, cancellationToken);

    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
    public async Task WriteAsync(DestinationStream stream, RecordBatch batch, CancellationToken cancellationToken)
    {
        // One transaction holds every batch up to the next commit point: nothing is durable before the runtime asks.
        _transaction ??= await _connection!.BeginTransactionAsync(cancellationToken);
        var table = _tables[stream];
        // One COPY at a time per connection: another table's open COPY ends first.
        if (_copying is not null && _copying != table)
        {
            await _copying.FinishCopyAsync();
        }
        await table.WriteAsync(batch, cancellationToken);
        _copying = table.IsCopying ? table : null;
    }

    [Commit]
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_copying is not null)
        {
            await _copying.FinishCopyAsync();
            _copying = null;
        }
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>The source reported the stream COMPLETE: an overwrite swaps its staging table in; a refresh drops older generations.</summary>
    [StreamEnd]
    public Task EndAsync(DestinationStream stream, CancellationToken cancellationToken) => _tables[stream].CompleteAsync(cancellationToken);

    /// <summary>
    /// The stream did not complete: nothing is swapped or deleted. Its committed rows stay where they are (an overwrite's
    /// in the staging table, for a retry of the same generation to resume into); this only says where.
    /// </summary>
    [StreamIncomplete]
    public void Incomplete(DestinationStream stream, StreamIncompleteReason reason, ILogger logger) => _tables[stream].Leave(reason, logger);

    public async ValueTask DisposeAsync()
    {
        // Closing the connection rolls back a transaction the runtime never committed.
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var settings = new NpgsqlConnectionStringBuilder
            {
                Host = Host,
                Port = Port,
                Database = Database,
                Username = Username,
                Password = Password,
                Pooling = false,
                ApplicationName = "destination-postgres",
            };
            _connection = new NpgsqlConnection(settings.ConnectionString);
            await _connection.OpenAsync(cancellationToken);
        }
        return _connection;
    }
}
