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

    /// <summary>
    /// For a stream that keeps a state of its own (<c>[DiscoverStreams]</c>): the state it saved last, a JSON object; null
    /// for none. Ignored in a full refresh. (<c>[Stream]</c> methods resume from <see cref="Since"/>.)
    /// </summary>
    public System.Text.Json.JsonElement? State { get; init; }

    /// <summary>Where <see cref="State"/> came from, for messages: <c>the state file 'state.json' at $[0].stream.stream_state</c>.</summary>
    public string? StateLocation { get; init; }

    /// <summary>The cursor field the user chose (discovered streams with cursor candidates); null for the stream's default.</summary>
    public string? CursorField { get; init; }

    /// <summary>The primary key the user chose; null for the stream's own.</summary>
    public System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>>? PrimaryKey { get; init; }

    /// <summary>The top-level fields the user selected; null for every field. Discovered streams read only these.</summary>
    public System.Collections.Generic.IReadOnlyList<string>? SelectedFields { get; init; }

    /// <summary>The logger the stream method receives.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Stops the read at the next record; the read then ends <see cref="StreamReadOutcome.Cancelled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
