using System;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime;

/// <summary>
/// How a destination connector writes, built by generated code: the sync modes it implements, its batch sizes, and direct
/// calls of its <c>[Write]</c>, <c>[StreamStart]</c>, <c>[StreamEnd]</c>, <c>[StreamIncomplete]</c> and <c>[Commit]</c> methods. Protocol hosts
/// drive these (reading, batching, checkpoints); the destination only writes.
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class DestinationHandlers<TConnector> where TConnector : class
{
    /// <summary>The destination sync modes the connector implements.</summary>
    public DestinationSyncModes SyncModes { get; init; } = DestinationSyncModes.Append;

    /// <summary>Records per batch (0: <see cref="DestinationStream.DefaultMaxBatchRecords"/>).</summary>
    public int MaxBatchRecords { get; init; }

    /// <summary>Bytes of record data per batch (0: <see cref="DestinationStream.DefaultMaxBatchBytes"/>).</summary>
    public int MaxBatchBytes { get; init; }

    /// <summary>Writes one batch of one stream.</summary>
    public required Func<TConnector, WriteRequest, ValueTask> Write { get; init; }

    /// <summary>Prepares a stream before its records arrive, if the connector has a hook for it.</summary>
    public Func<TConnector, StreamHookRequest, ValueTask>? StartStream { get; init; }

    /// <summary>Finalizes a stream whose COMPLETE status arrived, if the connector has a hook for it.</summary>
    public Func<TConnector, StreamHookRequest, ValueTask>? EndStream { get; init; }

    /// <summary>Leaves a stream that did not complete, if the connector has a hook for it.</summary>
    public Func<TConnector, StreamIncompleteRequest, ValueTask>? IncompleteStream { get; init; }

    /// <summary>Makes every batch written so far durable, if the connector has a hook for it.</summary>
    public Func<TConnector, CommitRequest, ValueTask>? Commit { get; init; }

    // Named here, not in AirbyteCommands: only a destination's generated code builds DestinationHandlers, so a source's
    // native executable does not compile the write path in.
    /// <summary>Runs Airbyte's <c>write</c>.</summary>
    internal Func<HostContext<TConnector>, Task<int>> RunWrite { get; } = AirbyteCommands.RunWrite;
}
