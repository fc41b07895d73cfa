using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>A slice of a date-time cursor: records whose cursor is after <see cref="Start"/> and at most <see cref="End"/>.</summary>
/// <param name="Start">Exclusive lower bound (the previous window's end, or the sync's start).</param>
/// <param name="End">Inclusive upper bound.</param>
public readonly record struct DateWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>True when <paramref name="cursor"/> lies in the window.</summary>
    public bool Contains(DateTimeOffset cursor) => cursor > Start && cursor <= End;
}

/// <summary>
/// An incremental read sliced into date windows (a day each, say), read in order, with a checkpoint after each window,
/// so a failed sync resumes from the last finished window. Windows may be fetched concurrently; their records are still
/// emitted window by window.
/// </summary>
public sealed class DateWindows
{
    private DateWindows(IReadOnlyList<DateWindow> windows) => Windows = windows;

    /// <summary>The windows, oldest first.</summary>
    public IReadOnlyList<DateWindow> Windows { get; }

    /// <summary>
    /// The windows of an incremental read: from the saved cursor (<paramref name="since"/>) minus
    /// <paramref name="lookback"/>, or from <paramref name="startDate"/> on the first sync, never before
    /// <paramref name="startDate"/>, to <paramref name="end"/> (now), in steps of <paramref name="step"/>.
    /// </summary>
    /// <param name="since">The cursor saved by the previous sync, as the stream method receives it.</param>
    /// <param name="startDate">The earliest date to read (a config property).</param>
    /// <param name="step">The width of a window.</param>
    /// <param name="end">The end of the last window: usually the time the sync started.</param>
    /// <param name="lookback">
    /// How far before the saved cursor to read again, for APIs whose records show up late: records in the lookback are
    /// emitted again (dedupe them by primary key downstream).
    /// </param>
    public static DateWindows Incremental(DateTimeOffset? since, DateTimeOffset startDate, TimeSpan step, DateTimeOffset end, TimeSpan lookback = default)
    {
        var from = since is { } saved ? saved - lookback : startDate;
        return Between(from < startDate ? startDate : from, end, step);
    }

    /// <summary>Windows of <paramref name="step"/> from <paramref name="start"/> (exclusive) to <paramref name="end"/> (inclusive); the last may be shorter.</summary>
    public static DateWindows Between(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "A window must be longer than zero.");
        }
        var windows = new List<DateWindow>();
        for (var from = start; from < end; from += step)
        {
            windows.Add(new DateWindow(from, end - from > step ? from + step : end));
        }
        return new DateWindows(windows);
    }

    /// <summary>
    /// Reads each window with <paramref name="read"/>, up to <paramref name="maxConcurrency"/> windows at a time, and
    /// yields their records window by window; after the last record of each window it calls
    /// <see cref="StreamContext.Checkpoint"/>. With <paramref name="cursor"/>, records outside their window are dropped
    /// (APIs whose date filters are coarser than the window), which is what makes the checkpoint safe: every record up
    /// to the greatest cursor emitted has then been emitted.
    /// </summary>
    public HttpRecords<TRecord> Read<TRecord>(StreamContext context, Func<DateWindow, IAsyncEnumerable<TRecord>> read, int maxConcurrency = 1,
        Func<TRecord, DateTimeOffset?>? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        Func<DateWindow, IAsyncEnumerable<TRecord>> inWindow = cursor is null ? read : window => Within(read(window), window, cursor);
        return new(maxConcurrency == 1 ? Sequential(context, inWindow) : Ahead(context, inWindow, maxConcurrency));
    }

    private async IAsyncEnumerable<TRecord> Sequential<TRecord>(StreamContext context, Func<DateWindow, IAsyncEnumerable<TRecord>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var window in Windows)
        {
            await foreach (var record in read(window).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
            context.Checkpoint();
        }
    }

    // Up to maxConcurrency windows are fetched at once, each into its own buffer; the oldest is drained as it arrives,
    // so records leave in window order and the checkpoint after a window is safe whatever order the fetches finish in.
    private async IAsyncEnumerable<TRecord> Ahead<TRecord>(StreamContext context, Func<DateWindow, IAsyncEnumerable<TRecord>> read,
        int maxConcurrency, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<(Channel<TRecord> Buffer, Task Fetch)>();
        var next = 0;
        try
        {
            while (next < Windows.Count && pending.Count < maxConcurrency)
            {
                pending.Enqueue(Start(Windows[next++]));
            }
            while (pending.Count > 0)
            {
                var (buffer, fetch) = pending.Peek();
                await foreach (var record in buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return record;
                }
                await fetch.ConfigureAwait(false);
                pending.Dequeue();
                context.Checkpoint();
                if (next < Windows.Count)
                {
                    pending.Enqueue(Start(Windows[next++]));
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var (_, fetch) in pending)
            {
                try
                {
                    await fetch.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Stopped because an earlier window failed or the read was cancelled.
                }
            }
        }

        (Channel<TRecord>, Task) Start(DateWindow window)
        {
            var buffer = Channel.CreateUnbounded<TRecord>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            return (buffer, FetchAsync(window, buffer.Writer));
        }

        async Task FetchAsync(DateWindow window, ChannelWriter<TRecord> writer)
        {
            try
            {
                await foreach (var record in read(window).WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    writer.TryWrite(record);
                }
            }
            finally
            {
                // Closed without an error: the reader awaits this task after draining, which rethrows the failure.
                writer.TryComplete();
            }
        }
    }

    private static async IAsyncEnumerable<TRecord> Within<TRecord>(IAsyncEnumerable<TRecord> records, DateWindow window,
        Func<TRecord, DateTimeOffset?> cursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (cursor(record) is { } value && window.Contains(value))
            {
                yield return record;
            }
        }
    }
}
