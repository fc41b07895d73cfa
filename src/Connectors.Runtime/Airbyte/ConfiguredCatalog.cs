using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>One stream of a ConfiguredAirbyteCatalog, as the platform sends it to <c>read</c> and <c>write</c>.</summary>
public sealed class ConfiguredStream
{
    /// <summary>The stream's name and namespace.</summary>
    public required StreamKey Key { get; init; }

    /// <summary>The position of the stream in the catalog (0-based), for messages.</summary>
    public required int Index { get; init; }

    /// <summary>The catalog file the stream came from, for messages.</summary>
    public string File { get; init; } = "";

    /// <summary>The JSON path of the stream's entry in the catalog: <c>$.streams[0]</c>.</summary>
    public string JsonPath => ConfigReader.Item("$.streams", Index);

    /// <summary>The stream's JSON Schema as discovered.</summary>
    public JsonElement JsonSchema { get; init; }

    /// <summary>The requested sync mode, as written (<c>full_refresh</c>, <c>incremental</c>, or something invalid).</summary>
    public required string SyncMode { get; init; }

    /// <summary>The destination sync mode, as written (default <c>append</c>).</summary>
    public required string DestinationSyncMode { get; init; }

    /// <summary>The cursor field the user chose, if any.</summary>
    public IReadOnlyList<string>? CursorField { get; init; }

    /// <summary>The primary key the user chose, if any.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? PrimaryKey { get; init; }

    /// <summary>The generation of the stream's data (refreshes), if the platform supports it.</summary>
    public long? GenerationId { get; init; }

    /// <summary>Rows of generations below this are to be deleted by the destination.</summary>
    public long? MinimumGenerationId { get; init; }

    /// <summary>The sync's id, if the platform supports it.</summary>
    public long? SyncId { get; init; }

    /// <summary>The stream's <c>source_defined_primary_key</c>, if the source declares one.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? SourceDefinedPrimaryKey { get; init; }

    /// <summary>The stream's <c>default_cursor_field</c>, if the source declares one.</summary>
    public IReadOnlyList<string>? DefaultCursorField { get; init; }

    /// <summary>
    /// A problem with this entry, as every catalog error is worded: "The catalog file 'catalog.json' is invalid:
    /// $.streams[0].sync_mode: …". <paramref name="member"/> is the path inside the entry (<c>stream.name</c>, <c>sync_mode</c>).
    /// </summary>
    public string Problem(string member, string problem) => JsonInput.Problem(File, "catalog", JsonPath + "." + member, problem).Message;
}

/// <summary>A ConfiguredAirbyteCatalog: the streams to read or write, in order.</summary>
public sealed class ConfiguredCatalog
{
    private ConfiguredCatalog(IReadOnlyList<ConfiguredStream> streams) => Streams = streams;

    /// <summary>The configured streams, in catalog order.</summary>
    public IReadOnlyList<ConfiguredStream> Streams { get; }

    /// <summary>Loads and validates a catalog file.</summary>
    /// <exception cref="InputException">The file is missing, not JSON, or not a configured catalog.</exception>
    public static ConfiguredCatalog Load(string path)
    {
        using var document = JsonInput.Load(path, "catalog");
        return Parse(document.RootElement, path);
    }

    /// <summary>Validates a parsed catalog; <paramref name="path"/> names it in errors.</summary>
    public static ConfiguredCatalog Parse(JsonElement root, string path)
    {
        var reader = new InputReader(path, "catalog");
        var streams = new List<ConfiguredStream>();
        reader.Object(root, "$");
        var items = reader.RequiredArray(root, "streams", "$");
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var itemPath = ConfigReader.Item("$.streams", index);
            reader.Object(item, itemPath);
            var stream = reader.RequiredObject(item, "stream", itemPath);
            var streamPath = itemPath + ".stream";
            streams.Add(new ConfiguredStream
            {
                Index = index,
                File = path,
                Key = new StreamKey(reader.RequiredString(stream, "name", streamPath), reader.OptionalString(stream, "namespace", streamPath)),
                JsonSchema = stream.TryGetProperty("json_schema", out var schema) ? schema.Clone() : default,
                SyncMode = reader.OptionalString(item, "sync_mode", itemPath) ?? "full_refresh",
                DestinationSyncMode = reader.OptionalString(item, "destination_sync_mode", itemPath) ?? "append",
                CursorField = reader.OptionalStringArray(item, "cursor_field", itemPath),
                PrimaryKey = reader.OptionalPaths(item, "primary_key", itemPath),
                GenerationId = reader.OptionalInt64(item, "generation_id", itemPath),
                MinimumGenerationId = reader.OptionalInt64(item, "minimum_generation_id", itemPath),
                SyncId = reader.OptionalInt64(item, "sync_id", itemPath),
                SourceDefinedPrimaryKey = reader.OptionalPaths(stream, "source_defined_primary_key", streamPath),
                DefaultCursorField = reader.OptionalStringArray(stream, "default_cursor_field", streamPath),
            });
            index++;
        }
        return new ConfiguredCatalog(streams);
    }
}
