using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Google.Protobuf;
using Grpc.Core;
using RunRequest = ConduitWire.Connector.V2.Source.Types.Run.Types.Request;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// The moving parts of a source's Run stream: records are encoded on the record loop's thread (a thread of its own) and go
/// through a bounded queue to the response stream in batches; every position put on the stream waits for its ack, which must come in
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

    // Each record's bytes are rented from the shared pool and returned once copied into a response: no garbage per record.
    private readonly Channel<(byte[] Record, int Length, ByteString Position)> _queue;
    private readonly EncodedRecords _response = new();
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
        _queue = Channel.CreateBounded<(byte[], int, ByteString)>(new BoundedChannelOptions(Math.Max(64, batchSize * 4))
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
    public void Put<TRecord>(RecordEncoder<TRecord> encoder, TRecord record)
    {
        _window.Wait(Reading);
        var bytes = Positions.Next();
        var encoded = encoder.Encode(record, bytes);
        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        encoded.CopyTo(rented);
        var position = UnsafeByteOperations.UnsafeWrap(bytes);
        _unacknowledged.Enqueue(position);
        var writer = _queue.Writer;
        while (!writer.TryWrite((rented, encoded.Length, position)))
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
    protected async Task SendAsync(IServerStreamWriter<EncodedRecords> responses, CancellationToken cancellation)
    {
        var reader = _queue.Reader;
        var response = _response;
        try
        {
            while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                response.Clear();
                ByteString? last = null;
                for (var lingered = false; ; lingered = true)
                {
                    while (response.Count < _batchSize && response.Length < MaxResponseBytes && reader.TryRead(out var item))
                    {
                        response.Add(item.Record.AsSpan(0, item.Length));
                        ArrayPool<byte>.Shared.Return(item.Record);
                        last = item.Position;
                    }
                    if (lingered || response.Count >= _batchSize || response.Length >= MaxResponseBytes || reader.Completion.IsCompleted)
                    {
                        break;
                    }
                    await Task.Delay(Linger, cancellation).ConfigureAwait(false);
                }
                if (response.Count == 0)
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
