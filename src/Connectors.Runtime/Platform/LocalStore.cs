using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The local connector data and file status records over an <see cref="IConnectorStore"/> (a JSON file by default,
/// SQLite with Connectors.Platform.Sqlite), opened on first use. Secure values are sealed by <see cref="SecretBox"/>
/// before they reach the store and added to the masker whenever they pass through; operations run one at a time.
/// </summary>
internal sealed class LocalStore : IConnectorData, IDisposable
{
    /// <summary>How many ids a query or rows a transaction takes at once.</summary>
    public const int BatchSize = 500;

    private readonly string _directory;
    private readonly string? _keyText;
    private readonly SecretMasker _masker;
    private readonly Func<string, IConnectorStore> _open;
    private readonly ILogger? _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnectorStore? _store;
    private SecretBox? _box;

    /// <param name="directory">The data directory.</param>
    /// <param name="keyText">CONNECTOR_DATA_KEY, or null to use (or make) <c>connector.key</c>.</param>
    /// <param name="masker">Learns every secure value that passes through.</param>
    /// <param name="open">Makes the store for the directory; by default the one <see cref="ConnectorStores"/> chose.</param>
    /// <param name="log">
    /// Where to say, once, that the store opened is the JSON file and how to get SQLite instead (the command hosts pass
    /// theirs: a long-running connector is expected on SQLite); null says nothing.
    /// </param>
    public LocalStore(string directory, string? keyText, SecretMasker masker, Func<string, IConnectorStore>? open = null, ILogger? log = null)
    {
        _directory = directory;
        _keyText = keyText;
        _masker = masker;
        _open = open ?? ConnectorStores.Open;
        _log = log;
    }

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
        var stored = list.Select(v => new StoredValue(v.Key, v.Secure ? Box().Seal(v.Value.GetRawText()) : v.Value.GetRawText(), v.Secure)).ToList();
        await RunAsync(store => Done(store.SaveValuesAsync(stored, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConnectorValue>> GetAsync(IEnumerable<string>? keys = null, CancellationToken cancellationToken = default)
    {
        var wanted = keys?.Distinct(StringComparer.Ordinal).ToList();
        var stored = await RunAsync(store => store.GetValuesAsync(wanted, cancellationToken), cancellationToken).ConfigureAwait(false);
        var found = new List<ConnectorValue>(stored.Count);
        foreach (var item in stored)
        {
            using var document = JsonDocument.Parse(item.Secure ? Box().Open(item.Text) : item.Text);
            var value = new ConnectorValue(item.Key, document.RootElement.Clone(), item.Secure);
            if (item.Secure)
            {
                MaskValue(value.Value);
            }
            found.Add(value);
        }
        return found.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }

    public Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery? query, CancellationToken cancellationToken) =>
        RunAsync(store => store.GetFilesAsync(query ?? new ConnectorFileQuery(), cancellationToken), cancellationToken);

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
        await RunAsync(store => Done(store.SaveFilesAsync(list, DateTimeOffset.UtcNow, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return await GetFilesAsync(new ConnectorFileQuery { Ids = list.Select(f => f.UniqueExternalId).ToList() }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _store?.Dispose();
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

    private static async Task<bool> Done(Task work)
    {
        await work.ConfigureAwait(false);
        return true;
    }

    // One operation at a time, so a store needs no locking of its own.
    private async Task<T> RunAsync<T>(Func<IConnectorStore, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _store ??= Open();
            return await work(_store).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IConnectorStore Open()
    {
        var store = _open(_directory);
        if (store is JsonFileStore json)
        {
            _log?.LogInformation(
                "Connector data and file records are kept in {File}, the runtime's JSON store. A long-running connector keeps "
                + "them in SQLite (connector.db) once it references the package Connectors.Platform.Sqlite (docs/platform-services.md).",
                json.FilePath);
        }
        return store;
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
}
