using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Google.Protobuf;
using Grpc.Core;
using RunRequest = ConduitWire.Connector.V2.Source.Types.Run.Types.Request;
using RunResponse = ConduitWire.Connector.V2.Source.Types.Run.Types.Response;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// The moving parts of a source's Run stream: records go from the record loop (on its own thread) through a bounded
/// queue to the response stream in batches; every position put on the stream waits for its ack, which must come in
/// order; at most <see cref="MaxUnacknowledged"/> records are unacknowledged at a time, so memory stays flat however
/// far the read runs ahead of Conduit.
/// </summary>
internal abstract class SourceRun
{
    /// <summary>Records sent and not yet acknowledged before the read waits for Conduit.</summary>
    public const int MaxUnacknowledged = 20_000;

    /// <summary>
    /// How long a response that is not full waits for more records: a fast read then goes out in full batches rather
    /// than one record per message (and one ack per record back), while a slow one is delayed by a millisecond at most.
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);

    /// <summary>A Run response stays under about this many bytes (Conduit's receive limit is 4 MiB by default).</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly Channel<(ConduitWire.Opencdc.V1.Record Record, int Size)> _queue;
    private readonly ConcurrentQueue<ByteString> _unacknowledged = new();
    private readonly SemaphoreSlim _window = new(MaxUnacknowledged, MaxUnacknowledged);
    private readonly int _batchSize;
    private volatile ByteString? _lastSent;
    private ByteString? _lastAcknowledged;

    protected SourceRun(PositionWriter positions, int batchSize, CancellationToken reading)
    {
        Positions = positions;
        _batchSize = batchSize;
        Reading = reading;
        _queue = Channel.CreateBounded<(ConduitWire.Opencdc.V1.Record, int)>(new BoundedChannelOptions(Math.Max(64, batchSize * 4))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public PositionWriter Positions { get; }

    /// <summary>Cancelled by Stop and Teardown: the record loop ends at the next record.</summary>
    protected CancellationToken Reading { get; }

    /// <summary>The position of the last record put on the response stream; empty before any.</summary>
    public ByteString LastSent => _lastSent ?? ByteString.Empty;

    /// <summary>The last position Conduit acknowledged; empty before any.</summary>
    public ByteString LastAcknowledged => _lastAcknowledged ?? ByteString.Empty;

    /// <summary>Called by the sink on the record loop's thread: waits for room, gives the record its position, queues it.</summary>
    public void Put<TRecord>(RecordBuilder<TRecord> builder, TRecord record)
    {
        _window.Wait(Reading);
        var position = UnsafeByteOperations.UnsafeWrap(Positions.Next());
        var built = builder.Build(record, position, out var size);
        _unacknowledged.Enqueue(position);
        var writer = _queue.Writer;
        while (!writer.TryWrite((built, size)))
        {
            // Not cancellable: a record that has its position goes out, so Stop's last position is on the stream.
            if (!writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new OutputClosedException();
            }
        }
    }

    /// <summary>No more records: the response stream ends once the queue is drained (with the error, if any).</summary>
    protected void Complete(Exception? error = null) => _queue.Writer.TryComplete(error);

    /// <summary>Sends queued records in batches until the queue completes.</summary>
    protected async Task SendAsync(IServerStreamWriter<RunResponse> responses, CancellationToken cancellation)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                var response = new RunResponse();
                long bytes = 0;
                ByteString? last = null;
                for (var lingered = false; ; lingered = true)
                {
                    while (response.Records.Count < _batchSize && bytes < MaxResponseBytes && reader.TryRead(out var item))
                    {
                        response.Records.Add(item.Record);
                        bytes += item.Size;
                        last = item.Record.Position;
                    }
                    if (lingered || response.Records.Count >= _batchSize || bytes >= MaxResponseBytes || reader.Completion.IsCompleted)
                    {
                        break;
                    }
                    await Task.Delay(Linger, cancellation).ConfigureAwait(false);
                }
                if (response.Records.Count == 0)
                {
                    continue;
                }
                await responses.WriteAsync(response, cancellation).ConfigureAwait(false);
                _lastSent = last;
            }
        }
        catch
        {
            // Nobody takes records any more: the record loop must not wait for room.
            _queue.Writer.TryComplete();
            throw;
        }
    }

    /// <summary>Reads acks until Conduit closes its side; each must be the oldest unacknowledged position.</summary>
    /// <exception cref="RpcException">FailedPrecondition: an ack out of order, or of a position never sent.</exception>
    protected async Task ReceiveAcksAsync(IAsyncStreamReader<RunRequest> requests, CancellationToken cancellation)
    {
        while (await requests.MoveNext(cancellation).ConfigureAwait(false))
        {
            foreach (var ack in requests.Current.AckPositions)
            {
                if (!_unacknowledged.TryPeek(out var expected))
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition,
                        $"Conduit acknowledged position {Show(ack)}, but every position sent was already acknowledged."));
                }
                if (!expected.Equals(ack))
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition,
                        $"Conduit acknowledged position {Show(ack)} out of order: the oldest unacknowledged position is {Show(expected)}."));
                }
                _unacknowledged.TryDequeue(out _);
                _lastAcknowledged = ack;
                _window.Release();
            }
        }
    }

    private static string Show(ByteString position) => position.ToStringUtf8();
}
