using System.Collections.Generic;
using System.Text.Json;

namespace Connectors;

/// <summary>One top-level property of a stream's <c>json_schema</c>: what a destination makes a column of.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Type">Its JSON type; <see cref="FieldType.Any"/> when the schema allows several.</param>
/// <param name="Format">The schema's <c>format</c> (<c>date-time</c>, <c>date</c>, <c>time</c>…), if any.</param>
/// <param name="AirbyteType">The schema's <c>airbyte_type</c> (<c>timestamp_without_timezone</c>…), if any.</param>
public sealed record StreamField(string Name, FieldType Type, string? Format = null, string? AirbyteType = null)
{
    /// <summary>The top-level properties of a stream schema, in schema order; none when it declares no <c>properties</c>.</summary>
    public static IReadOnlyList<StreamField> FromSchema(JsonElement schema)
    {
        var fields = new List<StreamField>();
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }
        foreach (var property in properties.EnumerateObject())
        {
            var definition = property.Value;
            fields.Add(new StreamField(property.Name, TypeOf(definition), StringProperty(definition, "format"),
                StringProperty(definition, "airbyte_type")));
        }
        return fields;
    }

    private static FieldType TypeOf(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("type", out var type))
        {
            return FieldType.Any;
        }
        FieldType? found = null;
        foreach (var name in TypeNames(type))
        {
            if (name == "null")
            {
                continue;
            }
            var next = Parse(name);
            // ["integer", "number"] is a number; any other union has no single column type.
            found = found is null || found == next ? next
                : (found, next) is (FieldType.Integer, FieldType.Number) or (FieldType.Number, FieldType.Integer) ? FieldType.Number
                : FieldType.Any;
        }
        if (found == FieldType.Number && StringProperty(definition, "airbyte_type") == "integer")
        {
            return FieldType.Integer;
        }
        return found ?? FieldType.Any;
    }

    private static IEnumerable<string> TypeNames(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            yield return type.GetString()!;
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    private static FieldType Parse(string name) => name switch
    {
        "string" => FieldType.String,
        "integer" => FieldType.Integer,
        "number" => FieldType.Number,
        "boolean" => FieldType.Boolean,
        "object" => FieldType.Object,
        "array" => FieldType.Array,
        _ => FieldType.Any,
    };

    private static string? StringProperty(JsonElement definition, string name) =>
        definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
