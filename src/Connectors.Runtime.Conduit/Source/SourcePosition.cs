using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// A source position as Conduit keeps it, opaque to Conduit: UTF-8 JSON,
/// <c>{"v":1,"streams":{"users":{"state":{"updated_at":"…"},"after":42},"products":{"state":{…},"done":true}}}</c>.
/// Per stream: the last checkpoint's state (the stream's cursor; none without a cursor), how many records followed it up
/// to and including this one (<c>after</c>), and whether the stream's read completed (<c>done</c>). A resume reads each
/// stream from its state and drops the first <c>after</c> records, so nothing acknowledged is delivered again and nothing
/// is lost (the stream method must give the same records for the same cursor, as its checkpoints already promise).
/// </summary>
internal sealed class SourcePosition
{
    public const int Version = 1;

    public Dictionary<string, StreamPosition> Streams { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a position Open received; empty means a first run.</summary>
    /// <exception cref="FormatException">Not a position this host made; the message says why.</exception>
    public static SourcePosition Parse(ReadOnlySpan<byte> bytes)
    {
        var position = new SourcePosition();
        if (bytes.IsEmpty)
        {
            return position;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException("the position is not JSON (" + ex.Message + ")");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version)
                || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
            {
                throw new FormatException($"$.v: the position was not made by this connector's Conduit host (version {Version}).");
            }
            if (!root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("$.streams: expected an object.");
            }
            foreach (var stream in streams.EnumerateObject())
            {
                var entry = stream.Value;
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"$.streams.{stream.Name}: expected an object.");
                }
                var parsed = new StreamPosition();
                if (entry.TryGetProperty("state", out var state))
                {
                    if (state.ValueKind != JsonValueKind.Object)
                    {
                        throw new FormatException($"$.streams.{stream.Name}.state: expected an object.");
                    }
                    parsed.State = System.Text.Encoding.UTF8.GetBytes(state.GetRawText());
                }
                if (entry.TryGetProperty("after", out var after))
                {
                    if (after.ValueKind != JsonValueKind.Number || !after.TryGetInt64(out var count) || count < 0)
                    {
                        throw new FormatException($"$.streams.{stream.Name}.after: expected a whole number, 0 or more.");
                    }
                    parsed.After = count;
                }
                parsed.Done = entry.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True;
                position.Streams[stream.Name] = parsed;
            }
        }
        return position;
    }
}

/// <summary>Where one stream's read stands: its checkpoint state, the records since, whether it completed.</summary>
internal sealed class StreamPosition
{
    /// <summary>The last checkpoint's state (a JSON object); null before any, or for a stream without a cursor.</summary>
    public byte[]? State { get; set; }

    /// <summary>Records delivered since <see cref="State"/> (since the stream's start when there is none).</summary>
    public long After { get; set; }

    /// <summary>The read completed (its final checkpoint was taken).</summary>
    public bool Done { get; set; }
}
