using System.Linq;
using Connectors.Runtime.Platform;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class ConnectorMetricsTests
{
    [Fact]
    public void Counters_report_their_totals_gauges_their_last_value_and_histograms_count_and_sum()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + System.Guid.NewGuid().ToString("N"));
        metrics.Counter("files_ingested").Add(2);
        metrics.Counter("files_ingested").Add(3);
        metrics.SetGauge("queue_depth", 7);
        metrics.SetGauge("queue_depth", 4);
        var latency = metrics.Meter.CreateHistogram<double>("latency", "ms");
        latency.Record(10);
        latency.Record(30);

        var snapshot = metrics.Snapshot().ToDictionary(m => m.Name);

        Assert.Equal(new MetricValue("files_ingested", "counter", 5, null), snapshot["files_ingested"]);
        Assert.Equal(new MetricValue("queue_depth", "gauge", 4, null), snapshot["queue_depth"]);
        Assert.Equal(new MetricValue("latency", "histogram", 40, "ms", 2), snapshot["latency"]);
        Assert.True(snapshot["process.memory.bytes"].Value > 0);
        Assert.Equal("counter", snapshot["process.cpu.seconds"].Kind);
    }

    [Fact]
    public void A_second_snapshot_keeps_counter_totals_and_reads_gauges_again()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + System.Guid.NewGuid().ToString("N"));
        metrics.Counter("errors").Add(1);
        metrics.SetGauge("queue_depth", 1);
        metrics.Snapshot();

        metrics.Counter("errors").Add(1);
        metrics.SetGauge("queue_depth", 9);
        var snapshot = metrics.Snapshot().ToDictionary(m => m.Name);

        Assert.Equal(2, snapshot["errors"].Value);
        Assert.Equal(9, snapshot["queue_depth"].Value);
    }

    [Fact]
    public void Instruments_of_other_meters_are_not_collected()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + System.Guid.NewGuid().ToString("N"));
        using var other = new System.Diagnostics.Metrics.Meter("someone-else");
        other.CreateCounter<long>("not_mine").Add(1);

        Assert.DoesNotContain(metrics.Snapshot(), m => m.Name == "not_mine");
    }
}
