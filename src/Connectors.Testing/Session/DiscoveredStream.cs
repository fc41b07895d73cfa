using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Processes;

namespace Connectors.Testing.Session;

/// <summary>A stream as <c>discover</c> printed it, and how the kit configures it, as Airbyte's acceptance tests do.</summary>
internal sealed record DiscoveredStream(string Name, JsonElement Raw)
{
    /// <summary>The streams of a catalog, first of each name.</summary>
    public static IReadOnlyList<DiscoveredStream> Of(JsonElement catalog) =>
        Message.Payload(catalog, "streams") is { ValueKind: JsonValueKind.Array } streams
            ? streams.EnumerateArray()
                .Where(s => Message.Text(s, "name") is not null)
                .GroupBy(s => Message.Text(s, "name")!)
                .Select(g => new DiscoveredStream(g.Key, g.First().Clone()))
                .ToList()
            : [];

    public IReadOnlyList<string> SyncModes =>
        Message.Payload(Raw, "supported_sync_modes") is { ValueKind: JsonValueKind.Array } modes ? modes.EnumerateArray().Select(m => m.ToString()).ToList() : [];

    public bool SupportsIncremental => SyncModes.Contains("incremental");

    public bool SupportsFullRefresh => SyncModes.Contains("full_refresh");

    /// <summary>The cursor the kit configures: the stream's default cursor field (empty when it has none).</summary>
    public IReadOnlyList<string> Cursor => Message.Path(Message.Payload(Raw, "default_cursor_field"));

    /// <summary>The stream's primary key paths (empty when it has none).</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey => Message.Paths(Message.Payload(Raw, "source_defined_primary_key"));

    /// <summary>The configured stream for a read in <paramref name="syncMode"/>.</summary>
    public JsonObject Configured(string syncMode)
    {
        var configured = new JsonObject
        {
            ["stream"] = JsonNode.Parse(Raw.GetRawText()),
            ["sync_mode"] = syncMode,
            ["destination_sync_mode"] = "append",
        };
        if (Cursor.Count > 0)
        {
            configured["cursor_field"] = new JsonArray(Cursor.Select(c => (JsonNode?)c).ToArray());
        }
        if (PrimaryKey.Count > 0)
        {
            configured["primary_key"] = JsonNode.Parse(Message.Payload(Raw, "source_defined_primary_key").GetRawText());
        }
        return configured;
    }

    /// <summary>A configured catalog of <paramref name="streams"/> in <paramref name="syncMode"/>.</summary>
    public static string Catalog(IEnumerable<DiscoveredStream> streams, string syncMode) =>
        new JsonObject { ["streams"] = new JsonArray(streams.Select(s => (JsonNode?)s.Configured(syncMode)).ToArray()) }.ToJsonString();
}
