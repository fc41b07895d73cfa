using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Client.Catalog;

/// <summary>A connector's SPEC: the JSON Schema its config must match, and what a destination supports.</summary>
public sealed class ConnectorSpecification
{
    internal ConnectorSpecification(JsonElement json) => Json = json;

    /// <summary>The whole <c>spec</c> object.</summary>
    public JsonElement Json { get; }

    /// <summary>The config's JSON Schema.</summary>
    public JsonElement ConnectionSpecification => Json.GetProperty("connectionSpecification");

    /// <summary>The connector's documentation, if given.</summary>
    public string? DocumentationUrl => Json.TryGetProperty("documentationUrl", out var u) ? u.GetString() : null;

    /// <summary>A destination's supported sync modes (append, overwrite, append_dedup …); empty for a source.</summary>
    public IReadOnlyList<string> SupportedDestinationSyncModes =>
        Json.TryGetProperty("supported_destination_sync_modes", out var modes) && modes.ValueKind == JsonValueKind.Array
            ? modes.EnumerateArray().Select(m => m.GetString() ?? "").ToList()
            : [];
}

/// <summary>The result of <c>check</c>.</summary>
/// <param name="Succeeded">Whether the connector could connect with the config.</param>
/// <param name="Message">The connector's message, masked.</param>
public sealed record ConnectionStatus(bool Succeeded, string? Message);
