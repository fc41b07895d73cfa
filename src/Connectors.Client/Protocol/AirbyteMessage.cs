using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connectors.Client.Protocol;

/// <summary>
/// One Airbyte protocol message a connector wrote, parsed. <see cref="Json"/> is the whole message; the typed views
/// (<see cref="Record"/>, <see cref="Log"/>, <see cref="Trace"/> …) are set for their message type. Unknown fields are kept
/// in <see cref="Json"/>.
/// </summary>
public sealed class AirbyteMessage
{
    internal AirbyteMessage(MessageType type, JsonElement json, JsonElement payload)
    {
        Type = type;
        Json = json;
        Payload = payload;
    }

    /// <summary>The message's type.</summary>
    public MessageType Type { get; }

    /// <summary>The whole message.</summary>
    public JsonElement Json { get; }

    /// <summary>The payload object (<c>record</c>, <c>state</c>, <c>log</c> …).</summary>
    public JsonElement Payload { get; }

    /// <summary>The record, for a RECORD message.</summary>
    public RecordMessage? Record => Type == MessageType.Record ? new RecordMessage(Payload) : null;

    /// <summary>The log line, for a LOG message.</summary>
    public LogMessage? Log => Type == MessageType.Log ? new LogMessage(Payload) : null;

    /// <summary>The trace, for a TRACE message.</summary>
    public TraceMessage? Trace => Type == MessageType.Trace ? new TraceMessage(Payload) : null;

    /// <summary>The state (an opaque AirbyteStateMessage), for a STATE message.</summary>
    public JsonElement? State => Type == MessageType.State ? Payload : null;

    /// <summary>Parses one line; null when it is not an Airbyte message.</summary>
    public static AirbyteMessage? Parse(ReadOnlySpan<byte> line)
    {
        var scanned = MessageScanner.Scan(line);
        if (scanned.Type == MessageType.Unknown)
        {
            return null;
        }
        using var document = JsonDocument.Parse(line.ToArray());
        var json = document.RootElement.Clone();
        return new AirbyteMessage(scanned.Type, json, json.GetProperty(PayloadName(scanned.Type)));
    }

    /// <inheritdoc />
    public override string ToString() => Json.GetRawText();

    internal static string PayloadName(MessageType type) => type switch
    {
        MessageType.Record => "record",
        MessageType.State => "state",
        MessageType.Log => "log",
        MessageType.Spec => "spec",
        MessageType.ConnectionStatus => "connectionStatus",
        MessageType.Catalog => "catalog",
        MessageType.Trace => "trace",
        MessageType.Control => "control",
        MessageType.DestinationCatalog => "destination_catalog",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>A RECORD's payload.</summary>
public readonly struct RecordMessage
{
    internal RecordMessage(JsonElement payload) => Json = payload;

    /// <summary>The <c>record</c> object.</summary>
    public JsonElement Json { get; }

    /// <summary>The stream's name.</summary>
    public string Stream => Json.GetProperty("stream").GetString() ?? "";

    /// <summary>The stream's namespace, if any.</summary>
    public string? Namespace => Json.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : null;

    /// <summary>The record's fields.</summary>
    public JsonElement Data => Json.GetProperty("data");

    /// <summary>When the source read the record.</summary>
    public DateTimeOffset EmittedAt =>
        Json.TryGetProperty("emitted_at", out var at) && at.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;

    /// <summary>Binds the record's data to <typeparamref name="T"/> (source-generated metadata: trim and AOT safe).</summary>
    public T As<T>(JsonTypeInfo<T> typeInfo) => Data.Deserialize(typeInfo)!;

    /// <summary>Binds the record's data to <typeparamref name="T"/> with reflection-based System.Text.Json.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Reflection-based JSON binding; pass a JsonTypeInfo<T> for trimmed or AOT apps.")]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode("Reflection-based JSON binding; pass a JsonTypeInfo<T> for trimmed or AOT apps.")]
    public T As<T>(JsonSerializerOptions? options = null) => Data.Deserialize<T>(options ?? WebOptions)!;

    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>A LOG's payload.</summary>
public readonly struct LogMessage
{
    internal LogMessage(JsonElement payload) => Json = payload;

    /// <summary>The <c>log</c> object.</summary>
    public JsonElement Json { get; }

    /// <summary>FATAL, ERROR, WARN, INFO, DEBUG or TRACE.</summary>
    public string Level => Json.TryGetProperty("level", out var l) ? l.GetString() ?? "" : "";

    /// <summary>The text.</summary>
    public string Message => Json.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
}

/// <summary>A TRACE's payload.</summary>
public readonly struct TraceMessage
{
    internal TraceMessage(JsonElement payload) => Json = payload;

    /// <summary>The <c>trace</c> object.</summary>
    public JsonElement Json { get; }

    /// <summary>ERROR, ESTIMATE, STREAM_STATUS or ANALYTICS.</summary>
    public string TraceType => Json.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    /// <summary>The error's user-facing message, for an ERROR trace.</summary>
    public string? ErrorMessage => Error is { } e && e.TryGetProperty("message", out var m) ? m.GetString() : null;

    /// <summary>system_error, config_error or transient_error, for an ERROR trace.</summary>
    public string? FailureType => Error is { } e && e.TryGetProperty("failure_type", out var f) ? f.GetString() : null;

    /// <summary>The stream a STREAM_STATUS (or a stream's ERROR) is about.</summary>
    public string? StreamName
    {
        get
        {
            var holder = TraceType == "STREAM_STATUS" && Json.TryGetProperty("stream_status", out var s) ? s : Error ?? default;
            return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("stream_descriptor", out var d)
                && d.TryGetProperty("name", out var n) ? n.GetString() : null;
        }
    }

    /// <summary>STARTED, RUNNING, COMPLETE or INCOMPLETE, for a STREAM_STATUS trace.</summary>
    public string? StreamStatus =>
        Json.TryGetProperty("stream_status", out var s) && s.TryGetProperty("status", out var st) ? st.GetString() : null;

    private JsonElement? Error => Json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : null;
}
