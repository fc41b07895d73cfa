using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Connectors.Testing.Conduit;

/// <summary>One config property as Conduit sees it: a flat key (nested objects give dotted keys) and its schema's facts.</summary>
internal sealed record ConduitProperty(string Key, string? Type, string? Format, bool Required, bool Secret, IReadOnlyList<string>? Enum, string? Default);

/// <summary>
/// Configs as Conduit sends them: a flat <c>map&lt;string,string&gt;</c>. The kit derives it from the JSON config and
/// reads the connector's config schema itself, so the Specify rule checks the plugin against the model, not against itself.
/// </summary>
internal static class ConduitConfigs
{
    /// <summary>A JSON config as Conduit's map: nested objects flatten to dotted keys; strings bare, lists comma-separated, the rest as JSON text.</summary>
    public static Dictionary<string, string> Flatten(string json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Flatten(document.RootElement, "", map);
        return map;
    }

    private static void Flatten(JsonElement value, string prefix, Dictionary<string, string> map)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, prefix + property.Name + ".", map);
            }
            else if (Text(property.Value) is { } text)
            {
                map[prefix + property.Name] = text;
            }
        }
    }

    /// <summary>Every property of a draft-07 config schema, nested objects flattened, in schema order.</summary>
    public static List<ConduitProperty> Properties(string configSchema)
    {
        var properties = new List<ConduitProperty>();
        using var document = JsonDocument.Parse(configSchema);
        Collect(document.RootElement, "", requiredHere: true, properties);
        return properties;
    }

    private static void Collect(JsonElement schema, string prefix, bool requiredHere, List<ConduitProperty> properties)
    {
        if (!schema.TryGetProperty("properties", out var members) || members.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var required = schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToHashSet()
            : [];
        foreach (var member in members.EnumerateObject())
        {
            var definition = member.Value;
            var type = TypeOf(definition);
            var isRequired = requiredHere && required.Contains(member.Name);
            if (type == "object" && definition.TryGetProperty("properties", out _))
            {
                Collect(definition, prefix + member.Name + ".", isRequired, properties);
                continue;
            }
            properties.Add(new ConduitProperty(
                prefix + member.Name,
                type,
                definition.TryGetProperty("format", out var format) ? format.GetString() : null,
                isRequired,
                definition.TryGetProperty(Runtime.SchemaKeywords.Secret, out var secret) && secret.ValueKind == JsonValueKind.True,
                definition.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                    ? values.EnumerateArray().Select(Text).OfType<string>().ToList()
                    : null,
                definition.TryGetProperty("default", out var value) ? Text(value) : null));
        }
    }

    /// <summary>
    /// Configs Configure must refuse, each with the key its error must name: a wrong-typed value for the first typed
    /// property that is not a secret, the first required property left out, and a key no parameter has.
    /// </summary>
    public static List<(string Problem, string Key, Dictionary<string, string> Config)> Bad(IReadOnlyList<ConduitProperty> properties,
        IReadOnlyDictionary<string, string> config)
    {
        var bad = new List<(string, string, Dictionary<string, string>)>();
        if (properties.FirstOrDefault(p => !p.Secret && p.Type is "integer" or "number" or "boolean") is { } typed)
        {
            var wrong = new Dictionary<string, string>(config) { [typed.Key] = typed.Type == "boolean" ? "maybe" : "not-a-number" };
            bad.Add(($"{typed.Key} is not a {typed.Type}", typed.Key, wrong));
        }
        if (properties.FirstOrDefault(p => p.Required && p.Default is null) is { } required)
        {
            var missing = new Dictionary<string, string>(config);
            missing.Remove(required.Key);
            bad.Add(($"required {required.Key} is missing", required.Key, missing));
        }
        const string Unknown = "kit.no_such_parameter";
        bad.Add(($"{Unknown} is no parameter", Unknown, new Dictionary<string, string>(config) { [Unknown] = "1" }));
        return bad;
    }

    /// <summary>A schema's single type (<c>["string","null"]</c> is a string); null when it allows several or says none.</summary>
    private static string? TypeOf(JsonElement definition)
    {
        if (!definition.TryGetProperty("type", out var type))
        {
            return null;
        }
        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }
        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList()
            : [];
        return types.Count == 1 ? types[0] : null;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Text)),
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    /// <summary>A value for messages.</summary>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
