using System;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime;

/// <summary>
/// Reads one stream into a host's sink: calls the author's stream method with the saved cursor, iterates its records
/// (async or not) until the end, a failure or a stop, and takes the checkpoints that keep a resume lossless.
/// </summary>
internal static class RecordLoop
{
    public static async Task<StreamReadResult> RunAsync<TConnector, TRecord, TSink>(SourceStream<TConnector, TRecord> stream,
        TConnector connector, StreamReadOptions options, TSink sink)
        where TConnector : class
        where TSink : IRecordSink<TRecord>
    {
        var incremental = options.SyncMode == SyncMode.Incremental;
        if (incremental && !stream.SupportsIncremental)
        {
            throw new ArgumentException($"Stream '{stream.DisplayName}' cannot be read incrementally: its method takes no cursor.", nameof(options));
        }
        var cancellation = options.CancellationToken;
        var interval = options.CheckpointInterval > 0 ? options.CheckpointInterval
            : stream.CheckpointInterval > 0 ? stream.CheckpointInterval
            : StreamReadOptions.DefaultCheckpointInterval;
        var since = incremental ? options.Since : null;
        RecordPump<TRecord, TSink>? pump = null;
        // StreamContext.Checkpoint(): the stream vouches that every record up to the greatest cursor so far was emitted.
        var context = new StreamContext(stream.Name, stream.Namespace, options.SyncMode, interval, incremental ? () => pump!.CheckpointNow() : null);
        // A stream with a state of its own checkpoints through it; a cursor it may also declare only names the catalog's default.
        var shape = stream.StateShape;
        var held = shape is null ? null : new HeldCheckpoints();
        pump = new RecordPump<TRecord, TSink>(sink, stream.DisplayName, shape is null ? stream.Cursor?.CreateTracker(since) : null, context,
            checkpointMidStream: incremental && stream.SortedByCursor, held);
        var own = shape?.Open(held!, since);
        var request = new StreamRequest(since, context, options.Logger, cancellation) { State = own?.State };
        try
        {
            if (stream.Open is { } open)
            {
                await foreach (var record in open(connector, request).WithCancellation(cancellation).ConfigureAwait(false))
                {
                    // Also for iterators that ignore their token: a stop request ends the stream at the next record.
                    cancellation.ThrowIfCancellationRequested();
                    pump.Emit(record);
                }
            }
            else
            {
                foreach (var record in stream.OpenSync!(connector, request))
                {
                    cancellation.ThrowIfCancellationRequested();
                    pump.Emit(record);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            pump.CheckpointCompleted(options.Logger);
            return new StreamReadResult(StreamReadOutcome.Cancelled, pump.Emitted);
        }
        catch (Exception ex) when (ex is not OutputClosedException)
        {
            if (ex is not CursorOrderException)
            {
                pump.CheckpointCompleted(options.Logger);
            }
            return new StreamReadResult(StreamReadOutcome.Failed, pump.Emitted, ex);
        }
        pump.CheckpointFinal(incremental, own?.SavedJson, options.Logger);
        return new StreamReadResult(StreamReadOutcome.Completed, pump.Emitted);
    }
}
