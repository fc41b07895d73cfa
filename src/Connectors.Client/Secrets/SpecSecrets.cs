using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Client.Secrets;

/// <summary>The values of a config's <c>airbyte_secret</c> fields (by property name anywhere in the spec, oneOf options included).</summary>
internal static class SpecSecrets
{
    public static IEnumerable<string> ValuesIn(JsonObject config, JsonElement connectionSpecification)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        CollectNames(connectionSpecification, names);
        var values = new List<string>();
        if (names.Count > 0)
        {
            CollectValues(config, names, values);
        }
        return values;
    }

    private static void CollectNames(JsonElement schema, HashSet<string> names)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in schema.EnumerateObject())
                {
                    if (property.NameEquals("properties") && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in property.Value.EnumerateObject())
                        {
                            if (field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("airbyte_secret", out var secret)
                                && secret.ValueKind == JsonValueKind.True)
                            {
                                names.Add(field.Name);
                            }
                        }
                    }
                    CollectNames(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in schema.EnumerateArray())
                {
                    CollectNames(item, names);
                }
                break;
        }
    }

    private static void CollectValues(JsonNode? node, HashSet<string> names, List<string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (names.Contains(key) && child is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                    {
                        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                        if (!SecretResolver.IsReference(text))
                        {
                            values.Add(text);
                        }
                    }
                    else
                    {
                        CollectValues(child, names, values);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectValues(item, names, values);
                }
                break;
        }
    }
}
