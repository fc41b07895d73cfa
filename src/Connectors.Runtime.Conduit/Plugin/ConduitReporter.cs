using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin;

/// <summary>
/// The platform services' reports under Conduit, which has no report channel but the plugin's log: each is one stderr
/// line Conduit logs with fields (docs/conduit.md#health-and-metrics). Heartbeats at <c>debug</c>; health changes at
/// <c>info</c> (HEALTHY), <c>warn</c> (WARNING) or <c>error</c> (ERROR, CRITICAL); metrics and handed-off files at
/// <c>info</c>. Lines below <c>CONDUIT_CONNECTOR_LOG_LEVEL</c> are not written; every string is masked.
/// </summary>
internal sealed class ConduitReporter(ConduitLogSink sink, LogLevelSwitch level, SecretMasker masker, string module) : IPlatformReporter
{
    public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        Write(LogLevel.Debug, "heartbeat", json =>
        {
            json.WriteNumber("heartbeat.sequence", heartbeat.Sequence);
            json.WriteString("operating_status", heartbeat.OperatingStatus == OperatingStatus.Running ? "RUNNING" : "IDLE");
            json.WriteString("health", HealthStatusNames.ToText(heartbeat.Health.Status));
            json.WriteNumber("uptime_seconds", Math.Round(heartbeat.Uptime.TotalSeconds, 3));
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken)
    {
        var status = HealthStatusNames.ToText(health.Status);
        var level = health.Status switch
        {
            HealthStatus.Healthy => LogLevel.Information,
            HealthStatus.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        Write(level, health.Message is null ? $"health: {status}" : $"health: {status}: {health.Message}", json =>
        {
            json.WriteString("health", status);
            if (health.Message is not null)
            {
                json.WriteString("health_message", masker.Apply(health.Message));
            }
            json.WriteString("health_since", health.Since.ToString("O", CultureInfo.InvariantCulture));
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken)
    {
        Write(LogLevel.Information, "metrics", json =>
        {
            // One field per metric, named after it (metric.files_ingested): Conduit's log shows fields flat.
            foreach (var metric in metrics.Values)
            {
                json.WriteNumber("metric." + masker.Apply(metric.Name), metric.Value);
                if (metric.Count is { } count)
                {
                    json.WriteNumber("metric." + masker.Apply(metric.Name) + ".count", count);
                }
            }
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken)
    {
        Write(LogLevel.Information, "file handed off", json =>
        {
            json.WriteString("file_id", masker.Apply(file.FileId));
            json.WriteString("file_location", masker.Apply(file.Location));
            json.WriteNumber("file_bytes", file.Bytes);
            json.WriteString("file_sha256", file.Sha256);
        });
        return ValueTask.CompletedTask;
    }

    private void Write(LogLevel entryLevel, string message, Action<System.Text.Json.Utf8JsonWriter> fields)
    {
        if (level.IsEnabled(entryLevel))
        {
            sink.Write(entryLevel, module, message, fields);
        }
    }
}
