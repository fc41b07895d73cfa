using System.Text.Json.Nodes;

namespace Connectors.Client;

/// <summary>Reads a value at a simple JSON path (<c>$.a.b[0]</c>) of a config.</summary>
internal static class JsonPaths
{
    public static string? StringAt(JsonNode root, string path)
    {
        JsonNode? node = root;
        var i = 1;
        while (node is not null && i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                node = node is JsonObject obj ? obj[path[(i + 1)..end]] : null;
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                node = node is JsonArray array && int.TryParse(path[(i + 1)..end], out var index) && index < array.Count ? array[index] : null;
                i = end + 1;
            }
            else
            {
                return null;
            }
        }
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
