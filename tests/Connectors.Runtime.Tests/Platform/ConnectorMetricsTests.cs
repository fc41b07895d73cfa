using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Runtime.CompilerServices;
using Connectors.Runtime.Platform;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class ConnectorMetricsTests
{
    [Fact]
    public void Counters_report_their_totals_gauges_their_last_value_and_histograms_count_and_sum()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
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
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
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
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        using var other = new System.Diagnostics.Metrics.Meter("someone-else");
        other.CreateCounter<long>("not_mine").Add(1);

        Assert.DoesNotContain(metrics.Snapshot(), m => m.Name == "not_mine");
    }

    [Fact]
    public void Counters_of_every_measurement_type_add_up_and_up_down_counters_go_down()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        var meter = metrics.Meter;
        meter.CreateCounter<int>("ints").Add(2);
        meter.CreateCounter<int>("ints").Add(3);
        meter.CreateCounter<short>("shorts").Add(4);
        meter.CreateCounter<byte>("bytes").Add(5);
        meter.CreateCounter<float>("floats").Add(0.5f);
        meter.CreateCounter<decimal>("decimals").Add(1.25m);
        var balance = meter.CreateUpDownCounter<long>("balance");
        balance.Add(10);
        balance.Add(-4);
        var sizes = meter.CreateHistogram<int>("sizes", "By");
        sizes.Record(100);
        sizes.Record(20);
        sizes.Record(3);

        var snapshot = metrics.Snapshot().Where(m => !m.Name.StartsWith("process.", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                new MetricValue("balance", "counter", 6, null),
                new MetricValue("bytes", "counter", 5, null),
                new MetricValue("decimals", "counter", 1.25, null),
                new MetricValue("floats", "counter", 0.5, null),
                new MetricValue("ints", "counter", 5, null),
                new MetricValue("shorts", "counter", 4, null),
                new MetricValue("sizes", "histogram", 123, "By", 3),
            ],
            snapshot);
    }

    [Fact]
    public void Observable_counters_report_the_total_they_observe_and_observable_gauges_their_reading()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        long total = 5;
        double reading = 1.5;
        metrics.Meter.CreateObservableCounter("bytes_read", () => total, "By");
        metrics.Meter.CreateObservableUpDownCounter("open_files", () => (int)total - 3);
        metrics.Meter.CreateObservableGauge("temperature", () => reading);

        metrics.Snapshot();
        total = 8;
        reading = -2;
        var snapshot = metrics.Snapshot().ToDictionary(m => m.Name);

        Assert.Equal(new MetricValue("bytes_read", "counter", 8, "By"), snapshot["bytes_read"]);
        Assert.Equal(new MetricValue("open_files", "counter", 5, null), snapshot["open_files"]);
        Assert.Equal(new MetricValue("temperature", "gauge", -2, null), snapshot["temperature"]);
    }

    [Fact]
    public void The_meter_is_named_after_the_connector_for_exporters_to_find()
    {
        var name = "metrics-test-" + Guid.NewGuid().ToString("N");
        using var metrics = new ConnectorMetrics(name);

        Assert.Equal("Connectors." + name, metrics.Meter.Name);
    }

    [Fact]
    public void The_process_instruments_carry_their_units_and_a_description_for_exporters()
    {
        using var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        var described = new Dictionary<string, string?>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    described[instrument.Name] = instrument.Description;
                }
            };
            listener.Start();
        }

        var snapshot = metrics.Snapshot().ToDictionary(m => m.Name);

        Assert.Equal("By", snapshot["process.memory.bytes"].Unit);
        Assert.Equal("s", snapshot["process.cpu.seconds"].Unit);
        Assert.Equal(["process.cpu.seconds", "process.memory.bytes"], described.Keys.Order());
        Assert.All(described.Values, d => Assert.False(string.IsNullOrWhiteSpace(d)));
    }

    [Fact]
    public void Disposing_ends_the_instruments_for_every_listener()
    {
        var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        metrics.Counter("files_ingested").Add(1);
        var completed = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) => completed.Add(instrument.Name),
        };
        listener.Start();

        metrics.Dispose();

        Assert.Equal(["files_ingested", "process.cpu.seconds", "process.memory.bytes"], completed.Order());
    }

    [Fact]
    public void A_disposed_ConnectorMetrics_is_released_not_kept_by_a_listener_or_the_meter_list()
    {
        var meter = DisposedMeter();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(meter.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DisposedMeter()
    {
        var metrics = new ConnectorMetrics("metrics-test-" + Guid.NewGuid().ToString("N"));
        metrics.Counter("files_ingested").Add(1);
        metrics.SetGauge("queue_depth", 2);
        metrics.Snapshot();
        metrics.Dispose();
        return new WeakReference(metrics.Meter);
    }
}
