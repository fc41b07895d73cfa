using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Connectors.Testing.Validation;

/// <summary>
/// The Airbyte protocol's JSON Schema (Protocol/airbyte_protocol.yaml, embedded in this assembly and converted to JSON),
/// and the check every line a connector writes on stdout must pass: one JSON object that is an <c>AirbyteMessage</c>.
/// </summary>
internal static class ProtocolSchema
{
    private static readonly Lazy<string> Json = new(() =>
    {
        using var stream = typeof(ProtocolSchema).Assembly.GetManifestResourceStream("Connectors.Testing.airbyte_protocol.yaml")
            ?? throw new InvalidOperationException("The Airbyte protocol schema is not embedded in Connectors.Testing.");
        using var reader = new StreamReader(stream);
        return YamlToJson.Convert(reader.ReadToEnd());
    });

    private static readonly Lazy<JsonSchema> Message = new(() => Definition("AirbyteMessage"));

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    /// <summary>The whole protocol document as JSON text.</summary>
    public static string ProtocolAsJson() => Json.Value;

    /// <summary>One definition of the protocol (AirbyteMessage, ConfiguredAirbyteCatalog, …) as a schema of its own.</summary>
    public static JsonSchema Definition(string name)
    {
        // A root that refers to the definition and carries all definitions, so every "#/definitions/…" resolves.
        var root = JsonNode.Parse(Json.Value)!.AsObject();
        var wrapper = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = $"urn:connectors-testing:airbyte-protocol:{name}",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{name}" }),
            ["definitions"] = root["definitions"]!.DeepClone(),
        };
        return JsonSchema.FromText(wrapper.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>Builds a schema a connector published (a spec, a stream's json_schema) as draft-07; throws when it is not one.</summary>
    public static JsonSchema BuildDraft07(JsonElement schema) =>
        JsonSchema.Build(schema, new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() });

    /// <summary>The exceptions <see cref="BuildDraft07"/> throws for a schema that does not build.</summary>
    public static bool IsBuildFailure(Exception ex) =>
        ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or NotSupportedException;

    /// <summary>Parses JSON the way a strict reader does: one value, nothing after it, no comments or trailing commas.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Problems with one stdout line: not JSON, not an object, or not an AirbyteMessage. Empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateMessage(string line, out JsonElement message)
    {
        message = default;
        try
        {
            message = Parse(line);
        }
        catch (JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }
        if (message.ValueKind != JsonValueKind.Object)
        {
            return [$"not a JSON object but {message.ValueKind}"];
        }
        return Problems(Message.Value, message);
    }

    /// <summary>Every problem of <paramref name="instance"/> against <paramref name="schema"/>, as "path: message".</summary>
    public static IReadOnlyList<string> Problems(JsonSchema schema, JsonElement instance)
    {
        if (schema.Evaluate(instance, Quick).IsValid)
        {
            return [];
        }
        var results = schema.Evaluate(instance, Detailed);
        var problems = (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{JsonPath(d.InstanceLocation.ToString())}: {e.Value}"))
            .Distinct()
            .ToList();
        return problems.Count > 0 ? problems : ["$: does not match the schema"];
    }

    /// <summary><c>/a/0/b</c> → <c>$.a[0].b</c>.</summary>
    public static string JsonPath(string pointer)
    {
        var path = "$";
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/").Replace("~0", "~");
            path += name.All(char.IsAsciiDigit) ? $"[{name}]" : "." + name;
        }
        return path;
    }
}
