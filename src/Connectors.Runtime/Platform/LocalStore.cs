using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Secrets;
using Microsoft.Data.Sqlite;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The local connector data and file status records: one SQLite file, <c>connector.db</c> in the data directory (WAL,
/// synchronous writes, so what a save returned survives a crash). Opened on first use; secure values sealed by
/// <see cref="SecretBox"/> and added to the masker whenever they pass through.
/// </summary>
internal sealed class LocalStore : IConnectorData, IDisposable
{
    /// <summary>How many ids a query or rows a transaction takes at once.</summary>
    public const int BatchSize = 500;

    private readonly string _directory;
    private readonly string? _keyText;
    private readonly SecretMasker _masker;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SecretBox? _box;

    public LocalStore(string directory, string? keyText, SecretMasker masker)
    {
        _directory = directory;
        _keyText = keyText;
        _masker = masker;
    }

    public string DatabasePath => Path.Combine(_directory, "connector.db");

    public async Task SaveAsync(IEnumerable<ConnectorValue> values, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        foreach (var value in list)
        {
            if (string.IsNullOrEmpty(value.Key))
            {
                throw new ArgumentException("A connector value needs a non-empty key.", nameof(values));
            }
            if (value.Secure)
            {
                MaskValue(value.Value);
            }
        }
        await RunAsync(connection =>
        {
            foreach (var batch in list.Chunk(BatchSize))
            {
                using var transaction = connection.BeginTransaction();
                foreach (var value in batch)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO connector_data(key, value, secure, updated_at) VALUES ($key, $value, $secure, $at) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, secure = excluded.secure, updated_at = excluded.updated_at";
                    command.Parameters.AddWithValue("$key", value.Key);
                    command.Parameters.AddWithValue("$value", value.Secure ? Box().Seal(value.Value.GetRawText()) : value.Value.GetRawText());
                    command.Parameters.AddWithValue("$secure", value.Secure ? 1 : 0);
                    command.Parameters.AddWithValue("$at", Now());
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConnectorValue>> GetAsync(IEnumerable<string>? keys = null, CancellationToken cancellationToken = default)
    {
        var wanted = keys?.Distinct(StringComparer.Ordinal).ToList();
        return await RunAsync(connection =>
        {
            var found = new List<ConnectorValue>();
            foreach (var batch in wanted is null ? [null] : wanted.Chunk(BatchSize).Select(b => (string[]?)b))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT key, value, secure FROM connector_data" + InClause(command, "key", batch) + " ORDER BY key";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var secure = reader.GetInt64(2) != 0;
                    var text = secure ? Box().Open(reader.GetString(1)) : reader.GetString(1);
                    using var document = JsonDocument.Parse(text);
                    var value = new ConnectorValue(reader.GetString(0), document.RootElement.Clone(), secure);
                    if (secure)
                    {
                        MaskValue(value.Value);
                    }
                    found.Add(value);
                }
            }
            return (IReadOnlyList<ConnectorValue>)found.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery? query, CancellationToken cancellationToken)
    {
        query ??= new ConnectorFileQuery();
        return await RunAsync(connection =>
        {
            var found = new List<ConnectorFile>();
            foreach (var batch in query.Ids is null ? [null] : query.Ids.Distinct(StringComparer.Ordinal).Chunk(BatchSize).Select(b => (string[]?)b))
            {
                using var command = connection.CreateCommand();
                var where = InClause(command, "unique_external_id", batch);
                if (query.Statuses is { } statuses)
                {
                    var names = statuses.Select(FileStatusText).ToArray();
                    var clause = InClause(command, "status", names, "s");
                    where = where.Length == 0 ? clause : where + " AND " + clause.Substring(" WHERE ".Length);
                }
                command.CommandText = "SELECT unique_external_id, filepath, status, error_count, error_message, file_id, created_at, updated_at "
                    + "FROM connector_files" + where + " ORDER BY updated_at, unique_external_id";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    found.Add(new ConnectorFile(reader.GetString(0), reader.GetString(1), ParseFileStatus(reader.GetString(2)))
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
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConnectorFile>> SaveFilesAsync(IEnumerable<ConnectorFile> files, CancellationToken cancellationToken)
    {
        var list = files.ToList();
        foreach (var file in list)
        {
            if (string.IsNullOrEmpty(file.UniqueExternalId))
            {
                throw new ArgumentException("A connector file needs a non-empty unique external id.", nameof(files));
            }
        }
        await RunAsync(connection =>
        {
            foreach (var batch in list.Chunk(BatchSize))
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
                    command.Parameters.AddWithValue("$status", FileStatusText(file.Status));
                    command.Parameters.AddWithValue("$errors", file.ErrorCount);
                    command.Parameters.AddWithValue("$message", (object?)file.ErrorMessage ?? DBNull.Value);
                    command.Parameters.AddWithValue("$file", (object?)file.FileId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$at", Now());
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return await GetFilesAsync(new ConnectorFileQuery { Ids = list.Select(f => f.UniqueExternalId).ToList() }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _gate.Dispose();
    }

    /// <summary>The wire name of a file status: <c>PENDING</c>, <c>PROCESSING</c>, <c>SUCCESS</c>, <c>ERROR</c>, <c>SKIPPED</c>.</summary>
    public static string FileStatusText(ConnectorFileStatus status) => status.ToString().ToUpperInvariant();

    public static ConnectorFileStatus ParseFileStatus(string text) => text switch
    {
        "PENDING" => ConnectorFileStatus.Pending,
        "PROCESSING" => ConnectorFileStatus.Processing,
        "SUCCESS" => ConnectorFileStatus.Success,
        "ERROR" => ConnectorFileStatus.Error,
        "SKIPPED" => ConnectorFileStatus.Skipped,
        _ => throw new InvalidOperationException($"Unknown connector file status '{text}'."),
    };

    // SQLite writes are quick and local: one at a time, off the caller's synchronization context.
    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => work(Connection()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

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

    private SecretBox Box() => _box ??= SecretBox.Open(_keyText, Path.Combine(_directory, "connector.key"));

    private void MaskValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                _masker.Add(value.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    MaskValue(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    MaskValue(item);
                }
                break;
            case JsonValueKind.Number when !SecretMasker.IsTooShort(value.GetRawText()):
                _masker.Add(value.GetRawText());
                break;
        }
    }

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

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
