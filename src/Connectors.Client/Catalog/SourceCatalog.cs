using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Client.Catalog;

/// <summary>The streams a source's <c>discover</c> returned.</summary>
public sealed class SourceCatalog
{
    internal SourceCatalog(JsonElement json)
    {
        Json = json;
        Streams = json.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array
            ? streams.EnumerateArray().Select(s => new StreamInfo(s)).ToList()
            : [];
    }

    /// <summary>The <c>catalog</c> object.</summary>
    public JsonElement Json { get; }

    /// <summary>The streams, in the order discovered.</summary>
    public IReadOnlyList<StreamInfo> Streams { get; }

    /// <summary>The stream called <paramref name="name"/>.</summary>
    public StreamInfo this[string name] => Find(name) ?? throw new ConnectorException(
        $"The source has no stream '{name}'. Its streams: {string.Join(", ", Streams.Select(s => s.Name))}.");

    /// <summary>The stream called <paramref name="name"/>, or null.</summary>
    public StreamInfo? Find(string name) => Streams.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
