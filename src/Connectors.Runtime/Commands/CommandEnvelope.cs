using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// One command read by the <c>serve</c> host: <c>{"id", "action", "payload", "targetId"}</c> on one line of UTF-8. A
/// payload that is absent or null is an empty object.
/// </summary>
/// <param name="Id">
/// The command's id, echoed as <c>commandId</c> in the response; null when the envelope has none (the command still runs,
/// as the command requests in TetraScience's examples carry none, and its response says <c>"commandId": null</c>).
/// </param>
/// <param name="Action">What to do.</param>
/// <param name="Payload">The payload object (cloned: it outlives the line).</param>
/// <param name="TargetId">The connector the command is meant for, if given.</param>
internal sealed record CommandEnvelope(string? Id, string Action, JsonElement Payload, string? TargetId)
{
    /// <summary>How deep a payload may nest (objects and arrays), as config files and <c>write</c> input may.</summary>
    public const int MaxPayloadDepth = 256;

    /// <summary>An empty payload object.</summary>
    public static JsonElement EmptyPayload { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    // The envelope is one level around the payload, so the limit is the payload's.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxPayloadDepth + 1 };

    /// <summary>Parses a line given as text (tests, one-shot tools).</summary>
    public static bool TryParse(string line, out CommandEnvelope? envelope, out string? id, out string? problem) =>
        TryParse(Encoding.UTF8.GetBytes(line), out envelope, out id, out problem);

    /// <summary>
    /// Parses a line of UTF-8. On failure, <paramref name="problem"/> says what is wrong (with JSON paths, or the byte
    /// offset of invalid UTF-8) and <paramref name="id"/> is the command's id when one could be read intact, even from a
    /// line that is not valid JSON.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out CommandEnvelope? envelope, out string? id, out string? problem)
    {
        envelope = null;
        id = null;
        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }
        if (InvalidUtf8Offset(line) is { } offset)
        {
            // Only an id read entirely before the bad byte is the caller's id; one running into it would come back altered.
            id = ScanId(line[..offset]);
            problem = $"The command is not valid UTF-8: the byte 0x{line[offset]:X2} at byte offset {offset} does not begin a valid sequence.";
            return false;
        }
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            document = JsonDocument.ParseValue(ref reader);
            try
            {
                // Throws if anything but white space follows the value.
                reader.Read();
            }
            catch (JsonException)
            {
                document.Dispose();
                throw;
            }
        }
        catch (JsonException ex)
        {
            id = ScanId(line);
            problem = TooDeep(line) is { } path
                ? $"The command is invalid: {path}: nests deeper than {MaxPayloadDepth} levels."
                : "The command is not valid JSON: " + JsonInput.Describe(ex);
            return false;
        }
        using (document)
        {
            return TryRead(document.RootElement, out envelope, out id, out problem);
        }
    }

    private static bool TryRead(JsonElement root, out CommandEnvelope? envelope, out string? id, out string? problem)
    {
        envelope = null;
        id = null;
        var reader = new ConfigReader(root);
        if (!reader.ExpectObject(root, "$"))
        {
            problem = "The command is invalid: " + string.Join("; ", reader.Errors);
            return false;
        }
        id = ReadString(reader, root, "id", required: false);
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
        envelope = new CommandEnvelope(id, action!, payload, targetId);
        problem = null;
        return true;
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

    /// <summary>The offset of the first byte that does not begin a valid UTF-8 sequence, or null when all is valid.</summary>
    internal static int? InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            // ASCII runs are the common case: skip them in one vectorized step.
            var nonAscii = bytes[offset..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                return null;
            }
            offset += nonAscii;
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return null;
    }

    /// <summary>
    /// The top-level <c>"id"</c> string of a line, read token by token up to the first error or the end of what was given
    /// (which may be the start of a line too long to read whole).
    /// </summary>
    internal static string? ScanId(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false,
            new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxPayloadDepth + 1 }));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The id, if any, came after the error.
        }
        return null;
    }

    /// <summary>The path of the top-level property whose value nests deeper than the payload may, if that is why the line failed.</summary>
    private static string? TooDeep(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = MaxPayloadDepth + 2 });
        var property = "$";
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    property = ConfigReader.Child("$", reader.GetString()!);
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > MaxPayloadDepth)
                {
                    return reader.CurrentDepth == 0 ? "$" : property;
                }
            }
        }
        catch (JsonException)
        {
            // A syntax error before the depth was exceeded: that is the problem to report.
        }
        return null;
    }
}
