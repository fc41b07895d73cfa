using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Processes;

namespace Connectors.Testing.Session;

/// <summary>What the kit derives from the connector's spec and the author's config.</summary>
internal static class Configs
{
    /// <summary>
    /// The config's values at properties the spec marks <c>airbyte_secret</c> (inside objects and oneOf options too),
    /// as text.
    /// </summary>
    public static IReadOnlyList<string> SecretValues(JsonElement specification, JsonElement config)
    {
        var values = new List<string>();
        Collect(specification, config, values);
        return values;
    }

    private static void Collect(JsonElement schema, JsonElement value, List<string> values)
    {
        if (schema.ValueKind != JsonValueKind.Object || value.ValueKind == JsonValueKind.Undefined)
        {
            return;
        }
        if (schema.TryGetProperty("airbyte_secret", out var secret) && secret.ValueKind == JsonValueKind.True
            && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            values.Add(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                Collect(property.Value, Message.Payload(value, property.Name), values);
            }
        }
        if (schema.TryGetProperty("oneOf", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                Collect(option, value, values);
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray())
            {
                Collect(items, item, values);
            }
        }
    }

    /// <summary>
    /// A config the connector must refuse: the author's config with the first property the spec declares (in its
    /// <c>order</c>) that is not a secret given a value of the wrong type. Secrets stay, so a failing check is searched
    /// for them too. Null when the spec declares no property.
    /// </summary>
    public static string? WithWrongType(JsonElement specification, string config)
    {
        if (Message.Payload(specification, "properties") is not { ValueKind: JsonValueKind.Object } properties)
        {
            return null;
        }
        var candidates = properties.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select((p, i) => (p.Name, Schema: p.Value, Order: p.Value.TryGetProperty("order", out var o) && o.TryGetInt32(out var n) ? n : int.MaxValue, Index: i))
            .OrderBy(p => p.Order).ThenBy(p => p.Index)
            .ToList();
        var chosen = candidates.FirstOrDefault(p => !IsSecret(p.Schema));
        if (chosen.Name is null)
        {
            chosen = candidates.FirstOrDefault();
        }
        if (chosen.Name is null || JsonNode.Parse(config) is not JsonObject document)
        {
            return null;
        }
        var types = Validation.RecordSchemas.Types(chosen.Schema);
        document[chosen.Name] = types.Contains("string") ? JsonValue.Create(12345) : JsonValue.Create("not a " + (types.FirstOrDefault() ?? "value"));
        return document.ToJsonString();
    }

    private static bool IsSecret(JsonElement schema) =>
        schema.TryGetProperty("airbyte_secret", out var secret) && secret.ValueKind == JsonValueKind.True;

    /// <summary>The config without the keys that start with '_' (Airbyte's acceptance tests drop them before validating).</summary>
    public static JsonElement WithoutPrivateKeys(string config)
    {
        var node = JsonNode.Parse(config);
        if (node is JsonObject document)
        {
            foreach (var key in document.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
            {
                document.Remove(key);
            }
        }
        return JsonSerializer.SerializeToElement(node);
    }
}
