using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// The AirbyteMessage definition of airbyte_protocol.yaml (copied beside the tests, see Protocol/SOURCE.md), as a JSON
/// Schema every stdout line is validated against.
/// </summary>
internal static class ProtocolSchema
{
    private static readonly Lazy<JsonSchema> Message = new(Load);

    /// <summary>The problems of one stdout line against AirbyteMessage; empty when it is valid.</summary>
    public static string[] Validate(string line)
    {
        lock (Message)
        {
            return Message.Value.Validate(line).Select(e => e.ToString()).ToArray();
        }
    }

    /// <summary>The yaml, converted to JSON text (YAML scalars typed the way a YAML 1.2 core-schema loader types them).</summary>
    public static string ProtocolAsJson()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Protocol", "airbyte_protocol.yaml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }
        return ToJson(yaml.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonSchema Load()
    {
        var root = JsonSchema.FromJsonAsync(ProtocolAsJson()).GetAwaiter().GetResult();
        return root.Definitions["AirbyteMessage"];
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            new System.Collections.Generic.KeyValuePair<string, JsonNode?>(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException("Unexpected YAML node " + node.NodeType),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null")
        {
            return null;
        }
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        if (Regex.IsMatch(text, "^-?[0-9]+$"))
        {
            return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
        }
        if (Regex.IsMatch(text, "^-?[0-9]+\\.[0-9]+$"))
        {
            return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }
        return JsonValue.Create(text);
    }
}
