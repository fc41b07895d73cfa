using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Connectors.Client.Catalog;

/// <summary>How one selected stream is read: its sync mode, and what a destination does with it.</summary>
/// <param name="Stream">The stream as discovered.</param>
/// <param name="SyncMode"><c>incremental</c> or <c>full_refresh</c>.</param>
/// <param name="DestinationSyncMode"><c>append</c>, <c>overwrite</c> or <c>append_dedup</c>.</param>
public sealed record ConfiguredStream(StreamInfo Stream, string SyncMode, string DestinationSyncMode)
{
    /// <summary>Whether the stream is read incrementally.</summary>
    public bool Incremental => SyncMode == "incremental";
}

/// <summary>Builds the ConfiguredAirbyteCatalog handed to <c>read</c> and <c>write</c>.</summary>
internal static class ConfiguredCatalog
{
    /// <summary>
    /// Incremental where the stream supports it and no full refresh is asked for (as PyAirbyte does); the destination sync
    /// mode is overwrite for a full refresh, append_dedup for an incremental stream with a primary key, else append.
    /// </summary>
    public static IReadOnlyList<ConfiguredStream> Configure(IEnumerable<StreamInfo> streams, bool fullRefresh) =>
        streams.Select(stream =>
        {
            var incremental = !fullRefresh && stream.SupportsIncremental;
            var destination = !incremental ? "overwrite" : stream.PrimaryKey.Count > 0 ? "append_dedup" : "append";
            return new ConfiguredStream(stream, incremental ? "incremental" : "full_refresh", destination);
        }).ToList();

    public static JsonObject ToJson(IEnumerable<ConfiguredStream> streams)
    {
        var array = new JsonArray();
        foreach (var configured in streams)
        {
            var stream = configured.Stream;
            var item = new JsonObject
            {
                ["stream"] = JsonNode.Parse(stream.Json.GetRawText()),
                ["sync_mode"] = configured.SyncMode,
                ["destination_sync_mode"] = configured.DestinationSyncMode,
            };
            if (stream.DefaultCursorField.Count > 0)
            {
                item["cursor_field"] = new JsonArray(stream.DefaultCursorField.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
            }
            if (stream.PrimaryKey.Count > 0)
            {
                item["primary_key"] = new JsonArray(stream.PrimaryKey
                    .Select(path => (JsonNode?)new JsonArray(path.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray())).ToArray());
            }
            array.Add(item);
        }
        return new JsonObject { ["streams"] = array };
    }
}
