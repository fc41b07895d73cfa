using System;

namespace Connectors;

/// <summary>What a stream method may know about, and adjust in, the read it serves.</summary>
public sealed class StreamContext
{
    private readonly Action? _checkpoint;
    private int _checkpointInterval;

    /// <summary>Creates a context; the runtime does this for every stream it reads.</summary>
    public StreamContext(string streamName, string? streamNamespace, SyncMode syncMode, int checkpointInterval)
    {
        StreamName = streamName;
        StreamNamespace = streamNamespace;
        SyncMode = syncMode;
        CheckpointInterval = checkpointInterval;
    }

    /// <summary>Creates a context whose <see cref="Checkpoint"/> calls <paramref name="checkpoint"/>.</summary>
    public StreamContext(string streamName, string? streamNamespace, SyncMode syncMode, int checkpointInterval, Action? checkpoint)
        : this(streamName, streamNamespace, syncMode, checkpointInterval)
    {
        _checkpoint = checkpoint;
    }

    /// <summary>The stream being read.</summary>
    public string StreamName { get; }

    /// <summary>The namespace of the stream being read, if any.</summary>
    public string? StreamNamespace { get; }

    /// <summary>Whether the catalog asked for a full refresh or an incremental read.</summary>
    public SyncMode SyncMode { get; }

    /// <summary>
    /// Emit a checkpoint every this many records while the records arrive in cursor order (at least 1).
    /// </summary>
    public int CheckpointInterval
    {
        get => _checkpointInterval;
        set => _checkpointInterval = value < 1 ? 1 : value;
    }

    /// <summary>
    /// Declares that every record whose cursor is at most the greatest cursor emitted so far has been emitted, so the
    /// runtime may emit a checkpoint now (in an incremental read, when records came since the last one). Call it between
    /// records, e.g. after each date window of a sliced read. Records in cursor order need no calls: see
    /// <c>SortedByCursor</c>.
    /// </summary>
    public void Checkpoint() => _checkpoint?.Invoke();
}
