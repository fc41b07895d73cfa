using System;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// One command read by the <c>serve</c> host: <c>{"id", "action", "payload", "targetId"}</c> on one line. A payload that
/// is absent or null is an empty object.
/// </summary>
/// <param name="Id">The command's id, echoed as <c>commandId</c> in the response.</param>
/// <param name="Action">What to do.</param>
/// <param name="Payload">The payload object (cloned: it outlives the line).</param>
/// <param name="TargetId">The connector the command is meant for, if given.</param>
internal sealed record CommandEnvelope(string Id, string Action, JsonElement Payload, string? TargetId)
{
    /// <summary>An empty payload object.</summary>
    public static JsonElement EmptyPayload { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// Parses a line. On failure, <paramref name="problem"/> says what is wrong (with JSON paths) and <paramref name="id"/>
    /// is the command's id when one could be read, even from a line that is not valid JSON.
    /// </summary>
    public static bool TryParse(string line, out CommandEnvelope? envelope, out string? id, out string? problem)
    {
        envelope = null;
        id = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            id = ScanId(line);
            problem = "The command is not valid JSON: " + JsonInput.Describe(ex);
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "The command must be a JSON object, got " + InputReader.Kind(root) + ".";
                return false;
            }
            var reader = new ConfigReader(root);
            id = ReadString(reader, root, "id", required: true);
            var action = ReadString(reader, root, "action", required: true);
            var targetId = ReadString(reader, root, "targetId", required: false);
            var payload = EmptyPayload;
            if (root.TryGetProperty("payload", out var given) && given.ValueKind != JsonValueKind.Null
                && reader.ExpectObject(given, "$.payload"))
            {
                payload = given.Clone();
            }
            if (action is { Length: 0 })
            {
                reader.Error("$.action", "must not be empty");
            }
            if (reader.Errors.Count > 0)
            {
                problem = "The command is invalid: " + string.Join("; ", reader.Errors);
                return false;
            }
            envelope = new CommandEnvelope(id!, action!, payload, targetId);
            problem = null;
            return true;
        }
    }

    private static string? ReadString(ConfigReader reader, JsonElement root, string name, bool required)
    {
        var path = ConfigReader.Child("$", name);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                reader.Required(path);
            }
            return null;
        }
        return reader.ReadString(value, path, false, out var text) ? text : null;
    }

    /// <summary>The top-level <c>"id"</c> string of a line that is not valid JSON, read token by token up to the first error.</summary>
    private static string? ScanId(string line)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id")
                    && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // The id, if any, came after the error.
        }
        return null;
    }
}
