using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// The Airbyte protocol's JSON Schema (Protocol/airbyte_protocol.yaml, converted to JSON), and the checks every line a
/// connector writes on stdout must pass.
/// </summary>
internal static class ProtocolSchema
{
    private static readonly Lazy<JsonSchema> Document = new(() =>
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Protocol", "airbyte_protocol.yaml"));
        return JsonSchema.FromJsonAsync(YamlToJson.Convert(yaml)).GetAwaiter().GetResult();
    });

    /// <summary>The AirbyteMessage definition.</summary>
    public static JsonSchema AirbyteMessage => Document.Value.Definitions["AirbyteMessage"];

    /// <summary>Parses JSON the way a strict reader does: no date guessing, so strings stay strings.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException("Unexpected content after the JSON value.");
        }
        return token;
    }

    /// <summary>Problems with one stdout line: not JSON, or not an AirbyteMessage.</summary>
    public static IReadOnlyList<string> ValidateMessage(string line, out JToken? message)
    {
        message = null;
        try
        {
            message = Parse(line);
        }
        catch (JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }
        if (message.Type != JTokenType.Object)
        {
            return [$"not a JSON object but {message.Type}"];
        }
        return AirbyteMessage.Validate(message).Select(e => e.ToString()).ToList();
    }
}
