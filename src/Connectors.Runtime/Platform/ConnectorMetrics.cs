using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Runtime.Platform;

/// <summary>One metric as reported: a counter's total, a gauge's last value, a histogram's count and sum.</summary>
/// <param name="Name">The instrument's name.</param>
/// <param name="Kind"><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</param>
/// <param name="Value">The total (counter), the last value (gauge) or the sum (histogram).</param>
/// <param name="Unit">The instrument's unit, if it has one.</param>
/// <param name="Count">How many values a histogram recorded (null for the other kinds).</param>
public sealed record MetricValue(string Name, string Kind, double Value, string? Unit, long? Count = null);

/// <summary>
/// The connector's metrics, on <see cref="System.Diagnostics.Metrics"/>: counters and gauges made here (or any instrument
/// made on <see cref="Meter"/>) are collected by the host and reported periodically, and any .NET exporter
/// (OpenTelemetry, <c>dotnet-counters</c>) can listen to the same meter, named <c>Connectors.&lt;connector name&gt;</c>.
/// The host adds <c>process.memory.bytes</c> and <c>process.cpu.seconds</c>, as TetraScience's SDK reports memory and CPU.
/// </summary>
public sealed class ConnectorMetrics : IDisposable
{
    private readonly Dictionary<string, Counter<long>> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GaugeValue> _gauges = new(StringComparer.Ordinal);
    private readonly MetricsCollector _collector;

    internal ConnectorMetrics(string connectorName)
    {
        Meter = new Meter("Connectors." + connectorName);
        _collector = new MetricsCollector(Meter);
        Meter.CreateObservableGauge("process.memory.bytes", () => (double)Environment.WorkingSet, "By", "The process's working set.");
        Meter.CreateObservableCounter("process.cpu.seconds", () => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, "s",
            "CPU time the process has used.");
    }

    /// <summary>The meter every instrument of the connector lives on.</summary>
    public Meter Meter { get; }

    /// <summary>The counter of that name (made on first use): add to it as things happen (files ingested, bytes, errors).</summary>
    public Counter<long> Counter(string name, string? unit = null, string? description = null)
    {
        lock (_counters)
        {
            if (!_counters.TryGetValue(name, out var counter))
            {
                counter = _counters[name] = Meter.CreateCounter<long>(name, unit, description);
            }
            return counter;
        }
    }

    /// <summary>Sets the gauge of that name (made on first use) to a value that goes up and down (queue depth).</summary>
    public void SetGauge(string name, double value, string? unit = null, string? description = null)
    {
        GaugeValue gauge;
        lock (_gauges)
        {
            if (!_gauges.TryGetValue(name, out gauge!))
            {
                gauge = _gauges[name] = new GaugeValue();
                var held = gauge;
                Meter.CreateObservableGauge(name, () => held.Value, unit, description);
            }
        }
        gauge.Value = value;
    }

    /// <summary>Every metric now, by name.</summary>
    public IReadOnlyList<MetricValue> Snapshot() => _collector.Snapshot();

    /// <inheritdoc />
    public void Dispose()
    {
        _collector.Dispose();
        Meter.Dispose();
    }

    private sealed class GaugeValue
    {
        private double _value;

        public double Value
        {
            get => System.Threading.Volatile.Read(ref _value);
            set => System.Threading.Volatile.Write(ref _value, value);
        }
    }
}
