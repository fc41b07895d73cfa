using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connectors.Http;

/// <summary>
/// Walks a response body with one <see cref="Utf8JsonReader"/> pass, deserializing the values at a <see cref="JsonPath"/>
/// with source-generated metadata: no DOM, no reflection.
/// </summary>
internal static class RecordSelector
{
    /// <summary>Appends the values at <paramref name="path"/> (nulls left out) to <paramref name="into"/>.</summary>
    public static void Select<T>(HttpResponsePage page, JsonPath path, JsonTypeInfo<T> typeInfo, List<T> into)
    {
        try
        {
            Select(page.Body.Span, path, typeInfo, into);
        }
        catch (JsonException ex)
        {
            throw new HttpResponseFormatException(
                $"{page.Describe()} returned a body that does not hold {typeof(T).Name} records at {path}: {ex.Message} Body: {page.BodySnippet()}", ex);
        }
    }

    public static void Select<T>(ReadOnlySpan<byte> json, JsonPath path, JsonTypeInfo<T> typeInfo, List<T> into)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            return;
        }
        var visitor = new Collect<T>(typeInfo, into);
        Walk(ref reader, path.Segments, 0, ref visitor);
    }

    /// <summary>The first scalar at <paramref name="path"/> as text (a string, or a number's literal), or null.</summary>
    public static string? FirstScalar(ReadOnlySpan<byte> json, JsonPath path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            return null;
        }
        var visitor = new FirstScalarVisitor();
        Walk(ref reader, path.Segments, 0, ref visitor);
        return visitor.Value;
    }

    private interface IVisitor
    {
        /// <summary>False once the visitor needs no more values.</summary>
        bool Wants { get; }

        /// <summary>Consumes the value the reader is on, leaving the reader on its last token.</summary>
        void Visit(ref Utf8JsonReader reader);
    }

    // The reader is on the first token of a value; it is left on that value's last token (like Utf8JsonReader.Skip).
    private static void Walk<TVisitor>(ref Utf8JsonReader reader, JsonPath.Segment[] segments, int depth, ref TVisitor visitor)
        where TVisitor : struct, IVisitor
    {
        if (depth == segments.Length)
        {
            visitor.Visit(ref reader);
            return;
        }
        var segment = segments[depth];
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when segment.Kind != JsonPath.SegmentKind.Index:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var match = segment.Kind == JsonPath.SegmentKind.Wildcard || reader.ValueTextEquals(segment.Utf8Name);
                    reader.Read();
                    if (match && visitor.Wants)
                    {
                        Walk(ref reader, segments, depth + 1, ref visitor);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                break;
            case JsonTokenType.StartArray when segment.Kind != JsonPath.SegmentKind.Property:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var match = segment.Kind == JsonPath.SegmentKind.Wildcard || index == segment.ArrayIndex;
                    if (match && visitor.Wants)
                    {
                        Walk(ref reader, segments, depth + 1, ref visitor);
                    }
                    else
                    {
                        reader.Skip();
                    }
                    index++;
                }
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private struct Collect<T> : IVisitor
    {
        private readonly JsonTypeInfo<T> _typeInfo;
        private readonly List<T> _into;

        public Collect(JsonTypeInfo<T> typeInfo, List<T> into)
        {
            _typeInfo = typeInfo;
            _into = into;
        }

        public readonly bool Wants => true;

        public readonly void Visit(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }
            if (JsonSerializer.Deserialize(ref reader, _typeInfo) is { } value)
            {
                _into.Add(value);
            }
        }
    }

    private struct FirstScalarVisitor : IVisitor
    {
        public string? Value;

        public readonly bool Wants => Value is null;

        public void Visit(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    Value = reader.GetString();
                    break;
                case JsonTokenType.Number:
                    Value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    Value = reader.GetBoolean() ? "true" : "false";
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}
