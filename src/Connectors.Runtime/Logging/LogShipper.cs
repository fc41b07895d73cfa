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
/// Logging never blocks on a sink.
/// </summary>
public sealed class LogShipper : IAsyncDisposable
{
    /// <summary>The most entries held while no sink takes them.</summary>
    public const int MaxBuffered = 10_000;

    private readonly object _gate = new();
    private readonly List<LogEvent> _buffer = new();
    private readonly List<ILogShippingSink> _sinks = new();
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
            _sinks.Add(sink);
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
                _dropped++;
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
        ILogShippingSink[] sinks;
        TaskCompletionSource[] waiters;
        lock (_gate)
        {
            // Stable: entries with the same timestamp keep the order they were logged in.
            batch = _buffer.OrderBy(e => e.Timestamp).ToList();
            _buffer.Clear();
            sinks = _sinks.ToArray();
            waiters = _flushWaiters.ToArray();
            _flushWaiters.Clear();
        }
        var failed = false;
        if (batch.Count > 0)
        {
            foreach (var sink in sinks)
            {
                try
                {
                    for (var start = 0; start < batch.Count; start += BatchSize)
                    {
                        await sink.ShipAsync(batch.GetRange(start, Math.Min(BatchSize, batch.Count - start)), CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    failed = true;
                    _problems?.WriteLine($"{{\"level\":\"error\",\"message\":\"Shipping {batch.Count} log entries failed; they are kept for the next flush: {Escape(ex.Message)}\",\"extra\":{{\"context\":\"log-shipping\"}}}}");
                }
            }
        }
        if (failed && sinks.Length == 1)
        {
            lock (_gate)
            {
                _buffer.InsertRange(0, batch.Take(MaxBuffered - Math.Min(MaxBuffered, _buffer.Count)));
            }
        }
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
}
