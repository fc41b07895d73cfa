using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Connectors.Generators.Model;

namespace Connectors.Generators.Schema;

/// <summary>A minimal JSON document model for building schemas, rendered indented for people who read generated code.</summary>
internal abstract class JsonNode
{
    public abstract void Render(StringBuilder text, int indent);

    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text, 0);
        return text.ToString();
    }
}

/// <summary>A JSON literal written as-is (a number, true/false/null, or an already quoted string).</summary>
internal sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(string text) => Text = text;

    public string Text { get; }

    public static JsonLiteral String(string value) => new(JsonText.Quote(value));

    public static JsonLiteral Bool(bool value) => new(value ? "true" : "false");

    public static JsonLiteral Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public override void Render(StringBuilder text, int indent) => text.Append(Text);
}

/// <summary>A JSON array; arrays of literals stay on one line.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(IEnumerable<JsonNode> items) => Items = items.ToList();

    public List<JsonNode> Items { get; }

    public override void Render(StringBuilder text, int indent)
    {
        if (Items.Count == 0 || Items.All(i => i is JsonLiteral))
        {
            text.Append('[').Append(string.Join(", ", Items.Select(i => ((JsonLiteral)i).Text))).Append(']');
            return;
        }
        text.Append("[\n");
        for (var i = 0; i < Items.Count; i++)
        {
            text.Append(' ', (indent + 1) * 2);
            Items[i].Render(text, indent + 1);
            text.Append(i + 1 < Items.Count ? ",\n" : "\n");
        }
        text.Append(' ', indent * 2).Append(']');
    }
}

/// <summary>A JSON object whose properties keep the order they were added in.</summary>
internal sealed class JsonObject : JsonNode
{
    private readonly List<KeyValuePair<string, JsonNode>> _properties = new();

    public int Count => _properties.Count;

    public JsonObject Add(string name, JsonNode value)
    {
        _properties.Add(new KeyValuePair<string, JsonNode>(name, value));
        return this;
    }

    public JsonObject Add(string name, string value) => Add(name, JsonLiteral.String(value));

    public override void Render(StringBuilder text, int indent)
    {
        if (_properties.Count == 0)
        {
            text.Append("{}");
            return;
        }
        text.Append("{\n");
        for (var i = 0; i < _properties.Count; i++)
        {
            text.Append(' ', (indent + 1) * 2).Append(JsonText.Quote(_properties[i].Key)).Append(": ");
            _properties[i].Value.Render(text, indent + 1);
            text.Append(i + 1 < _properties.Count ? ",\n" : "\n");
        }
        text.Append(' ', indent * 2).Append('}');
    }
}

/// <summary>JSON text of model facts: string escaping, and constants of a shape. The only JSON escaping in the generator.</summary>
internal static class JsonText
{
    /// <summary>A constant of <paramref name="shape"/> (its text as <c>Parsing.ConstantText</c> reduced it) as a JSON literal.</summary>
    public static string Constant(TypeShape shape, string text) => shape.Kind switch
    {
        ShapeKind.Boolean or ShapeKind.Integer or ShapeKind.Number => text,
        ShapeKind.Enum => Quote(shape.EnumMembers.First(m => m.Name == text).JsonName),
        _ => Quote(text),
    };

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
