using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Tests.Support;

/// <summary>Local platform services over a temp data directory, with a reporter that keeps what it is given.</summary>
internal static class TestPlatform
{
    public static PlatformServices Create(string dataDirectory, IPlatformReporter? reporter = null, SecretMasker? masker = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["CONNECTOR_DATA_DIR"] = dataDirectory };
        var env = PlatformEnvironment.From("test", n => variables.TryGetValue(n, out var v) ? v : null, masker);
        return PlatformServices.CreateLocal(env, reporter ?? new RecordingReporter(), masker ?? new SecretMasker(),
            new ConnectorLogs(new LogLevelSwitch(LogLevel.Information), new LogShipper(100, TimeSpan.FromHours(1))));
    }
}

/// <summary>Keeps every report, in order.</summary>
internal sealed class RecordingReporter : IPlatformReporter
{
    private readonly List<object> _reports = new();

    public IReadOnlyList<object> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToArray();
            }
        }
    }

    public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Add(heartbeat);

    public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) => Add(health);

    public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) => Add(metrics);

    public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) => Add(file);

    private ValueTask Add(object report)
    {
        lock (_reports)
        {
            _reports.Add(report);
        }
        return ValueTask.CompletedTask;
    }
}
