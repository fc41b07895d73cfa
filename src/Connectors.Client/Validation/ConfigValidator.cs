using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Secrets;
using Json.Schema;

namespace Connectors.Client.Validation;

/// <summary>
/// Validates configs against a connector's <c>connectionSpecification</c> with JsonSchema.Net (draft-07 unless the schema
/// names another dialect; Airbyte's own keywords such as <c>airbyte_secret</c> and <c>order</c> are ignored). Every problem
/// comes with the JSON path of the value, and its message passes through the masker.
/// </summary>
public sealed class ConfigValidator
{
    private readonly JsonSchema _schema;

    /// <summary>A validator for <paramref name="connectionSpecification"/>.</summary>
    public ConfigValidator(JsonElement connectionSpecification)
    {
        try
        {
            _schema = JsonSchema.Build(connectionSpecification, new BuildOptions { Dialect = Dialect.Draft07 });
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new ConnectorException($"The connector's spec is not a valid JSON Schema: {ex.Message}", ex);
        }
    }

    /// <summary>Every problem of <paramref name="config"/>, in document order; empty when it is valid.</summary>
    public IReadOnlyList<ConfigProblem> Validate(JsonElement config, SecretMasker masker)
    {
        var results = _schema.Evaluate(config, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return Array.Empty<ConfigProblem>();
        }
        var problems = new List<ConfigProblem>();
        var seen = new HashSet<(string, string)>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }
            var path = ToJsonPath(detail.InstanceLocation.ToString());
            foreach (var (keyword, message) in detail.Errors)
            {
                // JsonSchema.Net writes quoted values JSON-escaped ("\u0022community\u0022"): show them plainly.
                var text = masker.Apply(Describe(keyword, message.Replace("\"\\u0022", "\"").Replace("\\u0022\"", "\"").Replace("\\u0022", "\"")));
                if (seen.Add((path, text)))
                {
                    problems.Add(new ConfigProblem(path, text));
                }
            }
        }
        if (problems.Count == 0)
        {
            problems.Add(new ConfigProblem("$", "does not match the spec"));
        }
        return problems
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static string Describe(string keyword, string message) =>
        keyword is "required" or "oneOf" or "anyOf" or "const" or "enum" or "type" || message.Contains(keyword, StringComparison.Ordinal)
            ? message
            : $"{message} ({keyword})";

    /// <summary><c>/a/0/b~1c</c> → <c>$.a[0]["b/c"]</c>.</summary>
    internal static string ToJsonPath(string pointer)
    {
        var path = new StringBuilder("$");
        if (pointer.Length == 0 || pointer == "#")
        {
            return "$";
        }
        foreach (var raw in pointer.TrimStart('#').TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else if (segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(segment[0]))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("[\"").Append(segment.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\"]");
            }
        }
        return path.ToString();
    }
}
