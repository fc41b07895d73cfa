using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Testing.Commands;

/// <summary>
/// Payloads that each carry one field a command's payload schema does not declare: at the top level, and inside every
/// object the schema closes (<c>"additionalProperties": false</c>), through nested objects and arrays' items, at any
/// depth. Only the path to the unknown field is filled in: a command must refuse the field before it binds the rest.
/// </summary>
internal static class UnknownFieldPayloads
{
    /// <summary>Deeper than this the kit does not look (a recursive type repeats itself).</summary>
    private const int MaxDepth = 8;

    /// <summary>Each payload, with the unknown field's path (<c>target.items[].field</c>) for messages.</summary>
    public static IEnumerable<(string Path, JsonObject Payload)> Of(JsonElement payloadSchema, string unknownField)
    {
        yield return (unknownField, new JsonObject { [unknownField] = true });
        foreach (var path in ClosedObjects(payloadSchema, [], 0))
        {
            JsonNode inner = new JsonObject { [unknownField] = true };
            foreach (var step in Enumerable.Reverse(path))
            {
                inner = step == "[]" ? new JsonArray(inner) : new JsonObject { [step] = inner };
            }
            yield return (string.Join(".", path).Replace(".[]", "[]") + "." + unknownField, (JsonObject)inner);
        }
    }

    /// <summary>The paths (property names, <c>[]</c> for an array's items) of the closed objects below <paramref name="schema"/>.</summary>
    private static IEnumerable<List<string>> ClosedObjects(JsonElement schema, List<string> path, int depth)
    {
        if (depth >= MaxDepth || schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in properties.EnumerateObject())
        {
            var steps = new List<string>(path) { property.Name };
            var value = property.Value;
            // An array of objects: the objects are its items.
            while (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
            {
                steps.Add("[]");
                value = items;
            }
            if (IsClosedObject(value))
            {
                yield return steps;
            }
            foreach (var deeper in ClosedObjects(value, steps, depth + 1))
            {
                yield return deeper;
            }
        }
    }

    private static bool IsClosedObject(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
}
