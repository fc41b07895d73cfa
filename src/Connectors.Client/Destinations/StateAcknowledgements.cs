using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Client.Destinations;

/// <summary>
/// The states sent to a destination and the ones it echoed. A state is matched by its <c>type</c>, <c>stream</c>,
/// <c>global</c> and <c>data</c> (as the platform does; the destination adds <c>destinationStats</c>). Echoes must come in
/// the order sent, per stream; the last echoed state of each stream is the sync's progress.
/// </summary>
internal sealed class StateAcknowledgements
{
    private readonly Dictionary<string, Queue<(string Key, string Json)>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<string> _problems = new();

    public long Sent { get; private set; }

    public long Acknowledged { get; private set; }

    /// <summary>The last acknowledged state per stream key (stream name, or the global key).</summary>
    public IReadOnlyDictionary<string, string> Progress => _acknowledged;

    /// <summary>States the destination echoed out of order or that were never sent.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>How many states are not acknowledged yet.</summary>
    public int Pending
    {
        get
        {
            lock (_pending)
            {
                return _pending.Values.Sum(q => q.Count);
            }
        }
    }

    public void OnSent(ReadOnlySpan<byte> state)
    {
        var (stream, key) = Identify(state);
        lock (_pending)
        {
            if (!_pending.TryGetValue(stream, out var queue))
            {
                _pending[stream] = queue = new Queue<(string, string)>();
            }
            queue.Enqueue((key, System.Text.Encoding.UTF8.GetString(state)));
            Sent++;
        }
    }

    /// <summary>An echoed state; returns the stream key it acknowledged, or null when it matched nothing sent.</summary>
    public string? OnEchoed(ReadOnlySpan<byte> state)
    {
        var (stream, key) = Identify(state);
        lock (_pending)
        {
            if (!_pending.TryGetValue(stream, out var queue) || !queue.Any(p => p.Key == key))
            {
                _problems.Add($"the destination echoed a state that was not sent (stream {stream})");
                return null;
            }
            var skipped = 0;
            while (queue.Peek().Key != key)
            {
                queue.Dequeue();
                skipped++;
            }
            if (skipped > 0)
            {
                _problems.Add($"the destination skipped {skipped} state(s) of stream {stream}");
            }
            _acknowledged[stream] = queue.Dequeue().Json;
            Acknowledged++;
            return stream;
        }
    }

    /// <summary>The stream a state is about (or the global key) and its identity.</summary>
    internal static (string Stream, string Key) Identify(ReadOnlySpan<byte> state)
    {
        var node = JsonNode.Parse(state) as JsonObject ?? throw new JsonException("A state is not an object.");
        var identity = new JsonObject();
        foreach (var name in new[] { "type", "stream", "global", "data" })
        {
            if (node[name] is { } value)
            {
                identity[name] = value.DeepClone();
            }
        }
        var stream = node["stream"]?["stream_descriptor"]?["name"]?.GetValue<string>() ?? Caching.Cache.GlobalStateKey;
        return (stream, identity.ToJsonString());
    }
}
