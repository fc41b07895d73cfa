using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connectors.Testing.Validation;

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
            if (node.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                && values.EnumerateArray().Select(v => v.GetRawText()).Distinct().Count() != values.GetArrayLength())
            {
                problems.Add($"{path}.enum: repeats a value");
            }
            if (node.TryGetProperty("display_type", out var display)
                && (!node.TryGetProperty("oneOf", out _) || display.ToString() is not ("dropdown" or "radio")))
            {
                problems.Add($"{path}.display_type: only 'dropdown' or 'radio', and only beside a oneOf");
            }
            OneOfProblems(node, path, problems);
            if (RecordSchemas.Types(node).Contains("object") && path != "$"
                && !(node.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any())
                && !node.TryGetProperty("oneOf", out _))
            {
                problems.Add($"{path}: a nested object without properties");
            }
        });
        return problems;
    }

    /// <summary>
    /// test_oneof_usage: a oneOf sits on an object; every option is an object with properties; one property common to all
    /// options carries a distinct <c>const</c> in each, with no other default or enum.
    /// </summary>
    private static void OneOfProblems(JsonElement node, string path, List<string> problems)
    {
        if (!node.TryGetProperty("oneOf", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        if (!RecordSchemas.Types(node).Contains("object"))
        {
            problems.Add($"{path}: a oneOf on something that is not type object");
        }
        var variants = options.EnumerateArray().ToList();
        if (variants.Any(v => !(v.ValueKind == JsonValueKind.Object && v.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)))
        {
            problems.Add($"{path}.oneOf: every option must be an object with properties");
            return;
        }
        var common = variants.Select(v => v.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
        var discriminators = common.Where(name => variants.All(v => v.GetProperty("properties").GetProperty(name) is var p
            && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("const", out _))).ToList();
        if (discriminators.Count != 1)
        {
            problems.Add($"{path}.oneOf: needs exactly one property common to all options with a const in each, found {discriminators.Count}");
            return;
        }
        var consts = variants.Select(v => v.GetProperty("properties").GetProperty(discriminators[0])).ToList();
        if (consts.Select(c => c.GetProperty("const").GetRawText()).Distinct().Count() != consts.Count)
        {
            problems.Add($"{path}.oneOf: the options' {discriminators[0]} consts repeat");
        }
        foreach (var c in consts)
        {
            var value = c.GetProperty("const").GetRawText();
            if ((c.TryGetProperty("default", out var d) && d.GetRawText() != value)
                || (c.TryGetProperty("enum", out var e) && !(e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 1 && e[0].GetRawText() == value)))
            {
                problems.Add($"{path}.oneOf: {discriminators[0]} has a default or enum other than its const {value}");
            }
        }
    }

    // test_secret_is_properly_marked's names, plus the endings the SDK's CONN0039 treats as credentials.
    private static readonly string[] SecretNames =
    [
        "client_token", "access_token", "api_token", "token", "secret", "client_secret", "password", "key", "service_account_info",
        "service_account", "tenant_id", "certificate", "jwt", "credentials", "app_id", "appid", "refresh_token",
    ];

    private static readonly string[] SecretEndings =
        ["password", "passwd", "passphrase", "_secret", "_token", "api_key", "apikey", "private_key", "access_key", "secret_key"];

    /// <summary>
    /// Where a spec's secrets are marked wrongly: a property named like a credential that holds text or a number without
    /// <c>airbyte_secret: true</c>, or <c>airbyte_secret</c> on a property that cannot hold a secret (boolean, object, const).
    /// </summary>
    public static List<string> SecretProblems(JsonElement specification, IReadOnlyCollection<string> notSecrets)
    {
        var problems = new List<string>();
        WalkSchemas(specification, "$", (node, path) =>
        {
            if (!node.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            foreach (var property in properties.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                var where = $"{path}.properties.{property.Name}";
                var types = RecordSchemas.Types(property.Value);
                var holdsText = !property.Value.TryGetProperty("const", out _) && types.Any(t => t is "string" or "integer" or "number");
                var marked = property.Value.TryGetProperty("airbyte_secret", out var secret) && secret.ValueKind == JsonValueKind.True;
                if (marked && !holdsText)
                {
                    problems.Add($"{where}: airbyte_secret on a property that cannot hold a secret ({(types.Count > 0 ? string.Join("/", types) : "const")})");
                }
                if (!marked && holdsText && LooksSecret(property.Name) && !notSecrets.Contains(property.Name))
                {
                    problems.Add($"{where}: looks like a secret but is not marked airbyte_secret: true");
                }
            }
        });
        return problems;
    }

    /// <summary>True for a property name a credential usually goes by.</summary>
    public static bool LooksSecret(string name)
    {
        var lower = name.ToLowerInvariant();
        return SecretNames.Contains(lower) || SecretEndings.Any(lower.EndsWith);
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
        if (node.TryGetProperty("enum", out var values) && (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0))
        {
            problems.Add($"{path}.enum: must be a non-empty array");
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
