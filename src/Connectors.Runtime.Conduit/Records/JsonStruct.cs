using System;
using System.Collections.Generic;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace Connectors.Runtime.Conduit.Records;

/// <summary>
/// JSON ↔ <c>google.protobuf.Struct</c>, the structured data of OpenCDC records. Struct numbers are doubles: integers
/// beyond 2^53 lose precision (the raw payload format keeps the JSON as written).
/// </summary>
internal static class JsonStruct
{
    /// <summary>Parses a JSON object.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static Struct Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object.");
        }
        return ReadObject(ref reader);
    }

    /// <summary>The values at the given field paths of a record (its primary key), as a Struct keyed by the paths' last names.</summary>
    public static Struct Pick(Struct record, IReadOnlyList<IReadOnlyList<string>> paths)
    {
        var key = new Struct();
        foreach (var path in paths)
        {
            Value? value = null;
            var current = record;
            for (var i = 0; i < path.Count && current is not null; i++)
            {
                if (!current.Fields.TryGetValue(path[i], out value))
                {
                    value = null;
                    break;
                }
                current = i < path.Count - 1 ? value.StructValue : null;
            }
            key.Fields[string.Join(".", path)] = value ?? Value.ForNull();
        }
        return key;
    }

    /// <summary>Writes a Struct as a JSON object (whole numbers without a fraction).</summary>
    public static void Write(Utf8JsonWriter writer, Struct value)
    {
        writer.WriteStartObject();
        foreach (var (name, field) in value.Fields)
        {
            writer.WritePropertyName(name);
            Write(writer, field);
        }
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.StructValue:
                Write(writer, value.StructValue);
                break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (var item in value.ListValue.Values)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.KindOneofCase.NumberValue:
                var number = value.NumberValue;
                if (Math.Floor(number) == number && Math.Abs(number) < 9007199254740992d)
                {
                    writer.WriteNumberValue((long)number);
                }
                else if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteNullValue();
                }
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static Struct ReadObject(ref Utf8JsonReader reader)
    {
        var value = new Struct();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            value.Fields[name] = ReadValue(ref reader);
        }
        return value;
    }

    private static Value ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return Value.ForStruct(ReadObject(ref reader));
            case JsonTokenType.StartArray:
                var list = new ListValue();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Values.Add(ReadValue(ref reader));
                }
                return new Value { ListValue = list };
            case JsonTokenType.String:
                return Value.ForString(reader.GetString()!);
            case JsonTokenType.Number:
                return Value.ForNumber(reader.GetDouble());
            case JsonTokenType.True:
                return Value.ForBool(true);
            case JsonTokenType.False:
                return Value.ForBool(false);
            default:
                return Value.ForNull();
        }
    }
}
