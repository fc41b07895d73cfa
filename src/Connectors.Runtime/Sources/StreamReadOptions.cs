using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Runtime;

/// <summary>How a host wants one stream read: the sync mode, where to resume, how often to checkpoint.</summary>
public sealed class StreamReadOptions
{
    /// <summary>Records between mid-stream checkpoints when neither the host nor the stream says.</summary>
    public const int DefaultCheckpointInterval = 10_000;

    /// <summary>A full refresh, or an incremental read that resumes from <see cref="Since"/> (the stream must support it).</summary>
    public SyncMode SyncMode { get; init; } = SyncMode.FullRefresh;

    /// <summary>
    /// The cursor value to resume from (as <see cref="SourceStream{TConnector}.TryReadCursor"/> read it from a saved
    /// state), or null for a first read. Ignored in a full refresh.
    /// </summary>
    public object? Since { get; init; }

    /// <summary>
    /// Records between mid-stream checkpoints; 0 takes the stream's own (<c>[Stream(CheckpointInterval = …)]</c>) or
    /// <see cref="DefaultCheckpointInterval"/>. The stream method may still change it through its
    /// <see cref="StreamContext"/>. Mid-stream checkpoints are taken only in incremental reads of streams sorted by cursor.
    /// </summary>
    public int CheckpointInterval { get; init; }

    /// <summary>The logger the stream method receives.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Stops the read at the next record; the read then ends <see cref="StreamReadOutcome.Cancelled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
