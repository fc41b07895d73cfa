using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>The state of one stream, as found in a <c>--state</c> file.</summary>
/// <param name="Value">The stream_state object; null when the file resets the stream.</param>
/// <param name="JsonPath">Where in the file it was, for error messages.</param>
public readonly record struct SavedStreamState(JsonElement? Value, string JsonPath);

/// <summary>
/// The <c>--state</c> input of <c>read</c>: a JSON array of AirbyteStateMessages (STREAM, GLOBAL or LEGACY), or a
/// legacy object mapping stream names to their states. Empty or null means no state.
/// </summary>
public sealed class SavedState
{
    private readonly Dictionary<StreamKey, SavedStreamState> _streams;

    private SavedState(Dictionary<StreamKey, SavedStreamState> streams, string file)
    {
        _streams = streams;
        File = file;
    }

    /// <summary>The file the state came from ("" when there was none).</summary>
    public string File { get; }

    /// <summary>No saved state at all.</summary>
    public static SavedState Empty { get; } = new(new(), "");

    /// <summary>The streams that have a saved state.</summary>
    public IReadOnlyCollection<StreamKey> Streams => _streams.Keys;

    /// <summary>Finds a stream's saved state.</summary>
    public bool TryGet(StreamKey stream, out SavedStreamState state) => _streams.TryGetValue(stream, out state);

    /// <summary>Loads and validates a state file.</summary>
    /// <exception cref="InputException">The file is missing, not JSON, or not a state.</exception>
    public static SavedState Load(string path)
    {
        var text = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : null;
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            return new SavedState(new(), path);
        }
        using var document = JsonInput.Load(path, "state");
        return Parse(document.RootElement, path);
    }

    /// <summary>Validates a parsed state document; <paramref name="path"/> names it in errors.</summary>
    public static SavedState Parse(JsonElement root, string path)
    {
        var reader = new InputReader(path, "state");
        var streams = new Dictionary<StreamKey, SavedStreamState>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var message in root.EnumerateArray())
                {
                    ReadMessage(reader, message, ConfigReader.Item("$", index++), streams);
                }
                break;
            case JsonValueKind.Object when LooksLikeMessage(root):
                ReadMessage(reader, root, "$", streams);
                break;
            case JsonValueKind.Object:
                ReadLegacy(reader, root, "$", streams);
                break;
            default:
                throw reader.Problem("$", "expected an array of state messages or a legacy state object, got " + InputReader.Kind(root));
        }
        return new SavedState(streams, path);
    }

    // A single state message instead of an array of them: accepted, since people pass one by hand.
    private static bool LooksLikeMessage(JsonElement root) =>
        root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && (root.TryGetProperty("stream", out _) || root.TryGetProperty("global", out _) || root.TryGetProperty("data", out _) || root.TryGetProperty("state", out _));

    private static void ReadMessage(InputReader reader, JsonElement message, string path, Dictionary<StreamKey, SavedStreamState> streams)
    {
        reader.Object(message, path);
        var type = reader.OptionalString(message, "type", path);
        // Some platforms wrap the state in an AirbyteMessage: {"type":"STATE","state":{...}}.
        if (type == "STATE" && message.TryGetProperty("state", out var inner))
        {
            ReadMessage(reader, inner, path + ".state", streams);
            return;
        }
        switch (type)
        {
            case "STREAM":
                ReadStreamState(reader, reader.RequiredObject(message, "stream", path), path + ".stream", streams);
                break;
            case "GLOBAL":
                var global = reader.RequiredObject(message, "global", path);
                var states = reader.RequiredArray(global, "stream_states", path + ".global");
                var index = 0;
                foreach (var state in states.EnumerateArray())
                {
                    var statePath = ConfigReader.Item(path + ".global.stream_states", index++);
                    reader.Object(state, statePath);
                    ReadStreamState(reader, state, statePath, streams);
                }
                break;
            case null or "LEGACY":
                if (message.TryGetProperty("stream", out var stream) && type is null)
                {
                    reader.Object(stream, path + ".stream");
                    ReadStreamState(reader, stream, path + ".stream", streams);
                }
                else if (message.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
                {
                    ReadLegacy(reader, data, path + ".data", streams);
                }
                else
                {
                    throw reader.Problem(path, "a state message needs \"stream\", \"global\" or \"data\"");
                }
                break;
            default:
                throw reader.Problem(path + ".type", $"expected \"STREAM\", \"GLOBAL\" or \"LEGACY\", got \"{type}\"");
        }
    }

    private static void ReadStreamState(InputReader reader, JsonElement stream, string path, Dictionary<StreamKey, SavedStreamState> streams)
    {
        var descriptor = reader.RequiredObject(stream, "stream_descriptor", path);
        var descriptorPath = path + ".stream_descriptor";
        var key = new StreamKey(reader.RequiredString(descriptor, "name", descriptorPath), reader.OptionalString(descriptor, "namespace", descriptorPath));
        var statePath = path + ".stream_state";
        if (!stream.TryGetProperty("stream_state", out var state) || state.ValueKind == JsonValueKind.Null)
        {
            streams[key] = new SavedStreamState(null, statePath);
            return;
        }
        reader.Object(state, statePath);
        streams[key] = new SavedStreamState(state.Clone(), statePath);
    }

    private static void ReadLegacy(InputReader reader, JsonElement data, string path, Dictionary<StreamKey, SavedStreamState> streams)
    {
        reader.Object(data, path);
        foreach (var property in data.EnumerateObject())
        {
            var statePath = ConfigReader.Child(path, property.Name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                streams[new StreamKey(property.Name, null)] = new SavedStreamState(null, statePath);
                continue;
            }
            reader.Object(property.Value, statePath);
            streams[new StreamKey(property.Name, null)] = new SavedStreamState(property.Value.Clone(), statePath);
        }
    }
}
