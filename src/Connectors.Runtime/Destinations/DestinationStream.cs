using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Connectors;

/// <summary>
/// One configured stream a destination writes: its identity and schema, how to write it (sync mode, primary key,
/// cursor, generations) and how the runtime batches its records. The runtime creates one per catalog stream and passes
/// the same instance to every hook, so it can key per-stream state.
/// </summary>
public sealed class DestinationStream
{
    /// <summary>Records per batch when neither the destination nor the stream says.</summary>
    public const int DefaultMaxBatchRecords = 10_000;

    /// <summary>Bytes of record data per batch when neither the destination nor the stream says.</summary>
    public const int DefaultMaxBatchBytes = 8 * 1024 * 1024;

    private int _maxBatchRecords = DefaultMaxBatchRecords;
    private int _maxBatchBytes = DefaultMaxBatchBytes;

    /// <summary>The stream's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stream's namespace, if any.</summary>
    public string? Namespace { get; init; }

    /// <summary>How to write the stream.</summary>
    public DestinationSyncMode SyncMode { get; init; }

    /// <summary>How the source reads it (a full refresh or incremental).</summary>
    public SyncMode SourceSyncMode { get; init; }

    /// <summary>The stream's JSON Schema, as the catalog gives it.</summary>
    public JsonElement JsonSchema { get; init; }

    /// <summary>The schema's top-level properties, in schema order.</summary>
    public IReadOnlyList<StreamField> Fields { get; init; } = Array.Empty<StreamField>();

    /// <summary>The primary key: field paths (the configured key, else the source-defined one); empty when none.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; init; } = Array.Empty<IReadOnlyList<string>>();

    /// <summary>The cursor field path (the configured one, else the source's default), if any.</summary>
    public IReadOnlyList<string>? CursorField { get; init; }

    /// <summary>The generation of the data this sync writes, when the platform supports refreshes.</summary>
    public long? GenerationId { get; init; }

    /// <summary>Rows of a lower generation are to be deleted once the stream is complete (0 or null: keep them).</summary>
    public long? MinimumGenerationId { get; init; }

    /// <summary>The sync's id, when the platform supports refreshes.</summary>
    public long? SyncId { get; init; }

    /// <summary>
    /// True when this sync replaces the stream's data: <see cref="DestinationSyncMode.Overwrite"/>, or a refresh whose
    /// minimum generation is the current one. Write aside, and swap the new data in at the stream's end: until then the
    /// old data must stay visible.
    /// </summary>
    public bool ReplacesData =>
        SyncMode == DestinationSyncMode.Overwrite || (MinimumGenerationId is > 0 && MinimumGenerationId == GenerationId);

    /// <summary>
    /// True when rows of generations below <see cref="MinimumGenerationId"/> (and rows without a generation) are to be
    /// deleted at the stream's end, the data being appended rather than replaced.
    /// </summary>
    public bool RemovesOlderGenerations => !ReplacesData && MinimumGenerationId is > 0;

    /// <summary>Records per batch handed to the write method (at least 1); the stream-start hook may change it.</summary>
    public int MaxBatchRecords
    {
        get => _maxBatchRecords;
        set => _maxBatchRecords = Math.Max(1, value);
    }

    /// <summary>Bytes of record data per batch (at least 1); a single larger record makes a batch of its own.</summary>
    public int MaxBatchBytes
    {
        get => _maxBatchBytes;
        set => _maxBatchBytes = Math.Max(1, value);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? Name : Namespace + "." + Name;
}
