using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Connectors.Testing.Validation;

/// <summary>
/// The record schemas of a connector's streams, as its <c>discover</c> printed them, and the checks every RECORD must
/// pass: draft-07 validation, plus what Airbyte's acceptance tests add on top of it: integers are integers (1.0 is not),
/// and date-time strings are RFC 3339 date-times that parse.
/// </summary>
internal sealed partial class RecordSchemas
{
    private readonly Dictionary<string, (JsonSchema? Schema, JsonElement Raw, string? Problem)> _streams;

    public RecordSchemas(JsonElement catalog)
    {
        _streams = new(StringComparer.Ordinal);
        foreach (var stream in catalog.GetProperty("streams").EnumerateArray())
        {
            if (!stream.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || _streams.ContainsKey(name.GetString()!))
            {
                continue;
            }
            var raw = stream.TryGetProperty("json_schema", out var schema) ? schema.Clone() : default;
            try
            {
                _streams[name.GetString()!] = (Build(raw), raw, null);
            }
            catch (Exception ex) when (ProtocolSchema.IsBuildFailure(ex))
            {
                _streams[name.GetString()!] = (null, raw, $"the stream's json_schema does not build: {ex.Message}");
            }
        }
    }

    /// <summary>The stream names, in catalog order.</summary>
    public IEnumerable<string> StreamNames => _streams.Keys;

    /// <summary>Problems with one record object (<c>message.record</c>): unknown stream, or data that breaks its schema.</summary>
    public IReadOnlyList<string> Validate(JsonElement record)
    {
        var stream = record.TryGetProperty("stream", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
        if (!_streams.TryGetValue(stream, out var entry))
        {
            return [$"stream '{stream}' is not in the discovered catalog"];
        }
        if (!record.TryGetProperty("data", out var data))
        {
            return ["the record has no data"];
        }
        if (entry.Schema is null)
        {
            return [entry.Problem!];
        }
        var problems = ProtocolSchema.Problems(entry.Schema, data).ToList();
        CheckStrictly(entry.Raw, data, "$", problems);
        return problems;
    }

    /// <summary>Top-level fields of the record's data that its stream's schema does not declare (when it declares properties).</summary>
    public IReadOnlyList<string> UndeclaredFields(JsonElement record)
    {
        var stream = record.GetProperty("stream").GetString()!;
        if (!_streams.TryGetValue(stream, out var entry) || entry.Raw.ValueKind != JsonValueKind.Object
            || !entry.Raw.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !record.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        return data.EnumerateObject().Select(p => p.Name).Where(n => !properties.TryGetProperty(n, out _)).ToList();
    }

    private static JsonSchema Build(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Undefined
            ? JsonSchema.True
            : ProtocolSchema.BuildDraft07(raw);

    private static void CheckStrictly(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var types = Types(schema);
        if (types.Contains("integer") && !types.Contains("number") && value.ValueKind == JsonValueKind.Number && !IsIntegerText(value.GetRawText()))
        {
            problems.Add($"{path}: {value.GetRawText()} is not an integer (Airbyte's acceptance tests treat 1.0 as a number)");
        }
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            && format.GetString() == "date-time" && !IsDateTime(value.GetString()!))
        {
            problems.Add($"{path}: \"{value.GetString()}\" is not an RFC 3339 date-time with at most six fractional digits");
        }
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (value.TryGetProperty(property.Name, out var child))
                {
                    CheckStrictly(property.Value, child, path + "." + property.Name, problems);
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckStrictly(items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static bool IsIntegerText(string number) => number.IndexOfAny(['.', 'e', 'E']) < 0;

    /// <summary>The schema's type(s).</summary>
    public static IReadOnlyList<string> Types(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return [];
        }
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.ToString()).ToList()
            : [type.ToString()];
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
