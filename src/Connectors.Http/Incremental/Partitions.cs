using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>Reads the partitions of a stream (a parent stream's records, say) with a bounded number in flight.</summary>
public static class Partitions
{
    /// <summary>
    /// For each partition, reads <paramref name="read"/>'s records, at most <paramref name="maxConcurrency"/> partitions
    /// at a time, and yields the records as they arrive (partitions interleave). The first failure cancels the other
    /// partitions and is rethrown. Because records of different partitions interleave, a stream read this way is
    /// checkpointed at its end (do not declare it <c>SortedByCursor</c>); its final state, the greatest cursor, is safe
    /// since every partition was read.
    /// </summary>
    public static HttpRecords<TRecord> ReadPartitions<TPartition, TRecord>(this IAsyncEnumerable<TPartition> partitions, int maxConcurrency,
        Func<TPartition, IAsyncEnumerable<TRecord>> read)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        return new(maxConcurrency == 1 ? Sequential(partitions, read) : Concurrent(partitions, maxConcurrency, read));
    }

    private static async IAsyncEnumerable<TRecord> Sequential<TPartition, TRecord>(IAsyncEnumerable<TPartition> partitions,
        Func<TPartition, IAsyncEnumerable<TRecord>> read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var partition in partitions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var record in read(partition).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<TRecord> Concurrent<TPartition, TRecord>(IAsyncEnumerable<TPartition> partitions, int maxConcurrency,
        Func<TPartition, IAsyncEnumerable<TRecord>> read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Bounded: a slow consumer (the runtime writing records) holds the partitions back instead of buffering them all.
        var channel = Channel.CreateBounded<TRecord>(new BoundedChannelOptions(Math.Max(256, maxConcurrency * 64))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(partitions, maxConcurrency, read, channel.Writer, stop.Token);
        try
        {
            await foreach (var record in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
            // The channel closes without an error; the producer rethrows the first failure itself.
            await producer.ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already surfaced through the channel, or the consumer stopped early.
            }
        }
    }

    private static async Task ProduceAsync<TPartition, TRecord>(IAsyncEnumerable<TPartition> partitions, int maxConcurrency,
        Func<TPartition, IAsyncEnumerable<TRecord>> read, ChannelWriter<TRecord> writer, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        Exception? failure = null;
        try
        {
            await foreach (var partition in partitions.WithCancellation(failed.Token).ConfigureAwait(false))
            {
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(ReadOneAsync(partition));
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ex, null);
            failed.Cancel();
        }
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ex, null);
        }
        writer.TryComplete();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        async Task ReadOneAsync(TPartition partition)
        {
            try
            {
                await foreach (var record in read(partition).WithCancellation(failed.Token).ConfigureAwait(false))
                {
                    await writer.WriteAsync(record, failed.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !failed.IsCancellationRequested)
            {
                // The first failure stops every partition; the others' cancellations are its consequence.
                Interlocked.CompareExchange(ref failure, ex, null);
                failed.Cancel();
                throw;
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
