using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class WireReporterTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_report_is_one_masked_line_named_by_its_kind()
    {
        var output = new MemoryStream();
        var lines = new JsonLineWriter(output);
        var masker = new SecretMasker();
        masker.Add("hunter2-secret");
        var reporter = new WireReporter(lines, masker, "instrument", "c-1");

        await reporter.ReportHeartbeatAsync(new Heartbeat(At, 3, OperatingStatus.Running, new HealthReport(HealthStatus.Warning, "x", At),
            TimeSpan.FromSeconds(12.5)), CancellationToken.None);
        await reporter.ReportHealthAsync(new HealthReport(HealthStatus.Error, "login hunter2-secret refused", At), CancellationToken.None);
        await reporter.ReportMetricsAsync(new MetricsReport(At, [new MetricValue("files_ingested", "counter", 5, null)]), CancellationToken.None);
        await reporter.ReportFileAsync(new HandedOffFile("f1", "a.json", "/out/a.json", 3, "ab", "lake", "application/json",
            new Dictionary<string, string> { ["sample"] = "S-1" }, At), CancellationToken.None);

        Assert.Equal(
        [
            """{"report":"HEARTBEAT","heartbeat":{"emittedAt":"2024-05-01T09:00:00+00:00","sequence":3,"connector":"instrument","connectorId":"c-1","operatingStatus":"RUNNING","health":"WARNING","uptimeSeconds":12.5}}""",
            """{"report":"HEALTH","health":{"status":"ERROR","message":"login **** refused","since":"2024-05-01T09:00:00+00:00"}}""",
            """{"report":"METRICS","metrics":{"emittedAt":"2024-05-01T09:00:00+00:00","values":[{"name":"files_ingested","kind":"counter","value":5}]}}""",
            """{"report":"FILE","file":{"fileId":"f1","targetName":"a.json","location":"/out/a.json","bytes":3,"sha256":"ab","destinationId":"lake","contentType":"application/json","metadata":{"sample":"S-1"},"handedOffAt":"2024-05-01T09:00:00+00:00"}}""",
        ], Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_idle_heartbeat_without_an_id_and_metrics_with_units_counts_and_no_number_keep_their_shape()
    {
        var output = new MemoryStream();
        var reporter = new WireReporter(new JsonLineWriter(output), new SecretMasker(), "instrument", null);

        await reporter.ReportHeartbeatAsync(new Heartbeat(At, 1, OperatingStatus.Idle, new HealthReport(HealthStatus.Critical, null, At),
            TimeSpan.FromMilliseconds(1234.5678)), CancellationToken.None);
        await reporter.ReportMetricsAsync(new MetricsReport(At,
        [
            new MetricValue("latency", "histogram", 40.5, "ms", 2),
            new MetricValue("ratio", "gauge", double.NaN, null),
            new MetricValue("rate", "gauge", double.PositiveInfinity, "1/s"),
        ]), CancellationToken.None);

        Assert.Equal(
        [
            """{"report":"HEARTBEAT","heartbeat":{"emittedAt":"2024-05-01T09:00:00+00:00","sequence":1,"connector":"instrument","connectorId":null,"operatingStatus":"IDLE","health":"CRITICAL","uptimeSeconds":1.235}}""",
            """{"report":"METRICS","metrics":{"emittedAt":"2024-05-01T09:00:00+00:00","values":[{"name":"latency","kind":"histogram","value":40.5,"unit":"ms","count":2},{"name":"ratio","kind":"gauge","value":null},{"name":"rate","kind":"gauge","value":null,"unit":"1/s"}]}}""",
        ], Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n'));
    }
}
