using System.Linq;
using System.Text.Json.Nodes;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// What the Airbyte host makes of a generated schema, computed independently of the runtime's streaming writer: the
/// SDK's neutral keywords replaced by Airbyte's (<c>x-secret</c> → <c>airbyte_secret</c>, <c>x-hidden</c> →
/// <c>airbyte_hidden</c>, <c>x-timezone</c> beside a format → <c>airbyte_type</c>). Property names are left alone.
/// </summary>
internal static class AirbyteKeywords
{
    public static JsonNode Render(string generatedSchema)
    {
        var schema = JsonNode.Parse(generatedSchema)!;
        RenderSchema(schema);
        return schema;
    }

    private static void RenderSchema(JsonNode? node)
    {
        if (node is not JsonObject schema)
        {
            return;
        }
        foreach (var (name, value) in schema.ToList())
        {
            switch (name)
            {
                case "properties":
                    foreach (var (_, property) in value!.AsObject())
                    {
                        RenderSchema(property);
                    }
                    break;
                case "items":
                    RenderSchema(value);
                    break;
                case "x-secret":
                    Replace(schema, name, "airbyte_secret", value!.DeepClone());
                    break;
                case "x-hidden":
                    Replace(schema, name, "airbyte_hidden", value!.DeepClone());
                    break;
                case "x-timezone":
                    var withZone = value!.GetValue<bool>() ? "with" : "without";
                    var kind = schema["format"]!.GetValue<string>() == "time" ? "time" : "timestamp";
                    Replace(schema, name, "airbyte_type", JsonValue.Create($"{kind}_{withZone}_timezone"));
                    break;
            }
        }
    }

    private static void Replace(JsonObject schema, string name, string newName, JsonNode newValue)
    {
        var index = schema.IndexOf(name);
        schema.RemoveAt(index);
        schema.Insert(index, newName, newValue);
    }
}
