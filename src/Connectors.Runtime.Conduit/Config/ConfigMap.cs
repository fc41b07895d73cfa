using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>
/// Turns Conduit's flat <c>map&lt;string,string&gt;</c> into the JSON document the generated binder reads: values are
/// trimmed, empty ones left out (so defaults apply), dotted keys nest, and each value is parsed as its property's type
/// (a value that does not parse stays a string, and the binder names the key and the type it expected). Keys that name no
/// property and are not the SDK's own (<c>sdk.*</c>) are problems, with the closest key.
/// </summary>
internal static class ConfigMap
{
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> config, IReadOnlyList<ConfigParameter> parameters, List<string> problems)
    {
        var byKey = parameters.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var root = new JsonObject();
        foreach (var (key, raw) in config.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (HostSettings.Owns(key))
            {
                continue;
            }
            if (!byKey.TryGetValue(key, out var parameter))
            {
                var closest = ClosestName.Find(key, parameters.Select(p => p.Key).ToList());
                problems.Add(closest is null ? $"{key}: not a parameter of this connector." : $"{key}: not a parameter of this connector (did you mean '{closest}'?).");
                continue;
            }
            var value = raw.Trim();
            if (value.Length == 0)
            {
                continue;
            }
            var parent = root;
            for (var i = 0; i < parameter.Path.Count - 1; i++)
            {
                if (parent[parameter.Path[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[parameter.Path[i]] = child;
                }
                parent = child;
            }
            parent[parameter.Path[^1]] = Value(value, parameter.Type, parameter.ItemType);
        }
        return root;
    }

    public static JsonElement ToElement(JsonObject json)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>A key the binder named (<c>$.auth.client_id</c>, <c>$.tags[1]</c>) as the Conduit key (<c>auth.client_id</c>).</summary>
    public static string KeyOf(string path)
    {
        var key = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? "" : path;
        var bracket = key.IndexOf('[');
        return bracket < 0 ? key : key[..bracket];
    }

    private static JsonNode? Value(string text, string? type, string? itemType) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            => JsonValue.Create(number),
        "boolean" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
        "array" => new JsonArray(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => Value(item, itemType, null)).ToArray()),
        "object" when text.StartsWith('{') => ParseOrString(text),
        _ => JsonValue.Create(text),
    };

    private static JsonNode? ParseOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
