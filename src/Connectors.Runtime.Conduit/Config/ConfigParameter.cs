using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>
/// One configuration property as Conduit sees it: a flat key (nested objects flatten to dotted keys, <c>auth.client_id</c>)
/// with the facts of its JSON Schema that become a Conduit parameter's type, default and validations.
/// </summary>
internal sealed class ConfigParameter
{
    public required string Key { get; init; }

    /// <summary>The JSON path segments of the property (<c>["auth", "client_id"]</c>).</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c>, <c>object</c> (a free-form map), or null (any).</summary>
    public string? Type { get; init; }

    /// <summary>The type of an array's items.</summary>
    public string? ItemType { get; init; }

    public string? Format { get; init; }

    public string? Description { get; init; }

    public bool Required { get; init; }

    public bool Secret { get; init; }

    /// <summary>The default as Conduit writes it (<c>true</c>, <c>1000</c>, a comma-separated list); null when none.</summary>
    public string? Default { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? ExclusiveMinimum { get; init; }

    public double? ExclusiveMaximum { get; init; }

    public string? Pattern { get; init; }

    /// <summary>Reads every property of a draft-07 config schema, depth first, in schema order.</summary>
    public static List<ConfigParameter> FromSchema(string configSchema)
    {
        var parameters = new List<ConfigParameter>();
        using var document = JsonDocument.Parse(configSchema);
        Collect(document.RootElement, [], "", requiredHere: true, parameters);
        return parameters;
    }

    private static void Collect(JsonElement schema, List<string> path, string prefix, bool requiredHere, List<ConfigParameter> parameters)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var required = new HashSet<string>();
        if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in names.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    required.Add(name.GetString()!);
                }
            }
        }
        foreach (var property in properties.EnumerateObject())
        {
            var definition = property.Value;
            var key = prefix + property.Name;
            var propertyPath = new List<string>(path) { property.Name };
            var type = TypeOf(definition);
            var isRequired = requiredHere && required.Contains(property.Name);
            if (type == "object" && definition.TryGetProperty("properties", out _))
            {
                // A nested object: its properties are parameters of their own; they are required when it is.
                Collect(definition, propertyPath, key + ".", isRequired, parameters);
                continue;
            }
            parameters.Add(new ConfigParameter
            {
                Key = key,
                Path = propertyPath,
                Type = type,
                ItemType = definition.TryGetProperty("items", out var items) ? TypeOf(items) : null,
                Format = String(definition, "format"),
                Description = String(definition, "description") ?? String(definition, "title"),
                Required = isRequired,
                Secret = definition.TryGetProperty(SchemaKeywords.Secret, out var secret) && secret.ValueKind == JsonValueKind.True,
                Default = definition.TryGetProperty("default", out var value) ? Text(value) : null,
                Enum = EnumValues(definition),
                Minimum = Number(definition, "minimum"),
                Maximum = Number(definition, "maximum"),
                ExclusiveMinimum = Number(definition, "exclusiveMinimum"),
                ExclusiveMaximum = Number(definition, "exclusiveMaximum"),
                Pattern = String(definition, "pattern"),
            });
        }
    }

    /// <summary>A schema's single type (<c>["string","null"]</c> is a string); null when it allows several or says none.</summary>
    private static string? TypeOf(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("type", out var type))
        {
            return null;
        }
        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }
        string? single = null;
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() != "null")
                {
                    if (single is not null)
                    {
                        return null;
                    }
                    single = item.GetString();
                }
            }
        }
        return single;
    }

    /// <summary>A JSON value as a Conduit config value: strings bare, arrays comma-separated, the rest as JSON text.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(",", Items(value)),
        _ => value.GetRawText(),
    };

    private static IEnumerable<string?> Items(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            yield return Text(item);
        }
    }

    private static List<string>? EnumValues(JsonElement definition)
    {
        if (!definition.TryGetProperty("enum", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var list = new List<string>();
        foreach (var value in values.EnumerateArray())
        {
            if (Text(value) is { } text)
            {
                list.Add(text);
            }
        }
        return list;
    }

    private static string? String(JsonElement definition, string name) =>
        definition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement definition, string name) =>
        definition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A bound written back for a Conduit validation (<c>0</c>, <c>2.5</c>).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
