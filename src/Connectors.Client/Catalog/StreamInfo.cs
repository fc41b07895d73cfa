using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Client.Catalog;

/// <summary>One stream a source discovered: its name, record schema, sync modes, primary key and cursor.</summary>
public sealed class StreamInfo
{
    internal StreamInfo(JsonElement json)
    {
        Json = json;
        Name = json.GetProperty("name").GetString() ?? throw new ConnectorException("A discovered stream has no name.");
        Namespace = json.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : null;
        JsonSchema = json.TryGetProperty("json_schema", out var schema) ? schema : default;
        SupportedSyncModes = json.TryGetProperty("supported_sync_modes", out var modes) && modes.ValueKind == JsonValueKind.Array
            ? modes.EnumerateArray().Select(m => m.GetString() ?? "").ToList()
            : ["full_refresh"];
        PrimaryKey = Paths(json, "source_defined_primary_key");
        DefaultCursorField = json.TryGetProperty("default_cursor_field", out var cursor) && cursor.ValueKind == JsonValueKind.Array
            ? cursor.EnumerateArray().Select(c => c.GetString() ?? "").ToList()
            : [];
        SourceDefinedCursor = json.TryGetProperty("source_defined_cursor", out var defined) && defined.ValueKind == JsonValueKind.True;
    }

    /// <summary>The AirbyteStream object as discovered.</summary>
    public JsonElement Json { get; }

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>Its namespace, if any.</summary>
    public string? Namespace { get; }

    /// <summary>The JSON Schema of its records.</summary>
    public JsonElement JsonSchema { get; }

    /// <summary><c>full_refresh</c> and/or <c>incremental</c>.</summary>
    public IReadOnlyList<string> SupportedSyncModes { get; }

    /// <summary>Whether it can be read incrementally.</summary>
    public bool SupportsIncremental => SupportedSyncModes.Contains("incremental");

    /// <summary>The source-defined primary key: a list of field paths (empty when none).</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; }

    /// <summary>The default cursor field path (empty when none).</summary>
    public IReadOnlyList<string> DefaultCursorField { get; }

    /// <summary>Whether the source decides the cursor itself.</summary>
    public bool SourceDefinedCursor { get; }

    private static IReadOnlyList<IReadOnlyList<string>> Paths(JsonElement json, string property) =>
        json.TryGetProperty(property, out var paths) && paths.ValueKind == JsonValueKind.Array
            ? paths.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Array)
                .Select(p => (IReadOnlyList<string>)p.EnumerateArray().Select(s => s.GetString() ?? "").ToList())
                .ToList()
            : Array.Empty<IReadOnlyList<string>>();
}
