using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>One AirbyteStream of a discovered catalog.</summary>
public sealed class CatalogStream
{
    /// <summary>The stream's name and namespace.</summary>
    public required StreamKey Key { get; init; }

    /// <summary>The JSON Schema of the stream's records, as JSON text.</summary>
    public required string JsonSchema { get; init; }

    /// <summary>True when the stream can be read incrementally.</summary>
    public bool SupportsIncremental { get; init; }

    /// <summary>The cursor field, when the source defines one.</summary>
    public string? CursorField { get; init; }

    /// <summary>The source-defined primary key, as field paths.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; init; } = [];

    /// <summary>Describes a source stream.</summary>
    public static CatalogStream From<TConnector>(SourceStream<TConnector> stream) where TConnector : class => new()
    {
        Key = new StreamKey(stream.Name, stream.Namespace),
        JsonSchema = stream.JsonSchema,
        SupportsIncremental = stream.SupportsIncremental,
        CursorField = stream.CursorField,
        PrimaryKey = stream.PrimaryKey,
    };

    internal void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(AirbyteNames.Name, Key.Name);
        if (Key.Namespace is not null)
        {
            json.WriteString(AirbyteNames.Namespace, Key.Namespace);
        }
        json.WritePropertyName(AirbyteNames.JsonSchema);
        AirbyteSchema.Write(json, JsonSchema);
        json.WriteStartArray(AirbyteNames.SupportedSyncModes);
        json.WriteStringValue(AirbyteNames.FullRefresh);
        if (SupportsIncremental)
        {
            json.WriteStringValue(AirbyteNames.Incremental);
        }
        json.WriteEndArray();
        // The source decides the cursor whenever it declares one; users cannot pick another field.
        json.WriteBoolean(AirbyteNames.SourceDefinedCursor, CursorField is not null);
        if (CursorField is not null)
        {
            json.WriteStartArray(AirbyteNames.DefaultCursorField);
            json.WriteStringValue(CursorField);
            json.WriteEndArray();
        }
        if (PrimaryKey.Count > 0)
        {
            json.WriteStartArray(AirbyteNames.SourceDefinedPrimaryKey);
            foreach (var path in PrimaryKey)
            {
                json.WriteStartArray();
                foreach (var segment in path)
                {
                    json.WriteStringValue(segment);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteBoolean(AirbyteNames.IsResumable, SupportsIncremental);
        json.WriteEndObject();
    }
}
