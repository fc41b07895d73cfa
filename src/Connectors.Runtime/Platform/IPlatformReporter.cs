using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>A heartbeat: the process is alive, with its operating status and health.</summary>
/// <param name="EmittedAt">When it was sent.</param>
/// <param name="Sequence">1 for the first heartbeat of the process, then 2, 3, …</param>
/// <param name="OperatingStatus">RUNNING or IDLE.</param>
/// <param name="Health">The health now.</param>
/// <param name="Uptime">How long the process has served.</param>
public sealed record Heartbeat(DateTimeOffset EmittedAt, long Sequence, OperatingStatus OperatingStatus, HealthReport Health, TimeSpan Uptime);

/// <summary>The metrics at one moment.</summary>
/// <param name="EmittedAt">When they were read.</param>
/// <param name="Values">Every metric, by name.</param>
public sealed record MetricsReport(DateTimeOffset EmittedAt, IReadOnlyList<MetricValue> Values);

/// <summary>
/// Where the host sends what a long-running connector reports: heartbeats, health changes, metrics and handed-off files.
/// The command host writes them as report lines on its own stdout (docs/platform-services.md); the HTTP platform posts
/// them to its API. Calls come from one background task, in order, never from connector code's thread.
/// </summary>
public interface IPlatformReporter
{
    /// <summary>Reports a heartbeat.</summary>
    ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Reports a change of health.</summary>
    ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken);

    /// <summary>Reports the metrics.</summary>
    ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken);

    /// <summary>Reports a file handed off.</summary>
    ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken);
}
