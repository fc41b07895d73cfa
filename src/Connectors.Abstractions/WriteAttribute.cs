using System;

namespace Connectors;

/// <summary>
/// Marks the method of a destination that writes a batch of records of one stream.
/// </summary>
/// <remarks>
/// Allowed signatures: return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order: the stream
/// (<c>DestinationStream</c>) and the batch (<c>RecordBatch</c>), both required, and optionally <c>CancellationToken</c> and
/// <c>ILogger</c>. The runtime calls it whenever a stream's buffer is full and before every checkpoint; the records it
/// receives count as persisted only once the <see cref="CommitAttribute">[Commit]</see> method (if any) has returned.
/// A batch is valid only during the call.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WriteAttribute : Attribute
{
    /// <summary>
    /// The destination sync modes the destination implements (the spec's <c>supported_destination_sync_modes</c>).
    /// Defaults to <see cref="DestinationSyncModes.Append"/>.
    /// </summary>
    public DestinationSyncModes SyncModes { get; set; } = DestinationSyncModes.Append;

    /// <summary>Records per batch (0: the runtime default, 10,000). <c>DestinationStream.MaxBatchRecords</c> changes it per stream.</summary>
    public int MaxBatchRecords { get; set; }

    /// <summary>Bytes of record data per batch (0: the runtime default, 8 MiB). <c>DestinationStream.MaxBatchBytes</c> changes it per stream.</summary>
    public int MaxBatchBytes { get; set; }
}
