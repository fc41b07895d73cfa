using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>
/// What a long-running connector reports to its platform, and in which order: a heartbeat at once and then every
/// interval, each health change as it happens, handed-off files (the caller waits until its file is reported), the
/// metrics a last time at stop; a reporter that fails is logged and the others still go, a closed output stops it.
/// Intervals are an hour unless a test needs repeats, so what is sent does not depend on timing.
/// </summary>
public sealed class PlatformReportingTests : IDisposable
{
    private readonly TempDir _folder = new();
    private readonly ListLogger _log = new();

    public void Dispose() => _folder.Dispose();

    private PlatformServices Services(IPlatformReporter reporter, double heartbeatSeconds = 3600, double metricsSeconds = 7200) =>
        TestPlatform.Create(_folder.Path, reporter, environment: new Dictionary<string, string>
        {
            ["HEARTBEAT_INTERVAL_SECONDS"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["METRICS_INTERVAL_SECONDS"] = metricsSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private PlatformReporting Reporting(PlatformServices services, OperatingStatus status = OperatingStatus.Running) =>
        new(services, () => status, _log);

    private static HandedOffFile File(string id) =>
        new(id, "target.csv", "/outbox/" + id, 3, "abc", null, "text/csv", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_heartbeat_goes_at_once_and_the_metrics_a_last_time_at_stop()
    {
        var reporter = new RecordingReporter();
        await using var services = Services(reporter);
        var reporting = Reporting(services, OperatingStatus.Idle);
        var before = DateTimeOffset.UtcNow;

        reporting.Start();
        services.Metrics.SetGauge("queue_depth", 7);
        await reporting.DisposeAsync();

        Assert.Collection(reporter.Reports,
            report =>
            {
                var heartbeat = Assert.IsType<Heartbeat>(report);
                Assert.Equal(1, heartbeat.Sequence);
                Assert.Equal(OperatingStatus.Idle, heartbeat.OperatingStatus);
                Assert.Same(services.Health.Current, heartbeat.Health);
                Assert.InRange(heartbeat.EmittedAt, before, DateTimeOffset.UtcNow);
                Assert.True(heartbeat.Uptime >= TimeSpan.Zero);
            },
            report =>
            {
                var metrics = Assert.IsType<MetricsReport>(report);
                Assert.Contains(new MetricValue("queue_depth", "gauge", 7, null), metrics.Values);
                Assert.InRange(metrics.EmittedAt, before, DateTimeOffset.UtcNow);
            });
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Debug && e.Message == "Reporting a heartbeat every 3600 s and metrics every 7200 s.");
    }

    [Fact]
    public async Task Heartbeats_repeat_every_interval_numbered_one_after_another()
    {
        var reporter = new SignallingReporter(reports => reports.OfType<Heartbeat>().Count() >= 3);
        await using var services = Services(reporter, heartbeatSeconds: 0.01);
        var reporting = Reporting(services);

        reporting.Start();
        await reporter.Signalled.WaitAsync(TimeSpan.FromMinutes(1));
        await reporting.DisposeAsync();

        var heartbeats = reporter.Reports.OfType<Heartbeat>().ToList();
        Assert.Equal(Enumerable.Range(1, heartbeats.Count).Select(i => (long)i), heartbeats.Select(h => h.Sequence));
        // The metrics interval (two hours) never came round: only the last report at stop.
        Assert.IsType<MetricsReport>(Assert.Single(reporter.Reports, r => r is MetricsReport));
        Assert.IsType<MetricsReport>(reporter.Reports[^1]);
    }

    [Fact]
    public async Task Metrics_repeat_every_interval_too()
    {
        var reporter = new SignallingReporter(reports => reports.OfType<MetricsReport>().Count() >= 2);
        await using var services = Services(reporter, metricsSeconds: 0.01);
        var reporting = Reporting(services);

        reporting.Start();
        await reporter.Signalled.WaitAsync(TimeSpan.FromMinutes(1));
        await reporting.DisposeAsync();

        Assert.Single(reporter.Reports.OfType<Heartbeat>());
        Assert.True(reporter.Reports.OfType<MetricsReport>().Count() >= 3);
    }

    [Fact]
    public async Task A_health_change_is_reported_as_it_happens_and_not_after_stop()
    {
        var reporter = new SignallingReporter(reports => reports.OfType<HealthReport>().Any());
        await using var services = Services(reporter);
        var reporting = Reporting(services);
        reporting.Start();

        services.Health.Warning("disk almost full");
        await reporter.Signalled.WaitAsync(TimeSpan.FromMinutes(1));
        await reporting.DisposeAsync();
        services.Health.Error("after stop");

        var health = Assert.Single(reporter.Reports.OfType<HealthReport>());
        Assert.Equal((HealthStatus.Warning, "disk almost full"), (health.Status, health.Message));
        Assert.IsType<MetricsReport>(reporter.Reports[^1]);
    }

    [Fact]
    public async Task A_health_set_before_start_is_reported_before_the_first_heartbeat()
    {
        var reporter = new RecordingReporter();
        await using var services = Services(reporter);
        services.Health.SetByHost(HealthStatus.Error, "The connector could not start RUNNING: boom");
        var reporting = Reporting(services);

        reporting.Start();
        await reporting.DisposeAsync();

        Assert.Collection(reporter.Reports,
            report => Assert.Equal("The connector could not start RUNNING: boom", Assert.IsType<HealthReport>(report).Message),
            report => Assert.Equal(HealthStatus.Error, Assert.IsType<Heartbeat>(report).Health.Status),
            report => Assert.IsType<MetricsReport>(report));
    }

    [Fact]
    public async Task A_handed_off_file_is_reported_in_turn_and_its_caller_waits_until_it_is()
    {
        var reporter = new GatedFileReporter();
        await using var services = Services(reporter);
        var reporting = Reporting(services);
        reporting.Start();

        var handOff = services.ReportFileAsync(File("f1"), CancellationToken.None).AsTask();
        await reporter.FileStarted.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(handOff.IsCompleted);
        reporter.Release();
        await handOff.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["f1"], reporter.Files);
        await reporting.DisposeAsync();
        Assert.Null(services.FileReports);
    }

    [Fact]
    public async Task A_file_handed_off_while_reporting_stops_goes_straight_to_the_reporter()
    {
        var reporter = new RecordingReporter();
        await using var services = Services(reporter);
        var reporting = Reporting(services);
        reporting.Start();
        var route = services.FileReports!;
        await reporting.DisposeAsync();

        await route(File("late"), CancellationToken.None);

        Assert.Equal("late", Assert.IsType<HandedOffFile>(reporter.Reports[^1]).FileId);
    }

    [Fact]
    public async Task A_failing_report_is_logged_and_the_next_one_still_goes()
    {
        var reporter = new FailingReporter(new HttpRequestException("platform down"));
        await using var services = Services(reporter);
        var reporting = Reporting(services);

        reporting.Start();
        await reporting.DisposeAsync();

        Assert.Equal(["heartbeat", "metrics"], reporter.Attempts);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message == "A platform report could not be sent: platform down");
    }

    [Fact]
    public async Task A_closed_output_stops_the_reports()
    {
        var reporter = new FailingReporter(new OutputClosedException());
        await using var services = Services(reporter);
        var reporting = Reporting(services);

        reporting.Start();
        await reporting.DisposeAsync();

        Assert.Equal(["heartbeat"], reporter.Attempts);
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Stopping_reporting_that_never_started_reports_nothing()
    {
        var reporter = new RecordingReporter();
        await using var services = Services(reporter);

        await Reporting(services).DisposeAsync();

        Assert.Empty(reporter.Reports);
    }

    /// <summary>Keeps every report and completes <see cref="Signalled"/> once the reports so far satisfy a condition.</summary>
    private sealed class SignallingReporter(Func<IReadOnlyList<object>, bool> condition) : IPlatformReporter
    {
        private readonly RecordingReporter _inner = new();
        private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Signalled => _signalled.Task;

        public IReadOnlyList<object> Reports => _inner.Reports;

        public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Check(_inner.ReportHeartbeatAsync(heartbeat, cancellationToken));

        public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) => Check(_inner.ReportHealthAsync(health, cancellationToken));

        public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) => Check(_inner.ReportMetricsAsync(metrics, cancellationToken));

        public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) => Check(_inner.ReportFileAsync(file, cancellationToken));

        private ValueTask Check(ValueTask added)
        {
            if (condition(_inner.Reports))
            {
                _signalled.TrySetResult();
            }
            return added;
        }
    }

    /// <summary>Holds each file report until released.</summary>
    private sealed class GatedFileReporter : IPlatformReporter
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Files { get; } = new();

        public Task FileStarted => _started.Task;

        public void Release() => _released.TrySetResult();

        public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => default;

        public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) => default;

        public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) => default;

        public async ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await _released.Task;
            Files.Add(file.FileId);
        }
    }

    /// <summary>Throws the given exception from every report, noting what was attempted.</summary>
    private sealed class FailingReporter(Exception failure) : IPlatformReporter
    {
        public List<string> Attempts { get; } = new();

        public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Fail("heartbeat");

        public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) => Fail("health");

        public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) => Fail("metrics");

        public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) => Fail("file");

        private ValueTask Fail(string what)
        {
            lock (Attempts)
            {
                Attempts.Add(what);
            }
            return ValueTask.FromException(failure);
        }
    }
}
