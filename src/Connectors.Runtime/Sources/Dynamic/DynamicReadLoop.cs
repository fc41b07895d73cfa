using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>
/// Reads one stream of a <c>[DiscoverStreams]</c> family into a host's sink: calls the family's read method with the
/// configured stream and its saved state, hands over each row as it is written and each checkpoint the method takes,
/// and ends with a final checkpoint. The no-loss rule is the method's promise at each checkpoint (every row up to it
/// has been written); the runtime adds no state of its own.
/// </summary>
internal static class DynamicReadLoop
{
    public static async Task<StreamReadResult> RunAsync<TConnector, TRecord, TSink>(SourceStream<TConnector, TRecord> stream,
        DynamicRead<TConnector> read, TConnector connector, StreamReadOptions options, TSink sink)
        where TConnector : class
        where TSink : IRecordSink<TRecord>
    {
        if (typeof(TRecord) != typeof(JsonRow))
        {
            throw new InvalidOperationException($"Stream '{stream.DisplayName}' is read by a row writer, so its records are JsonRow.");
        }
        var incremental = options.SyncMode == SyncMode.Incremental;
        if (incremental && !stream.SupportsIncremental)
        {
            throw new ArgumentException($"Stream '{stream.DisplayName}' cannot be read incrementally.", nameof(options));
        }
        var interval = options.CheckpointInterval > 0 ? options.CheckpointInterval
            : stream.CheckpointInterval > 0 ? stream.CheckpointInterval
            : StreamReadOptions.DefaultCheckpointInterval;
        var request = new DynamicStreamRequest(read.Description, options);
        var pump = new RowPump<TRecord, TSink>(sink, interval, options.CancellationToken);
        try
        {
            await read.ReadAsync(connector, request, pump).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
        {
            pump.Release();
            return new StreamReadResult(StreamReadOutcome.Cancelled, pump.Rows);
        }
        catch (Exception ex) when (ex is not OutputClosedException)
        {
            pump.Release();
            return new StreamReadResult(StreamReadOutcome.Failed, pump.Rows, ex);
        }
        pump.Final(incremental, request.State, options.Logger, stream.DisplayName);
        return new StreamReadResult(StreamReadOutcome.Completed, pump.Rows);
    }
}

/// <summary>
/// The row writer of one read: rows and checkpoints straight to the host's sink, compiled per sink struct. Checkpoints
/// are held until the next row (or the end), so the last one of a completed read goes out as the final one.
/// </summary>
internal sealed class RowPump<TRecord, TSink> : RowWriter where TSink : IRecordSink<TRecord>
{
    // Not readonly: a struct sink is mutated in place.
    private TSink _sink;
    private readonly HeldCheckpoints _checkpoints = new();

    public RowPump(TSink sink, int checkpointInterval, CancellationToken cancellation) : base(checkpointInterval, cancellation) =>
        _sink = sink;

    private protected override void EmitRow(JsonRow row)
    {
        if (_checkpoints.MustRelease)
        {
            _checkpoints.Release<TRecord, TSink>(ref _sink, isFinal: false);
        }
        // TRecord is JsonRow (checked once by the loop): the reinterpretation is free and needs no boxing.
        _sink.Record(Unsafe.As<JsonRow, TRecord>(ref row));
        _checkpoints.Counted();
    }

    private protected override void TakeCheckpoint(ReadOnlySpan<byte> state) => _checkpoints.Take(state);

    /// <summary>After a failure or a stop: the checkpoint the method took last, if not handed over yet.</summary>
    public void Release() => _checkpoints.Release<TRecord, TSink>(ref _sink, isFinal: false);

    /// <summary>The end of a completed read (see <see cref="HeldCheckpoints.Final"/>).</summary>
    public void Final(bool incremental, JsonElement? saved, ILogger logger, string stream)
    {
        var bytes = saved is { } value ? System.Text.Encoding.UTF8.GetBytes(value.GetRawText()) : null;
        _checkpoints.Final<TRecord, TSink>(ref _sink, incremental, bytes, logger, stream);
    }
}
