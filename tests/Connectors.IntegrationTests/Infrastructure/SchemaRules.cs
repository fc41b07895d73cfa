using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// Checks of JSON Schemas that connectors publish (the spec's connectionSpecification, streams' json_schema): that they are
/// well-formed draft-07, and that they keep to what Airbyte's acceptance tests allow.
/// </summary>
internal static class SchemaRules
{
    private static readonly string[] TypeNames = ["null", "boolean", "object", "array", "number", "integer", "string"];

    // Keywords CAT rejects (test_forbidden_complex_types, test_defined_refs_exist_in_json_spec_file, discovery's allOf/not).
    private static readonly string[] ForbiddenKeywords =
        ["$ref", "allOf", "anyOf", "not", "patternProperties", "prefixItems", "if", "then", "else", "dependentSchemas", "dependentRequired"];

    private static readonly string[] NumberKeywords =
        ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

    private static readonly string[] CountKeywords =
        ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];

    /// <summary>Where the schema is not well-formed draft-07: keyword values of the wrong kind, bad type names, bad regexes.</summary>
    public static List<string> Draft07Problems(JsonElement schema)
    {
        var problems = new List<string>();
        WalkSchemas(schema, "$", (node, path) => CheckKeywords(node, path, problems));
        return problems;
    }

    /// <summary>Where the schema uses what Airbyte's acceptance tests reject.</summary>
    public static List<string> AirbyteProblems(JsonElement schema)
    {
        var problems = new List<string>();
        WalkSchemas(schema, "$", (node, path) =>
        {
            foreach (var keyword in ForbiddenKeywords.Where(k => node.TryGetProperty(k, out _)))
            {
                problems.Add($"{path}: uses '{keyword}'");
            }
            if (node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.True)
            {
                problems.Add($"{path}: additionalProperties is {additional.GetRawText()}, not true");
            }
            if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.ToString()).ToList();
                var legal = types.Count == 1 || (types.Count == 2 && types[0] != "null" && types[1] == "null");
                if (!legal)
                {
                    problems.Add($"{path}: type {type.GetRawText()} is neither [T] nor [T, \"null\"]");
                }
            }
            if (node.TryGetProperty("properties", out var siblings) && siblings.ValueKind == JsonValueKind.Object)
            {
                // test_duplicate_order: no two sibling properties of one group share an order; test_nested_group.
                var orders = siblings.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("order", out _))
                    .GroupBy(p => (Group: p.Value.TryGetProperty("group", out var g) ? g.ToString() : "", Order: p.Value.GetProperty("order").GetRawText()))
                    .Where(g => g.Count() > 1);
                foreach (var duplicate in orders)
                {
                    problems.Add($"{path}: properties {string.Join(", ", duplicate.Select(p => p.Name))} share order {duplicate.Key.Order}");
                }
                if (path != "$")
                {
                    foreach (var grouped in siblings.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("group", out _)))
                    {
                        problems.Add($"{path}.properties.{grouped.Name}: 'group' on a nested property");
                    }
                }
            }
            if (RecordSchemas.Types(node).Contains("object") && path != "$"
                && !(node.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any())
                && !node.TryGetProperty("oneOf", out _))
            {
                problems.Add($"{path}: a nested object without properties");
            }
        });
        return problems;
    }

    /// <summary>Calls <paramref name="visit"/> on the schema and each of its subschemas, with its JSON path.</summary>
    public static void WalkSchemas(JsonElement schema, string path, Action<JsonElement, string> visit)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        visit(schema, path);
        foreach (var keyword in new[] { "properties", "definitions", "patternProperties" })
        {
            if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in map.EnumerateObject())
                {
                    WalkSchemas(property.Value, $"{path}.{keyword}.{property.Name}", visit);
                }
            }
        }
        foreach (var keyword in new[] { "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames" })
        {
            if (schema.TryGetProperty(keyword, out var sub))
            {
                if (sub.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in sub.EnumerateArray())
                    {
                        WalkSchemas(item, $"{path}.{keyword}[{i++}]", visit);
                    }
                }
                else
                {
                    WalkSchemas(sub, $"{path}.{keyword}", visit);
                }
            }
        }
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    WalkSchemas(item, $"{path}.{keyword}[{i++}]", visit);
                }
            }
        }
    }

    private static void CheckKeywords(JsonElement node, string path, List<string> problems)
    {
        if (node.TryGetProperty("$schema", out var dialect) && dialect.ToString() is not ("http://json-schema.org/draft-07/schema#" or "http://json-schema.org/draft-07/schema"))
        {
            problems.Add($"{path}.$schema: {dialect.GetRawText()} is not draft-07");
        }
        if (node.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToList() : [type];
            if (names.Count == 0 || names.Any(n => n.ValueKind != JsonValueKind.String || !TypeNames.Contains(n.GetString()))
                || names.Select(n => n.ToString()).Distinct().Count() != names.Count)
            {
                problems.Add($"{path}.type: {type.GetRawText()} is not a draft-07 type or list of distinct types");
            }
        }
        foreach (var keyword in new[] { "properties", "definitions", "patternProperties" })
        {
            if (node.TryGetProperty(keyword, out var map)
                && (map.ValueKind != JsonValueKind.Object || map.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))))
            {
                problems.Add($"{path}.{keyword}: must be an object of schemas");
            }
        }
        if (node.TryGetProperty("required", out var required)
            && (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String)
                || required.EnumerateArray().Select(r => r.ToString()).Distinct().Count() != required.GetArrayLength()))
        {
            problems.Add($"{path}.required: must be an array of distinct strings");
        }
        if (node.TryGetProperty("enum", out var values)
            && (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0
                || values.EnumerateArray().Select(v => v.GetRawText()).Distinct().Count() != values.GetArrayLength()))
        {
            problems.Add($"{path}.enum: must be a non-empty array of distinct values");
        }
        foreach (var keyword in NumberKeywords.Where(k => node.TryGetProperty(k, out var v) && v.ValueKind != JsonValueKind.Number))
        {
            problems.Add($"{path}.{keyword}: must be a number");
        }
        foreach (var keyword in CountKeywords.Where(k => node.TryGetProperty(k, out var v) && !(v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0)))
        {
            problems.Add($"{path}.{keyword}: must be a non-negative integer");
        }
        foreach (var keyword in new[] { "title", "description", "format", "pattern" }.Where(k => node.TryGetProperty(k, out var v) && v.ValueKind != JsonValueKind.String))
        {
            problems.Add($"{path}.{keyword}: must be a string");
        }
        if (node.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String && !IsRegex(pattern.GetString()!))
        {
            problems.Add($"{path}.pattern: {pattern.GetRawText()} is not a regular expression");
        }
        foreach (var keyword in new[] { "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames" })
        {
            if (node.TryGetProperty(keyword, out var sub) && sub.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
                && !(keyword == "items" && sub.ValueKind == JsonValueKind.Array))
            {
                problems.Add($"{path}.{keyword}: must be a schema");
            }
        }
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node.TryGetProperty(keyword, out var list) && (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0))
            {
                problems.Add($"{path}.{keyword}: must be a non-empty array of schemas");
            }
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.ECMAScript);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
