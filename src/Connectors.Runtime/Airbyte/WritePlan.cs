using System;
using System.Collections.Generic;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Turns the configured catalog of <c>write</c> into the streams the destination writes, checking each against what the
/// destination implements: a known and supported <c>destination_sync_mode</c>, a primary key for <c>append_dedup</c>, a
/// valid <c>sync_mode</c>, no stream twice.
/// </summary>
internal static class WritePlan
{
    public static List<DestinationStream> Create<TConnector>(ConfiguredCatalog catalog, DestinationHandlers<TConnector> handlers,
        List<(string Problem, StreamKey Stream)> problems) where TConnector : class
    {
        var streams = new List<DestinationStream>();
        var seen = new Dictionary<StreamKey, ConfiguredStream>();
        foreach (var configured in catalog.Streams)
        {
            var key = configured.Key;
            var modeProblem = Mode(configured, handlers.SyncModes, out var mode);
            var sourceModeProblem = SourceMode(configured, out var sourceMode);
            var problem = seen.TryGetValue(key, out var first)
                ? configured.Problem("stream.name", $"stream '{key}' appears more than once in the catalog (first at {first.JsonPath})")
                : modeProblem ?? sourceModeProblem
                ?? (mode == DestinationSyncMode.AppendDedup && PrimaryKey(configured).Count == 0
                    ? configured.Problem("primary_key", $"stream '{key}' asks for destination_sync_mode 'append_dedup' but has no primary key (primary_key or source_defined_primary_key)")
                    : null);
            seen.TryAdd(key, configured);
            if (problem is not null)
            {
                problems.Add((problem, key));
                continue;
            }
            var stream = new DestinationStream
            {
                Name = key.Name,
                Namespace = key.Namespace,
                SyncMode = mode,
                SourceSyncMode = sourceMode,
                JsonSchema = configured.JsonSchema,
                Fields = StreamField.FromSchema(configured.JsonSchema),
                PrimaryKey = PrimaryKey(configured),
                CursorField = configured.CursorField is { Count: > 0 } cursor ? cursor : configured.DefaultCursorField,
                GenerationId = configured.GenerationId,
                MinimumGenerationId = configured.MinimumGenerationId,
                SyncId = configured.SyncId,
            };
            if (handlers.MaxBatchRecords > 0)
            {
                stream.MaxBatchRecords = handlers.MaxBatchRecords;
            }
            if (handlers.MaxBatchBytes > 0)
            {
                stream.MaxBatchBytes = handlers.MaxBatchBytes;
            }
            streams.Add(stream);
        }
        return streams;
    }

    /// <summary>The protocol's spelling of each mode, in the order the spec lists them.</summary>
    public static readonly (DestinationSyncModes Flag, DestinationSyncMode Mode, string Name)[] Modes =
    [
        (DestinationSyncModes.Append, DestinationSyncMode.Append, "append"),
        (DestinationSyncModes.Overwrite, DestinationSyncMode.Overwrite, "overwrite"),
        (DestinationSyncModes.AppendDedup, DestinationSyncMode.AppendDedup, "append_dedup"),
    ];

    /// <summary>The names of the supported modes, in spec order.</summary>
    public static List<string> Names(DestinationSyncModes supported)
    {
        // A loop, not Where/Select: a destination's `spec` writes these, and Linq's iterators over this tuple type would
        // be compiled into every native executable (docs/aot.md).
        var names = new List<string>(Modes.Length);
        foreach (var mode in Modes)
        {
            if ((supported & mode.Flag) != 0)
            {
                names.Add(mode.Name);
            }
        }
        return names;
    }

    private static string? Mode(ConfiguredStream configured, DestinationSyncModes supported, out DestinationSyncMode mode)
    {
        var match = Array.Find(Modes, m => m.Name == configured.DestinationSyncMode && (supported & m.Flag) != 0);
        mode = match.Mode;
        return match.Name is not null ? null
            : configured.Problem("destination_sync_mode",
                $"stream '{configured.Key}' asks for '{configured.DestinationSyncMode}', which this destination does not support; it supports: {string.Join(", ", Names(supported))}");
    }

    private static string? SourceMode(ConfiguredStream configured, out SyncMode mode)
    {
        mode = configured.SyncMode == "incremental" ? SyncMode.Incremental : SyncMode.FullRefresh;
        return configured.SyncMode is "full_refresh" or "incremental" ? null
            : configured.Problem("sync_mode", $"stream '{configured.Key}' has '{configured.SyncMode}'; expected 'full_refresh' or 'incremental'");
    }

    private static IReadOnlyList<IReadOnlyList<string>> PrimaryKey(ConfiguredStream configured) =>
        configured.PrimaryKey is { Count: > 0 } key ? key : configured.SourceDefinedPrimaryKey ?? [];
}
