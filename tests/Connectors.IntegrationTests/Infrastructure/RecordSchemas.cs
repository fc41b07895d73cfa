using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// The record schemas of a connector's streams, as its <c>discover</c> printed them, and the checks every RECORD must
/// pass: draft-07 validation, plus what Airbyte's acceptance tests add on top of it: integers are integers (1.0 is not),
/// and date-time strings are RFC 3339 date-times that parse.
/// </summary>
internal sealed partial class RecordSchemas
{
    private readonly Dictionary<string, (JsonSchema Schema, JsonElement Raw)> _streams;

    public RecordSchemas(JsonElement catalog)
    {
        _streams = new Dictionary<string, (JsonSchema, JsonElement)>(StringComparer.Ordinal);
        foreach (var stream in catalog.GetProperty("streams").EnumerateArray())
        {
            var raw = stream.GetProperty("json_schema").Clone();
            var schema = JsonSchema.FromJsonAsync(raw.GetRawText()).GetAwaiter().GetResult();
            _streams[stream.GetProperty("name").GetString()!] = (schema, raw);
        }
    }

    /// <summary>The stream names, in catalog order.</summary>
    public IEnumerable<string> StreamNames => _streams.Keys;

    /// <summary>Problems with one RECORD message's data.</summary>
    public IReadOnlyList<string> Validate(JToken record)
    {
        var stream = record["stream"]?.Value<string>() ?? "";
        if (!_streams.TryGetValue(stream, out var entry))
        {
            return [$"stream '{stream}' is not in the discovered catalog"];
        }
        var data = record["data"]!;
        var problems = entry.Schema.Validate(data).Select(e => e.ToString()).ToList();
        CheckStrictly(entry.Raw, data, "$", problems);
        return problems;
    }

    private static void CheckStrictly(JsonElement schema, JToken value, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object || value.Type == JTokenType.Null)
        {
            return;
        }
        var types = Types(schema);
        if (types.Contains("integer") && !types.Contains("number") && value.Type == JTokenType.Float)
        {
            problems.Add($"{path}: {value.ToString(Newtonsoft.Json.Formatting.None)} is not an integer (Airbyte's acceptance tests treat 1.0 as a number)");
        }
        if (value.Type == JTokenType.String && schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String)
        {
            var text = value.Value<string>()!;
            if (format.GetString() == "date-time" && !IsDateTime(text))
            {
                problems.Add($"{path}: \"{text}\" is not an RFC 3339 date-time with at most six fractional digits");
            }
        }
        if (value is JObject obj && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (obj.TryGetValue(property.Name, StringComparison.Ordinal, out var child))
                {
                    CheckStrictly(property.Value, child, path + "." + property.Name, problems);
                }
            }
        }
        if (value is JArray array && schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                CheckStrictly(items, array[i], $"{path}[{i}]", problems);
            }
        }
    }

    /// <summary>The schema's type(s).</summary>
    public static IReadOnlyList<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
    }

    /// <summary>
    /// What Airbyte's acceptance tests accept as a date-time (the RFC 3339 shape, and a value that parses), with at most
    /// six fractional digits: Python's datetime, which many destinations and tools parse with, rejects seven.
    /// </summary>
    public static bool IsDateTime(string text) =>
        DateTimeShape().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?$")]
    private static partial Regex DateTimeShape();
}
