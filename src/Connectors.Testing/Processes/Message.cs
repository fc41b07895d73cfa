using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Testing.Processes;

/// <summary>
/// Reading parts of Airbyte messages without trusting their shape: a rule about one thing must not trip over a message
/// that breaks another rule, so a missing or mistyped field reads as null (or default) here.
/// </summary>
internal static class Message
{
    /// <summary>The message's <c>type</c>, or null.</summary>
    public static string? TypeOf(JsonElement message) => Text(message, "type");

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A property, or default when the element is not an object or lacks it.</summary>
    public static JsonElement Payload(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value : default;

    /// <summary>A record's stream.</summary>
    public static string? StreamOf(JsonElement record) => Text(record, "stream");

    /// <summary>A record's data.</summary>
    public static JsonElement DataOf(JsonElement record) => Payload(record, "data");

    /// <summary>The stream a STREAM state is about, or null for other states.</summary>
    public static string? StateStream(JsonElement state) => Text(Payload(Payload(state, "stream"), "stream_descriptor"), "name");

    /// <summary>A STREAM state's <c>stream_state</c>.</summary>
    public static JsonElement StreamState(JsonElement state) => Payload(Payload(state, "stream"), "stream_state");

    /// <summary>The stream of a STREAM_STATUS trace.</summary>
    public static string? StatusStream(JsonElement trace) => Text(Payload(Payload(trace, "stream_status"), "stream_descriptor"), "name");

    /// <summary>The status of a STREAM_STATUS trace.</summary>
    public static string StatusOf(JsonElement trace) => Text(Payload(trace, "stream_status"), "status") ?? "";

    /// <summary>The value at a field path (["a", "b"] → data.a.b), or default.</summary>
    public static JsonElement At(JsonElement data, IReadOnlyList<string> path) =>
        path.Aggregate(data, (value, name) => Payload(value, name));

    /// <summary>A string array of arrays (primary keys: [["id"]]), or empty.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Paths(JsonElement element) =>
        element.ValueKind != JsonValueKind.Array
            ? []
            : element.EnumerateArray()
                .Select(p => p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.ToString()).ToList() : [p.ToString()])
                .Cast<IReadOnlyList<string>>()
                .ToList();

    /// <summary>A string array (a cursor: ["updated_at"]), or empty.</summary>
    public static IReadOnlyList<string> Path(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(x => x.ToString()).ToList() : [];
}
