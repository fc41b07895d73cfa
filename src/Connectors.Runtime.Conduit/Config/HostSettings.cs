using System;
using System.Collections.Generic;
using System.Globalization;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>How a source writes payloads: a <c>google.protobuf.Struct</c>, or the record's JSON as raw bytes.</summary>
internal enum PayloadFormat
{
    Structured,
    Raw,
}

/// <summary>
/// The SDK's own parameters, beside the connector's: <c>sdk.*</c> keys, as Conduit's Go SDK names its own. Other
/// <c>sdk.*</c> keys that pipelines commonly set (schema extraction, rate limits) are accepted and ignored.
/// </summary>
internal sealed class HostSettings
{
    public const string BatchSize = "sdk.batch.size";
    public const string BatchDelay = "sdk.batch.delay";
    public const string Payload = "sdk.payload.format";
    public const string SyncMode = "sdk.sync.mode";
    public const string Streams = "sdk.streams";
    public const string PollInterval = "sdk.poll.interval";
    public const string Stream = "sdk.stream";
    public const string Cursors = "sdk.cursors";

    /// <summary>Records per Run response (source) or per write batch (destination); 0: the default.</summary>
    public int BatchSizeValue { get; private set; }

    public PayloadFormat PayloadFormat { get; private set; } = PayloadFormat.Structured;

    /// <summary>Full refresh for every stream; otherwise streams with a cursor are read incrementally.</summary>
    public bool FullRefresh { get; private set; }

    /// <summary>The streams to read (source); null: all.</summary>
    public IReadOnlyList<string>? StreamNames { get; private set; }

    /// <summary>The cursor chosen per stream (stream → field), for discovered streams that offer several; empty: every stream's default.</summary>
    public IReadOnlyDictionary<string, string> CursorChoices { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long a source waits before reading its incremental streams again; zero: it reads once, then idles.</summary>
    public TimeSpan Poll { get; private set; }

    /// <summary>The stream every record is written to (destination); null: the record's <c>opencdc.collection</c>.</summary>
    public string? TargetStream { get; private set; }

    /// <summary>The parameters a connector of this kind gets: key → (type, default, description, allowed values).</summary>
    public static IEnumerable<(string Key, global::ConduitWire.Config.V1.Parameter.Types.Type Type, string Default, string Description, string? Inclusion)> For(ConnectorKind kind)
    {
        const global::ConduitWire.Config.V1.Parameter.Types.Type Int = global::ConduitWire.Config.V1.Parameter.Types.Type.Int;
        const global::ConduitWire.Config.V1.Parameter.Types.Type Text = global::ConduitWire.Config.V1.Parameter.Types.Type.String;
        const global::ConduitWire.Config.V1.Parameter.Types.Type Duration = global::ConduitWire.Config.V1.Parameter.Types.Type.Duration;
        if (kind == ConnectorKind.Destination)
        {
            yield return (BatchSize, Int, "", "Records per write batch at most (default: the destination's own batch size). Acks follow each batch's commit.", null);
            yield return (Stream, Text, "", "Writes every record to this stream; by default a record goes to the stream its opencdc.collection names.", null);
            yield break;
        }
        yield return (BatchSize, Int, "1000", "Records per Run response at most (a response also stays under about 1 MiB).", null);
        yield return (Payload, Text, "structured", "payload.after as a google.protobuf.Struct (structured) or the record's JSON bytes (raw: exact numbers).", "structured,raw");
        yield return (SyncMode, Text, "incremental", "incremental: streams with a cursor resume from their position (CREATE records); full_refresh: every stream is read whole (SNAPSHOT records).", "incremental,full_refresh");
        yield return (Streams, Text, "", "Comma-separated names of the streams to read; empty: every stream.", null);
        yield return (Cursors, Text, "", "Comma-separated stream:field pairs choosing the cursor of streams found at run time that offer several (sales.orders:updated_at); other streams read by their default cursor.", null);
        yield return (PollInterval, Duration, "0s", "After reading every stream, wait this long and read the incremental streams again from their position; 0s: read once, then wait for Stop.", null);
    }

    /// <summary>True for a key this host reads or accepts (every <c>sdk.*</c> key).</summary>
    public static bool Owns(string key) => key.StartsWith("sdk.", StringComparison.Ordinal);

    /// <summary>Reads the host's keys from a Configure map; problems are added as "key: message".</summary>
    public static HostSettings Read(IReadOnlyDictionary<string, string> config, ConnectorKind kind, List<string> problems)
    {
        var settings = new HostSettings();
        foreach (var (key, raw) in config)
        {
            var value = raw.Trim();
            if (!Owns(key) || value.Length == 0)
            {
                continue;
            }
            switch (key)
            {
                case BatchSize:
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size >= 0)
                    {
                        settings.BatchSizeValue = size;
                    }
                    else
                    {
                        problems.Add($"{key}: \"{value}\" is not a whole number of records (0 or more).");
                    }
                    break;
                case Payload when kind == ConnectorKind.Source:
                    if (value is "structured" or "raw")
                    {
                        settings.PayloadFormat = value == "raw" ? PayloadFormat.Raw : PayloadFormat.Structured;
                    }
                    else
                    {
                        problems.Add($"{key}: \"{value}\" is not one of structured, raw.");
                    }
                    break;
                case SyncMode when kind == ConnectorKind.Source:
                    if (value is "incremental" or "full_refresh")
                    {
                        settings.FullRefresh = value == "full_refresh";
                    }
                    else
                    {
                        problems.Add($"{key}: \"{value}\" is not one of incremental, full_refresh.");
                    }
                    break;
                case Streams when kind == ConnectorKind.Source:
                    settings.StreamNames = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    break;
                case Cursors when kind == ConnectorKind.Source:
                    settings.CursorChoices = ReadCursors(key, value, problems);
                    break;
                case PollInterval when kind == ConnectorKind.Source:
                    if (Durations.TryParse(value, out var interval) && interval >= TimeSpan.Zero)
                    {
                        settings.Poll = interval;
                    }
                    else
                    {
                        problems.Add($"{key}: \"{value}\" is not a duration (such as 500ms, 30s, 5m, 1h30m).");
                    }
                    break;
                case Stream when kind == ConnectorKind.Destination:
                    settings.TargetStream = value;
                    break;
                default:
                    // sdk.batch.delay, sdk.schema.extract.*, sdk.rate.*: Conduit pipelines set them; batches here go out
                    // as soon as records are ready, and the engine does what else they ask.
                    break;
            }
        }
        return settings;
    }

    private static Dictionary<string, string> ReadCursors(string key, string value, List<string> problems)
    {
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.LastIndexOf(':');
            var stream = colon > 0 ? entry[..colon].Trim() : "";
            var field = colon > 0 ? entry[(colon + 1)..].Trim() : "";
            if (stream.Length == 0 || field.Length == 0)
            {
                problems.Add($"{key}: \"{entry}\" is not stream:field (such as sales.orders:updated_at).");
            }
            else if (!choices.TryAdd(stream, field))
            {
                problems.Add($"{key}: stream '{stream}' is named twice.");
            }
        }
        return choices;
    }
}
