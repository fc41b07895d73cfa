using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace Connectors.Runtime.Conduit.Destination;

/// <summary>
/// Conduit carries no catalog: a destination stream's schema is inferred from the first record written to it (each
/// top-level field typed by its value: integer, number, string, boolean, object, array; null gives no type), and its
/// primary key from the record's key when the key is structured and names top-level fields of the payload.
/// </summary>
internal static class InferredSchema
{
    public static JsonElement Of(ReadOnlySpan<byte> record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var schema = new Utf8JsonWriter(buffer))
        {
            schema.WriteStartObject();
            schema.WriteString("type", "object");
            schema.WriteStartObject("properties");
            var reader = new Utf8JsonReader(record);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                schema.WriteStartObject(reader.GetString()!);
                reader.Read();
                var type = reader.TokenType switch
                {
                    JsonTokenType.String => "string",
                    JsonTokenType.Number => IsWhole(reader.ValueSpan) ? "integer" : "number",
                    JsonTokenType.True or JsonTokenType.False => "boolean",
                    JsonTokenType.StartObject => "object",
                    JsonTokenType.StartArray => "array",
                    _ => null,
                };
                if (type is not null)
                {
                    schema.WriteString("type", type);
                }
                schema.WriteEndObject();
                reader.Skip();
            }
            schema.WriteEndObject();
            schema.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The key's fields that are top-level fields of the record, as primary-key paths.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> PrimaryKey(ConduitWire.Opencdc.V1.Data? key, IReadOnlyList<StreamField> fields)
    {
        var paths = new List<IReadOnlyList<string>>();
        if (key?.StructuredData is not Struct structured)
        {
            return paths;
        }
        foreach (var name in structured.Fields.Keys)
        {
            var found = false;
            foreach (var field in fields)
            {
                found |= field.Name == name;
            }
            if (!found)
            {
                return [];
            }
            paths.Add([name]);
        }
        return paths;
    }

    private static bool IsWhole(ReadOnlySpan<byte> number) => number.IndexOfAny("."u8) < 0 && number.IndexOfAny("eE"u8) < 0;
}
