using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Connectors.Runtime.Json;

/// <summary>A neutral keyword of the SDK (<see cref="SchemaKeywords"/>) met in a schema object.</summary>
public enum SchemaKeyword
{
    /// <summary><see cref="SchemaKeywords.Secret"/>.</summary>
    Secret,

    /// <summary><see cref="SchemaKeywords.Hidden"/>.</summary>
    Hidden,

    /// <summary><see cref="SchemaKeywords.Timezone"/>.</summary>
    Timezone,
}

/// <summary>Writes a protocol's own keyword(s) for a neutral keyword, or nothing to drop it.</summary>
/// <param name="writer">Positioned inside the schema object, where the neutral keyword was.</param>
/// <param name="keyword">The neutral keyword.</param>
/// <param name="value">Its value (the keywords are booleans; anything else reads as false).</param>
/// <param name="format">The schema object's <c>format</c>, when it came before the keyword.</param>
public delegate void SchemaKeywordWriter(Utf8JsonWriter writer, SchemaKeyword keyword, bool value, string? format);

/// <summary>
/// Writes JSON Schema text (the description's indented schemas) compactly into a writer in one streaming pass, handing
/// each of the SDK's neutral keywords to a protocol's <see cref="SchemaKeywordWriter"/>. Only keywords of schema
/// objects are rendered: property names under <c>properties</c> and values under <c>default</c>, <c>examples</c>,
/// <c>enum</c> (any data) are copied as they are. Strings, names and numbers come out as <c>JsonElement.WriteTo</c>
/// would write them.
/// </summary>
public static class SchemaText
{
    private const int StackLimit = 1024;

    /// <summary>Writes <paramref name="schema"/>; without <paramref name="keywords"/>, the neutral keywords are copied.</summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static void Write(Utf8JsonWriter writer, string schema, SchemaKeywordWriter? keywords = null)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(schema.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var reader = new Utf8JsonReader(buffer[..Encoding.UTF8.GetBytes(schema, buffer)]);
            reader.Read();
            WriteSchema(ref reader, writer, keywords);
            if (reader.Read())
            {
                throw new JsonException($"Unexpected {reader.TokenType} after the schema.");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A schema: an object whose keywords are rendered, or a boolean schema.</summary>
    private static void WriteSchema(ref Utf8JsonReader reader, Utf8JsonWriter writer, SchemaKeywordWriter? keywords)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            CopyValue(ref reader, writer);
            return;
        }
        writer.WriteStartObject();
        string? format = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var part = Classify(ref reader, out var keyword);
            if (part == Part.Keyword && keywords is not null)
            {
                reader.Read();
                keywords(writer, keyword, reader.TokenType == JsonTokenType.True, format);
                SkipValue(ref reader);
                continue;
            }
            WriteName(ref reader, writer);
            reader.Read();
            switch (part)
            {
                case Part.Schema:
                    WriteSchema(ref reader, writer, keywords);
                    break;
                case Part.Schemas:
                    WriteSchemas(ref reader, writer, keywords);
                    break;
                case Part.SchemaMap:
                    WriteSchemaMap(ref reader, writer, keywords);
                    break;
                case Part.Format:
                    format = FormatOf(ref reader);
                    CopyValue(ref reader, writer);
                    break;
                default:
                    CopyValue(ref reader, writer);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>A schema or an array of schemas (<c>items</c>, <c>allOf</c> …).</summary>
    private static void WriteSchemas(ref Utf8JsonReader reader, Utf8JsonWriter writer, SchemaKeywordWriter? keywords)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            WriteSchema(ref reader, writer, keywords);
            return;
        }
        writer.WriteStartArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            WriteSchema(ref reader, writer, keywords);
        }
        writer.WriteEndArray();
    }

    /// <summary>An object of names to schemas (<c>properties</c>, <c>definitions</c> …): the names are data.</summary>
    private static void WriteSchemaMap(ref Utf8JsonReader reader, Utf8JsonWriter writer, SchemaKeywordWriter? keywords)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            CopyValue(ref reader, writer);
            return;
        }
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            WriteName(ref reader, writer);
            reader.Read();
            WriteSchema(ref reader, writer, keywords);
        }
        writer.WriteEndObject();
    }

    private enum Part
    {
        Data,
        Schema,
        Schemas,
        SchemaMap,
        Format,
        Keyword,
    }

    private static Part Classify(ref Utf8JsonReader reader, out SchemaKeyword keyword)
    {
        keyword = default;
        if (reader.ValueTextEquals("properties"u8) || reader.ValueTextEquals("patternProperties"u8)
            || reader.ValueTextEquals("definitions"u8) || reader.ValueTextEquals("$defs"u8) || reader.ValueTextEquals("dependencies"u8))
        {
            return Part.SchemaMap;
        }
        if (reader.ValueTextEquals("items"u8) || reader.ValueTextEquals("allOf"u8) || reader.ValueTextEquals("anyOf"u8)
            || reader.ValueTextEquals("oneOf"u8))
        {
            return Part.Schemas;
        }
        if (reader.ValueTextEquals("additionalProperties"u8) || reader.ValueTextEquals("additionalItems"u8)
            || reader.ValueTextEquals("not"u8) || reader.ValueTextEquals("if"u8) || reader.ValueTextEquals("then"u8)
            || reader.ValueTextEquals("else"u8) || reader.ValueTextEquals("contains"u8) || reader.ValueTextEquals("propertyNames"u8))
        {
            return Part.Schema;
        }
        if (reader.ValueTextEquals("format"u8))
        {
            return Part.Format;
        }
        // SchemaKeywords, spelled in UTF-8 (SchemaTextTests render schemas written with those constants).
        if (reader.ValueTextEquals("x-secret"u8))
        {
            keyword = SchemaKeyword.Secret;
            return Part.Keyword;
        }
        if (reader.ValueTextEquals("x-hidden"u8))
        {
            keyword = SchemaKeyword.Hidden;
            return Part.Keyword;
        }
        if (reader.ValueTextEquals("x-timezone"u8))
        {
            keyword = SchemaKeyword.Timezone;
            return Part.Keyword;
        }
        return Part.Data;
    }

    // The formats hosts care about come back as constants: no string per schema object.
    private static string? FormatOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("date-time"u8) ? "date-time"
        : reader.ValueTextEquals("time"u8) ? "time"
        : reader.ValueTextEquals("date"u8) ? "date"
        : reader.GetString();

    private static void WriteName(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.ValueIsEscaped)
        {
            writer.WritePropertyName(reader.GetString()!);
        }
        else
        {
            writer.WritePropertyName(reader.ValueSpan);
        }
    }

    /// <summary>Copies the value at the reader (and everything inside it) token by token.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            do
            {
                CopyToken(ref reader, writer);
            }
            while (reader.Read() && reader.CurrentDepth > depth);
        }
        // A scalar, or the container's closing token.
        CopyToken(ref reader, writer);
    }

    private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                WriteName(ref reader, writer);
                break;
            case JsonTokenType.String when reader.ValueIsEscaped:
                writer.WriteStringValue(reader.GetString());
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.ValueSpan);
                break;
            case JsonTokenType.Number:
                // As written: a number's text is never reformatted.
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }
}
