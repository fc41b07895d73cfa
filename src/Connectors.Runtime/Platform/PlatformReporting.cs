using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Platform;

/// <summary>
/// Sends a long-running connector's reports from one background task, in order: a heartbeat every heartbeat interval
/// (the first at once), the metrics every metrics interval (and a last time at stop), each health change as it happens,
/// and each handed-off file. A reporter that throws is logged and does not stop the others.
/// </summary>
internal sealed class PlatformReporting : IAsyncDisposable
{
    private readonly PlatformServices _services;
    private readonly Func<OperatingStatus> _status;
    private readonly ILogger _log;
    private readonly Channel<Func<CancellationToken, ValueTask>> _queue = Channel.CreateUnbounded<Func<CancellationToken, ValueTask>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private Task? _sender;
    private Task? _heartbeats;
    private Task? _metrics;
    private long _sequence;

    public PlatformReporting(PlatformServices services, Func<OperatingStatus> status, ILogger log)
    {
        _services = services;
        _status = status;
        _log = log;
    }

    public void Start()
    {
        _sender = Task.Run(SendAsync);
        _services.Health.Changed += OnHealthChanged;
        if (_services.Health.Current is { Status: not HealthStatus.Healthy } unwell)
        {
            // Set during start-up (a start hook that failed), before anything listened: reported now, before the first heartbeat.
            OnHealthChanged(unwell);
        }
        _services.FileReports = ReportFileAsync;
        _heartbeats = Task.Run(() => EveryAsync(_services.Environment.HeartbeatInterval, immediately: true, QueueHeartbeat));
        _metrics = Task.Run(() => EveryAsync(_services.Environment.MetricsInterval, immediately: false, QueueMetrics));
        _log.LogDebug("Reporting a heartbeat every {Heartbeat} s and metrics every {Metrics} s.", _services.Environment.HeartbeatInterval.TotalSeconds,
            _services.Environment.MetricsInterval.TotalSeconds);
    }

    /// <summary>Reports the metrics a last time, sends what is queued, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sender is null)
        {
            return;
        }
        _services.Health.Changed -= OnHealthChanged;
        _services.FileReports = null;
        _stop.Cancel();
        await Task.WhenAll(_heartbeats!, _metrics!).ConfigureAwait(false);
        QueueMetrics();
        _queue.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
    }

    private void OnHealthChanged(HealthReport health) =>
        _queue.Writer.TryWrite(ct => _services.Reporter.ReportHealthAsync(health, ct));

    private async ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(async ct =>
            {
                try
                {
                    await _services.Reporter.ReportFileAsync(file, ct).ConfigureAwait(false);
                }
                finally
                {
                    written.TrySetResult();
                }
            }))
        {
            await _services.Reporter.ReportFileAsync(file, cancellationToken).ConfigureAwait(false);
            return;
        }
        await written.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void QueueHeartbeat()
    {
        var heartbeat = new Heartbeat(DateTimeOffset.UtcNow, Interlocked.Increment(ref _sequence), _status(), _services.Health.Current, _uptime.Elapsed);
        _queue.Writer.TryWrite(ct => _services.Reporter.ReportHeartbeatAsync(heartbeat, ct));
    }

    private void QueueMetrics() =>
        _queue.Writer.TryWrite(ct => _services.Reporter.ReportMetricsAsync(new MetricsReport(DateTimeOffset.UtcNow, _services.Metrics.Snapshot()), ct));

    private async Task EveryAsync(TimeSpan interval, bool immediately, Action queue)
    {
        if (immediately)
        {
            queue();
        }
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                queue();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync()
    {
        await foreach (var report in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await report(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Protocol.OutputClosedException)
            {
                return;
            }
            catch (Exception ex)
            {
                _log.LogWarning("A platform report could not be sent: {Problem}", ex.Message);
            }
        }
    }
}
