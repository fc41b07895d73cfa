using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Masks secrets inside a JSON document string value by string value, so the result stays valid JSON however a secret
/// is spelled. Property names are structure, not values: they are never masked (a one-character secret must not turn
/// <c>"operatingStatus"</c> into <c>"op****ratingStatus"</c>), and neither are numbers.
/// </summary>
internal static class MaskedJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Mask(ReadOnlyMemory<byte> json, SecretMasker masker)
    {
        // Cheap common case: no secret occurs in the text at all.
        if (!masker.HasSecrets || !masker.Occurs(Encoding.UTF8.GetString(json.Span)))
        {
            return json.ToArray();
        }
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, document.RootElement, masker);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, SecretMasker masker)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, masker);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, masker);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(masker.Apply(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
