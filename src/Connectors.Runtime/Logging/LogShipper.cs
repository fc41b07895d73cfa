using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Logging;

/// <summary>
/// Buffers log entries and ships them to the sinks from a background task, as TetraScience's CloudWatch reporter does:
/// a flush happens when the buffer reaches the batch size, when the interval passes, when the connector starts and
/// stops, and when code asks (<see cref="FlushAsync"/>). Each batch is in timestamp order. Entries logged before any
/// sink is added wait in the buffer (up to <see cref="MaxBuffered"/>; beyond it the oldest are dropped and counted).
/// Each sink has its own queue: a sink that fails gets what it refused again with the next flush, merged with the new
/// entries in timestamp order, while the other sinks go on and never get an entry twice. Logging never blocks on a sink.
/// </summary>
public sealed class LogShipper : IAsyncDisposable
{
    /// <summary>The most entries held while no sink takes them.</summary>
    public const int MaxBuffered = 10_000;

    private readonly object _gate = new();
    private readonly List<LogEvent> _buffer = new();
    private readonly List<SinkQueue> _sinks = new();
    private readonly List<TaskCompletionSource> _flushWaiters = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter? _problems;
    private Task? _loop;
    private long _dropped;
    private bool _discarding;

    /// <param name="batchSize">Entries that trigger a flush.</param>
    /// <param name="interval">The longest an entry waits before a flush.</param>
    /// <param name="problems">Where a failing sink is reported (stderr), never through the logger itself.</param>
    public LogShipper(int batchSize, TimeSpan interval, TextWriter? problems = null)
    {
        BatchSize = batchSize;
        Interval = interval;
        _problems = problems;
    }

    /// <summary>Entries that trigger a flush.</summary>
    public int BatchSize { get; }

    /// <summary>The longest an entry waits before a flush.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many entries were dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds a sink; entries buffered so far go to it with the next flush.</summary>
    public void AddSink(ILogShippingSink sink)
    {
        lock (_gate)
        {
            _sinks.Add(new SinkQueue(sink));
            _discarding = false;
            _loop ??= Task.Run(LoopAsync);
        }
    }

    /// <summary>True when a sink takes the entries.</summary>
    public bool HasSinks
    {
        get
        {
            lock (_gate)
            {
                return _sinks.Count > 0;
            }
        }
    }

    /// <summary>Buffers one entry (any thread; cheap).</summary>
    public void Enqueue(LogEvent entry)
    {
        bool full;
        lock (_gate)
        {
            if (_discarding)
            {
                return;
            }
            _buffer.Add(entry);
            if (_buffer.Count > MaxBuffered)
            {
                _buffer.RemoveAt(0);
                Interlocked.Increment(ref _dropped);
            }
            full = _buffer.Count >= BatchSize && _sinks.Count > 0;
        }
        if (full)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Start-up is over: without a sink, stop holding entries (nothing would ship them); with one, flush (the start flush).
    /// </summary>
    public Task StartedAsync()
    {
        lock (_gate)
        {
            if (_sinks.Count == 0)
            {
                _discarding = true;
                _buffer.Clear();
                return Task.CompletedTask;
            }
        }
        return FlushAsync();
    }

    /// <summary>Ships everything buffered now; completes when it has been shipped (or at once without a sink).</summary>
    public Task FlushAsync()
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_sinks.Count == 0 || _stop.IsCancellationRequested)
            {
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add(waiter);
        }
        _wake.Release();
        return waiter.Task;
    }

    /// <summary>Flushes what is left and stops the background task.</summary>
    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        _stop.Cancel();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await ShipBufferedAsync().ConfigureAwait(false);
        }
    }

    private async Task ShipBufferedAsync()
    {
        List<LogEvent> batch;
        SinkQueue[] sinks;
        TaskCompletionSource[] waiters;
        lock (_gate)
        {
            batch = new List<LogEvent>(_buffer);
            _buffer.Clear();
            sinks = _sinks.ToArray();
            waiters = _flushWaiters.ToArray();
            _flushWaiters.Clear();
        }
        foreach (var sink in sinks)
        {
            await ShipToAsync(sink, batch).ConfigureAwait(false);
        }
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>
    /// Offers one sink what it still owes plus the new entries, in timestamp order, in batches of at most
    /// <see cref="BatchSize"/>; what a batch that throws (and every later batch) holds stays in that sink's queue.
    /// </summary>
    private async Task ShipToAsync(SinkQueue queue, List<LogEvent> batch)
    {
        // Only this background task touches a sink's queue, so it needs no lock.
        queue.Pending.AddRange(batch);
        if (queue.Pending.Count == 0)
        {
            return;
        }
        // Stable: entries with the same timestamp keep the order they were logged (or first offered) in.
        var ordered = queue.Pending.OrderBy(e => e.Timestamp).ToList();
        queue.Pending.Clear();
        var shipped = 0;
        try
        {
            while (shipped < ordered.Count)
            {
                var count = Math.Min(BatchSize, ordered.Count - shipped);
                await queue.Sink.ShipAsync(ordered.GetRange(shipped, count), CancellationToken.None).ConfigureAwait(false);
                shipped += count;
            }
        }
        catch (Exception ex)
        {
            var kept = ordered.Count - shipped;
            _problems?.WriteLine($"{{\"level\":\"error\",\"message\":\"Shipping {kept} log entries failed; they are kept for the next flush: {Escape(ex.Message)}\",\"extra\":{{\"context\":\"log-shipping\"}}}}");
            // Keep the newest MaxBuffered; older ones are dropped and counted, as a full buffer does.
            var skip = Math.Max(shipped, ordered.Count - MaxBuffered);
            Interlocked.Add(ref _dropped, skip - shipped);
            queue.Pending.AddRange(ordered.Skip(skip));
        }
    }

    /// <summary>A sink and the entries it has not taken yet.</summary>
    private sealed class SinkQueue(ILogShippingSink sink)
    {
        public ILogShippingSink Sink { get; } = sink;

        public List<LogEvent> Pending { get; } = new();
    }

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
}
