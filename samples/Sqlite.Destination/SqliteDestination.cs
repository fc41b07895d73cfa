using System;
using System.Collections.Generic;
using Connectors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Sqlite;

/// <summary>
/// Writes every stream into a table of one SQLite file: typed columns from the stream's schema plus
/// <c>_airbyte_raw_id</c>, <c>_airbyte_extracted_at</c> and <c>_airbyte_generation_id</c>. Batches are inserted with
/// prepared statements inside one transaction that the runtime's commit point commits, so a crash loses exactly what was
/// not acknowledged. Overwrite writes into a staging table, swapped in only once the source reports the stream complete;
/// append_dedup upserts on the primary key, keeping the row with the newest cursor.
/// </summary>
[Connector("destination-sqlite", Version = "0.1.0", Title = "SQLite Destination Spec", Kind = ConnectorKind.Destination,
    DocumentationUrl = "https://docs.airbyte.com/integrations/destinations/sqlite")]
public sealed partial class SqliteDestination : IDisposable
{
    private readonly Dictionary<DestinationStream, SqliteTable> _tables = new();
    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;

    /// <summary>The database file; created when missing.</summary>
    [ConfigProperty(Order = 0, Examples = new object[] { "/local/airbyte.db" })]
    public required string Path { get; set; }

    private SqliteConnection Connection => _connection ??= Open(Path);

    /// <summary>Opens (or creates) the file and writes to it.</summary>
    [Check]
    public CheckResult Check()
    {
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "CREATE TEMP TABLE _airbyte_check (x); DROP TABLE _airbyte_check;";
            command.ExecuteNonQuery();
            return CheckResult.Success();
        }
        catch (SqliteException ex)
        {
            return CheckResult.Failed($"Cannot write to the SQLite database '{Path}': {ex.Message}");
        }
    }

    /// <summary>Creates or alters the stream's table (and its staging table for an overwrite) and prepares the insert.</summary>
    [StreamStart]
    public void Start(DestinationStream stream, ILogger logger) => _tables[stream] = SqliteTable.Open(Connection, stream, logger);

    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
    public void Write(DestinationStream stream, RecordBatch batch)
    {
        // One transaction holds every batch up to the next commit point: nothing is durable before the runtime asks.
        _transaction ??= Connection.BeginTransaction();
        _tables[stream].Insert(batch);
    }

    [Commit]
    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>The source reported the stream COMPLETE: an overwrite swaps its staging table in; a refresh drops older generations.</summary>
    [StreamEnd]
    public void End(DestinationStream stream) => _tables[stream].Complete();

    /// <summary>
    /// The stream did not complete: nothing is swapped or deleted. Its committed rows stay where they are (an overwrite's
    /// in the staging table, for a retry of the same generation to resume into); this only says where.
    /// </summary>
    [StreamIncomplete]
    public void Incomplete(DestinationStream stream, StreamIncompleteReason reason, ILogger logger) => _tables[stream].Leave(reason, logger);

    public void Dispose()
    {
        foreach (var table in _tables.Values)
        {
            table.Dispose();
        }
        // Rolls back a transaction the runtime never committed.
        _transaction?.Dispose();
        _connection?.Dispose();
    }

    private static SqliteConnection Open(string path)
    {
        MultiThreadMode.Enable();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL: readers keep seeing the old data while a sync writes; FULL: a commit survives a power cut. 16 KiB pages (for
        // a new file) and a 16 MiB cache halve the writes of 4 KiB pages without growing memory with the data.
        command.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;";
        command.ExecuteNonQuery();
        return connection;
    }
}
