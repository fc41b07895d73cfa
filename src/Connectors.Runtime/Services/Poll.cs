using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Runtime;

/// <summary>
/// Runs an async function again and again: the first tick at <see cref="Start"/>, each next one <see cref="Interval"/>
/// after the previous one finished, so ticks never overlap. A tick that throws is logged and the next one still runs.
/// The interval may change while the poll runs (the pending wait is measured again against the new interval), and
/// <see cref="StopAsync"/> ends the wait at once and cancels the running tick's token.
/// </summary>
public sealed class Poll : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _tick;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private CancellationTokenSource _wake = new();
    private TimeSpan _interval;
    private Task? _loop;
    private long _ticks;

    /// <summary>Creates a poll; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="tick">The work of one tick; its token is cancelled when the poll stops.</param>
    /// <param name="interval">The time between the end of one tick and the start of the next.</param>
    /// <param name="logger">Where failed ticks are logged.</param>
    /// <param name="name">The poll's name, for logs.</param>
    public Poll(Func<CancellationToken, Task> tick, TimeSpan interval, ILogger? logger = null, string? name = null)
    {
        _tick = tick ?? throw new ArgumentNullException(nameof(tick));
        _logger = logger ?? NullLogger.Instance;
        Name = name ?? "poll";
        Interval = interval;
    }

    /// <summary>The poll's name, for logs.</summary>
    public string Name { get; }

    /// <summary>The time between the end of one tick and the start of the next (more than zero). Setting it takes effect at once.</summary>
    public TimeSpan Interval
    {
        get => _interval;
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The interval of a poll must be more than zero.");
            }
            CancellationTokenSource woken;
            lock (_gate)
            {
                _interval = value;
                woken = _wake;
                _wake = new CancellationTokenSource();
            }
            // Not disposed: the loop may be linking its token right now.
            woken.Cancel();
        }
    }

    /// <summary>The number of ticks that have finished, failed ones included.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _loop is not null && !_stop.IsCancellationRequested;

    /// <summary>Starts ticking; the first tick runs at once. Starting a running poll does nothing.</summary>
    /// <exception cref="InvalidOperationException">The poll was stopped; create a new one.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The poll '{Name}' was stopped and cannot start again; create a new one.");
            }
            _loop ??= Task.Run(RunAsync);
        }
    }

    /// <summary>Stops the poll: no further tick starts, the running tick's token is cancelled, and the task completes when it returns.</summary>
    public Task StopAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (!_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }
            loop = _loop;
        }
        return loop ?? Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await TickAsync().ConfigureAwait(false);
            var finished = Stopwatch.GetTimestamp();
            if (!await WaitAsync(finished).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task TickAsync()
    {
        try
        {
            await _tick(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped mid-tick: not a failure.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The poll {Poll} failed: {Problem} The next tick runs in {Seconds} s.", Name, ex.Message, Interval.TotalSeconds);
        }
        finally
        {
            Interlocked.Increment(ref _ticks);
        }
    }

    /// <summary>Waits until <see cref="Interval"/> after <paramref name="finished"/>; false when the poll stopped.</summary>
    private async Task<bool> WaitAsync(long finished)
    {
        while (true)
        {
            CancellationToken wake;
            TimeSpan interval;
            lock (_gate)
            {
                wake = _wake.Token;
                interval = _interval;
            }
            var remaining = interval - Stopwatch.GetElapsedTime(finished);
            if (remaining <= TimeSpan.Zero)
            {
                return !_stop.IsCancellationRequested;
            }
            using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, wake);
            try
            {
                await Task.Delay(remaining, either.Token).ConfigureAwait(false);
                return !_stop.IsCancellationRequested;
            }
            catch (OperationCanceledException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return false;
                }
                // The interval changed: measure again.
            }
        }
    }
}
