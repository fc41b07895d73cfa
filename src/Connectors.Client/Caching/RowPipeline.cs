using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Caching;

/// <summary>A fixed number of one stream's rows, parsed on the reading thread and written on the writing thread.</summary>
internal sealed class RowBatch
{
    public RowBatch(StreamSlot slot, int capacity)
    {
        Slot = slot;
        Rows = new Row[capacity];
        for (var i = 0; i < capacity; i++)
        {
            Rows[i] = new Row(slot.Parser.ColumnCount, arenaBytes: 256);
        }
    }

    public StreamSlot Slot { get; }

    public Row[] Rows { get; }

    /// <summary>Rows filled, from the start.</summary>
    public int Count { get; set; }

    /// <summary>The message bytes of those rows.</summary>
    public long Bytes { get; set; }

    /// <summary>Every row used, or enough bytes that large records do not pile up.</summary>
    public bool IsFull => Count == Rows.Length || Bytes >= RowPipeline.BatchBytes;

    /// <summary>The row the next record goes into.</summary>
    public Row Next => Rows[Count];
}

/// <summary>
/// Hands parsed rows from the thread reading the source to one thread writing them into the cache, so parsing and the
/// database's inserts run on two cores. Memory is bounded whatever the record count: each stream owns at most
/// <see cref="BatchesPerStream"/> batches of <see cref="BatchRows"/> rows or <see cref="BatchBytes"/> of messages, reused
/// (a row's text arena shrinks back after a large record), and the reader waits for a free one
/// when the writer falls behind. Batches are written in the order they were sent (a merge keeps the last row of a key).
/// </summary>
internal sealed class RowPipeline : IDisposable
{
    public const int BatchRows = 512;
    public const int BatchesPerStream = 4;
    public const int BatchBytes = 1 << 20;

    private readonly BlockingCollection<RowBatch> _full = new(new ConcurrentQueue<RowBatch>());
    private readonly CancellationTokenSource _stop;
    private readonly Task _writer;

    /// <param name="write">Writes one batch (on the writing thread).</param>
    /// <param name="cancellationToken">Stops both sides.</param>
    public RowPipeline(Action<RowBatch> write, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _writer = Task.Factory.StartNew(() => Drain(write), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>An empty batch for <paramref name="slot"/>: a new one while the stream has fewer than its share, else the next one the writer frees.</summary>
    public RowBatch Rent(StreamSlot slot)
    {
        var free = slot.FreeBatches;
        if (free.TryTake(out var batch))
        {
            return batch;
        }
        if (slot.BatchesAllocated < BatchesPerStream)
        {
            slot.BatchesAllocated++;
            return new RowBatch(slot, BatchRows);
        }
        try
        {
            return free.Take(_stop.Token);
        }
        catch (OperationCanceledException) when (_writer.IsFaulted)
        {
            throw new OperationCanceledException("The cache's writer stopped.");
        }
    }

    /// <summary>Queues a batch for writing (no-op when empty).</summary>
    public void Send(RowBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        _stop.Token.ThrowIfCancellationRequested();
        _full.Add(batch);
    }

    /// <summary>No more batches: the writer finishes what is queued.</summary>
    public void Complete() => _full.CompleteAdding();

    /// <summary>Stops the writer without writing what is queued (the read failed).</summary>
    public void Abort()
    {
        _stop.Cancel();
        _full.CompleteAdding();
    }

    /// <summary>Waits for the writer to stop; its error, or null.</summary>
    public async Task<Exception?> WaitAsync()
    {
        try
        {
            await _writer.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private void Drain(Action<RowBatch> write)
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable(_stop.Token))
            {
                write(batch);
                batch.Count = 0;
                batch.Bytes = 0;
                batch.Slot.FreeBatches.Add(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Aborted: the reader's error (or the caller's cancellation) is the one reported.
        }
        catch
        {
            _stop.Cancel(); // wake a reader waiting for a free batch
            throw;
        }
    }

    public void Dispose()
    {
        _full.Dispose();
        _stop.Dispose();
    }
}
