using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Microsoft.Data.Sqlite;

namespace Connectors.Platform.Sqlite;

/// <summary>
/// Connector data and file status records in one SQLite file, <c>connector.db</c> in the data directory (WAL journal,
/// synchronous writes, so what a save returned survives a crash), for connectors that keep many records. Opened on first
/// use; writes go in transactions of 500 rows, queries take 500 ids at a time. Referencing this package makes it the
/// local store (<see cref="Use"/> runs before <c>Main</c>).
/// </summary>
public sealed class SqliteConnectorStore : IConnectorStore
{
    /// <summary>How many ids a query or rows a transaction takes at once.</summary>
    public const int BatchSize = 500;

    private readonly string _directory;
    private SqliteConnection? _connection;

    /// <summary>A store over <c>connector.db</c> in <paramref name="directory"/> (created on first use).</summary>
    public SqliteConnectorStore(string directory) => _directory = directory;

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(_directory, "connector.db");

    /// <summary>Makes SQLite the local store of the platform services from now on.</summary>
    public static void Use() => ConnectorStores.Use(directory => new SqliteConnectorStore(directory));

    /// <inheritdoc />
    public Task SaveValuesAsync(IReadOnlyList<StoredValue> values, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var connection = Connection();
        foreach (var batch in values.Chunk(BatchSize))
        {
            using var transaction = connection.BeginTransaction();
            foreach (var value in batch)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO connector_data(key, value, secure, updated_at) VALUES ($key, $value, $secure, $at) "
                    + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, secure = excluded.secure, updated_at = excluded.updated_at";
                command.Parameters.AddWithValue("$key", value.Key);
                command.Parameters.AddWithValue("$value", value.Text);
                command.Parameters.AddWithValue("$secure", value.Secure ? 1 : 0);
                command.Parameters.AddWithValue("$at", Text(DateTimeOffset.UtcNow));
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredValue>> GetValuesAsync(IReadOnlyList<string>? keys, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var connection = Connection();
        var found = new List<StoredValue>();
        foreach (var batch in keys is null ? [null] : keys.Distinct(StringComparer.Ordinal).Chunk(BatchSize).Select(b => (string[]?)b))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT key, value, secure FROM connector_data" + InClause(command, "key", batch) + " ORDER BY key";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new StoredValue(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0));
            }
        }
        return (IReadOnlyList<StoredValue>)found.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }, cancellationToken);

    /// <inheritdoc />
    public Task SaveFilesAsync(IReadOnlyList<ConnectorFile> files, DateTimeOffset at, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var connection = Connection();
        foreach (var batch in files.Chunk(BatchSize))
        {
            using var transaction = connection.BeginTransaction();
            foreach (var file in batch)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO connector_files(unique_external_id, filepath, status, error_count, error_message, file_id, created_at, updated_at) "
                    + "VALUES ($id, $path, $status, $errors, $message, $file, $at, $at) ON CONFLICT(unique_external_id) DO UPDATE SET "
                    + "filepath = excluded.filepath, status = excluded.status, error_count = excluded.error_count, "
                    + "error_message = excluded.error_message, file_id = excluded.file_id, updated_at = excluded.updated_at";
                command.Parameters.AddWithValue("$id", file.UniqueExternalId);
                command.Parameters.AddWithValue("$path", file.Filepath);
                command.Parameters.AddWithValue("$status", StatusText(file.Status));
                command.Parameters.AddWithValue("$errors", file.ErrorCount);
                command.Parameters.AddWithValue("$message", (object?)file.ErrorMessage ?? DBNull.Value);
                command.Parameters.AddWithValue("$file", (object?)file.FileId ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", Text(at));
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery query, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var connection = Connection();
        var found = new List<ConnectorFile>();
        foreach (var batch in query.Ids is null ? [null] : query.Ids.Distinct(StringComparer.Ordinal).Chunk(BatchSize).Select(b => (string[]?)b))
        {
            using var command = connection.CreateCommand();
            var where = InClause(command, "unique_external_id", batch);
            if (query.Statuses is { } statuses)
            {
                var clause = InClause(command, "status", statuses.Select(StatusText).ToArray(), "s");
                where = where.Length == 0 ? clause : where + " AND " + clause.Substring(" WHERE ".Length);
            }
            command.CommandText = "SELECT unique_external_id, filepath, status, error_count, error_message, file_id, created_at, updated_at "
                + "FROM connector_files" + where + " ORDER BY updated_at, unique_external_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new ConnectorFile(reader.GetString(0), reader.GetString(1), ParseStatus(reader.GetString(2)))
                {
                    ErrorCount = reader.GetInt32(3),
                    ErrorMessage = reader.IsDBNull(4) ? null : reader.GetString(4),
                    FileId = reader.IsDBNull(5) ? null : reader.GetString(5),
                    CreatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                    UpdatedAt = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                });
            }
        }
        IEnumerable<ConnectorFile> ordered = found.OrderBy(f => f.UpdatedAt).ThenBy(f => f.UniqueExternalId, StringComparer.Ordinal);
        return (IReadOnlyList<ConnectorFile>)(query.Limit is { } limit ? ordered.Take(limit) : ordered).ToList();
    }, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _connection?.Dispose();

    private SqliteConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS connector_data (key TEXT PRIMARY KEY, value TEXT NOT NULL, secure INTEGER NOT NULL, updated_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS connector_files (unique_external_id TEXT PRIMARY KEY, filepath TEXT NOT NULL, status TEXT NOT NULL,
                    error_count INTEGER NOT NULL, error_message TEXT, file_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS connector_files_status ON connector_files(status, updated_at);
                """;
            command.ExecuteNonQuery();
        }
        return _connection = connection;
    }

    private static string StatusText(ConnectorFileStatus status) => status.ToString().ToUpperInvariant();

    private static ConnectorFileStatus ParseStatus(string text) =>
        Enum.TryParse<ConnectorFileStatus>(text, ignoreCase: true, out var status) && text == StatusText(status)
            ? status
            : throw new InvalidOperationException($"Unknown connector file status '{text}'.");

    private static string InClause(SqliteCommand command, string column, IReadOnlyList<string>? values, string prefix = "k")
    {
        if (values is null)
        {
            return "";
        }
        var names = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var name = $"${prefix}{i}";
            command.Parameters.AddWithValue(name, values[i]);
            names.Add(name);
        }
        return values.Count == 0 ? " WHERE 0" : $" WHERE {column} IN ({string.Join(", ", names)})";
    }

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
