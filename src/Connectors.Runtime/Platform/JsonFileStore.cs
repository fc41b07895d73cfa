using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The default <see cref="IConnectorStore"/>, with no dependency: every value and file record in memory and in
/// <c>connector-data.json</c> in the data directory, rewritten whole on each save through a temporary file that is
/// flushed to disk and renamed over it, so what a save returned survives a crash and a reader never sees half a file.
/// Right for the few values and the thousands of file records a connector keeps; for many more, Connectors.Platform.Sqlite.
/// </summary>
internal sealed class JsonFileStore : IConnectorStore
{
    private readonly string _directory;
    private SortedDictionary<string, StoredValue>? _values;
    private Dictionary<string, ConnectorFile>? _files;

    public JsonFileStore(string directory) => _directory = directory;

    /// <summary>The file that holds everything.</summary>
    public string FilePath => Path.Combine(_directory, "connector-data.json");

    public Task SaveValuesAsync(IReadOnlyList<StoredValue> values, CancellationToken cancellationToken) => Task.Run(() =>
    {
        Load();
        foreach (var value in values)
        {
            _values![value.Key] = value;
        }
        Save();
    }, cancellationToken);

    public Task<IReadOnlyList<StoredValue>> GetValuesAsync(IReadOnlyList<string>? keys, CancellationToken cancellationToken) => Task.Run(() =>
    {
        Load();
        IEnumerable<StoredValue> found = keys is null ? _values!.Values
            : keys.Distinct(StringComparer.Ordinal).Where(_values!.ContainsKey).Select(k => _values[k]).OrderBy(v => v.Key, StringComparer.Ordinal);
        return (IReadOnlyList<StoredValue>)found.ToList();
    }, cancellationToken);

    public Task SaveFilesAsync(IReadOnlyList<ConnectorFile> files, DateTimeOffset at, CancellationToken cancellationToken) => Task.Run(() =>
    {
        Load();
        foreach (var file in files)
        {
            var created = _files!.TryGetValue(file.UniqueExternalId, out var old) ? old.CreatedAt : at;
            _files[file.UniqueExternalId] = file with { CreatedAt = created, UpdatedAt = at };
        }
        Save();
    }, cancellationToken);

    public Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery query, CancellationToken cancellationToken) => Task.Run(() =>
    {
        Load();
        IEnumerable<ConnectorFile> found = query.Ids is { } ids
            ? ids.Distinct(StringComparer.Ordinal).Where(_files!.ContainsKey).Select(id => _files[id])
            : _files!.Values;
        if (query.Statuses is { } statuses)
        {
            found = found.Where(f => statuses.Contains(f.Status));
        }
        found = found.OrderBy(f => f.UpdatedAt).ThenBy(f => f.UniqueExternalId, StringComparer.Ordinal);
        return (IReadOnlyList<ConnectorFile>)(query.Limit is { } limit ? found.Take(limit) : found).ToList();
    }, cancellationToken);

    public void Dispose()
    {
    }

    private void Load()
    {
        if (_values is not null)
        {
            return;
        }
        var values = new SortedDictionary<string, StoredValue>(StringComparer.Ordinal);
        var files = new Dictionary<string, ConnectorFile>(StringComparer.Ordinal);
        if (File.Exists(FilePath))
        {
            using var document = ParseFile();
            foreach (var item in document.RootElement.GetProperty("values").EnumerateArray())
            {
                var value = new StoredValue(item.GetProperty("key").GetString()!, item.GetProperty("text").GetString()!, item.GetProperty("secure").GetBoolean());
                values[value.Key] = value;
            }
            foreach (var file in document.RootElement.GetProperty("files").EnumerateArray().Select(ConnectorFileJson.Read))
            {
                files[file.UniqueExternalId] = file;
            }
        }
        _files = files;
        _values = values;
    }

    private JsonDocument ParseFile()
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(FilePath));
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The connector data file '{FilePath}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private void Save()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("values");
            foreach (var value in _values!.Values)
            {
                json.WriteStartObject();
                json.WriteString("key", value.Key);
                json.WriteString("text", value.Text);
                json.WriteBoolean("secure", value.Secure);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in _files!.Values.OrderBy(f => f.UniqueExternalId, StringComparer.Ordinal))
            {
                ConnectorFileJson.Write(json, file, withTimes: true);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Directory.CreateDirectory(_directory);
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(buffer.WrittenSpan);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }
}
