using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// The moving parts of a source's Run stream. The record loop (a thread of its own) encodes each record with its
/// position straight into the Run response being filled (<see cref="OutgoingBatch"/>); a full response is handed to the
/// sender, which also takes a partial one once the record loop has paused; every response sent waits for its acks, which
/// must come in order. At most <see cref="MaxUnacknowledged"/> records are read and not yet acknowledged, so memory stays
/// flat however far the read runs ahead of Conduit: the batches are reused, nothing is allocated per record.
/// </summary>
internal abstract class SourceRun
{
    /// <summary>Records read and not yet acknowledged before the read waits for Conduit.</summary>
    public const int MaxUnacknowledged = 20_000;

    /// <summary>
    /// How long a response that is not full waits for more records: a fast read then goes out in full batches rather
    /// than one record per message (and one ack per record back), while a slow one is delayed by a millisecond or so.
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);

    /// <summary>A response that keeps getting records is sent after this long, full or not.</summary>
    private static readonly TimeSpan MaxLinger = TimeSpan.FromMilliseconds(10);

    /// <summary>A Run response stays under about this many bytes (Conduit's receive limit is 4 MiB by default).</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly object _gate = new();
    private readonly Queue<OutgoingBatch> _ready = new();
    private readonly ConcurrentQueue<OutgoingBatch> _unacknowledged = new();
    private readonly ConcurrentQueue<OutgoingBatch> _free = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ManualResetEventSlim _room = new(true);
    private readonly int _batchSize;
    private OutgoingBatch _filling;
    private bool _completed;
    private Exception? _error;
    private long _inFlight;
    private volatile ByteString? _lastSent;
    private ByteString? _lastAcknowledged;

    protected SourceRun(PositionWriter positions, int batchSize, CancellationToken reading)
    {
        Positions = positions;
        _batchSize = batchSize;
        Reading = reading;
        _filling = new OutgoingBatch();
    }

    public PositionWriter Positions { get; }

    /// <summary>Cancelled by Stop and Teardown: the record loop ends at the next record.</summary>
    protected CancellationToken Reading { get; }

    /// <summary>The position of the last record put on the response stream; empty before any.</summary>
    public ByteString LastSent => _lastSent ?? ByteString.Empty;

    /// <summary>The last position Conduit acknowledged; empty before any.</summary>
    public ByteString LastAcknowledged => _lastAcknowledged ?? ByteString.Empty;

    /// <summary>Called by the sink on the record loop's thread: waits for room, gives the record its position, adds it to the response being filled.</summary>
    public void Put<TRecord>(RecordEncoder<TRecord> encoder, TRecord record)
    {
        while (Volatile.Read(ref _inFlight) >= MaxUnacknowledged)
        {
            _room.Reset();
            if (Volatile.Read(ref _inFlight) < MaxUnacknowledged)
            {
                break;
            }
            _room.Wait(Reading);
        }
        var position = Positions.Next();
        var encoded = encoder.Encode(record, position);
        bool signal;
        lock (_gate)
        {
            if (_completed)
            {
                throw new OutputClosedException();
            }
            var filling = _filling;
            signal = filling.Count == 0;
            filling.Add(encoded, position);
            if (filling.Count >= _batchSize || filling.Response.Length >= MaxResponseBytes)
            {
                _ready.Enqueue(filling);
                _filling = Rent();
                signal = true;
            }
        }
        Interlocked.Increment(ref _inFlight);
        if (signal)
        {
            // Once per response: the sender learns that one is full, or that one has begun (to send it if the read pauses).
            _signal.Release();
        }
    }

    /// <summary>No more records: the response stream ends once what was read is sent (with the error, if any).</summary>
    protected void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            _error = error;
            if (_filling.Count > 0)
            {
                _ready.Enqueue(_filling);
                _filling = Rent();
            }
        }
        _signal.Release();
    }

    /// <summary>Sends the responses as they fill, and a partial one once the record loop pauses, until the read completes.</summary>
    protected async Task SendAsync(IServerStreamWriter<EncodedRecords> responses, CancellationToken cancellation)
    {
        try
        {
            while (true)
            {
                OutgoingBatch? batch;
                bool done;
                lock (_gate)
                {
                    _ready.TryDequeue(out batch);
                    done = batch is null && _completed;
                }
                if (batch is not null)
                {
                    await SendAsync(responses, batch, cancellation).ConfigureAwait(false);
                    continue;
                }
                if (done)
                {
                    if (_error is not null)
                    {
                        throw _error;
                    }
                    return;
                }
                if (await LingerAsync(cancellation).ConfigureAwait(false) is { } partial)
                {
                    await SendAsync(responses, partial, cancellation).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // Nobody takes records any more: the record loop must not add to a response nobody sends.
            lock (_gate)
            {
                _completed = true;
            }
            throw;
        }
    }

    /// <summary>
    /// Waits for something to send: a full response (null: take it from the queue), or the partial one once the read
    /// added nothing to it for <see cref="Linger"/>, or <see cref="MaxLinger"/> after it began.
    /// </summary>
    private async Task<OutgoingBatch?> LingerAsync(CancellationToken cancellation)
    {
        int count;
        lock (_gate)
        {
            count = _filling.Count;
        }
        if (count == 0)
        {
            await _signal.WaitAsync(cancellation).ConfigureAwait(false);
            return null;
        }
        var waited = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(Linger, cancellation).ConfigureAwait(false);
            waited += Linger;
            lock (_gate)
            {
                if (_ready.Count > 0 || _completed)
                {
                    return null;
                }
                if (_filling.Count == count || waited >= MaxLinger)
                {
                    var partial = _filling;
                    _filling = Rent();
                    return partial;
                }
                count = _filling.Count;
            }
        }
    }

    private async Task SendAsync(IServerStreamWriter<EncodedRecords> responses, OutgoingBatch batch, CancellationToken cancellation)
    {
        var last = ByteString.CopyFrom(batch.Position(batch.Count - 1));
        // Acks may come back as soon as the bytes are out; the response's bytes are copied before any are sent.
        _unacknowledged.Enqueue(batch);
        await responses.WriteAsync(batch.Response, cancellation).ConfigureAwait(false);
        _lastSent = last;
    }

    /// <summary>Reads acks until Conduit closes its side; each must be the oldest unacknowledged position.</summary>
    /// <exception cref="RpcException">FailedPrecondition: an ack out of order, or of a position never sent.</exception>
    protected async Task ReceiveAcksAsync(IAsyncStreamReader<EncodedAcks> requests, CancellationToken cancellation)
    {
        while (await requests.MoveNext(cancellation).ConfigureAwait(false))
        {
            var acks = requests.Current;
            try
            {
                Acknowledge(acks);
            }
            finally
            {
                acks.Release();
            }
        }
    }

    /// <summary>Checks one request's acks against the oldest unacknowledged positions and frees what they cover.</summary>
    private void Acknowledge(EncodedAcks acks)
    {
        for (var i = 0; i < acks.Count; i++)
        {
            var ack = acks[i];
            if (!_unacknowledged.TryPeek(out var batch))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"Conduit acknowledged position {Show(ack)}, but every position sent was already acknowledged."));
            }
            var expected = batch.Position(batch.Acknowledged);
            if (!expected.SequenceEqual(ack))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"Conduit acknowledged position {Show(ack)} out of order: the oldest unacknowledged position is {Show(expected)}."));
            }
            if (++batch.Acknowledged == batch.Count)
            {
                _unacknowledged.TryDequeue(out _);
                batch.Clear();
                _free.Enqueue(batch);
            }
        }
        if (acks.Count > 0)
        {
            _lastAcknowledged = ByteString.CopyFrom(acks[acks.Count - 1]);
            Interlocked.Add(ref _inFlight, -acks.Count);
            _room.Set();
        }
    }

    private OutgoingBatch Rent() => _free.TryDequeue(out var batch) ? batch : new OutgoingBatch();

    private static string Show(ReadOnlySpan<byte> position) => System.Text.Encoding.UTF8.GetString(position);
}
