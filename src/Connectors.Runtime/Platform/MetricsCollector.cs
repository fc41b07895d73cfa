using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace Connectors.Runtime.Platform;

/// <summary>
/// Listens to one meter's instruments and keeps what a report needs: totals of counters, last values of gauges, count
/// and sum of histograms. Observable instruments are read when a snapshot is taken.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<Instrument, Aggregate> _values = new();
    private readonly object _gate = new();

    public MetricsCollector(Meter meter)
    {
        _meter = meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                lock (_gate)
                {
                    _values[instrument] = new Aggregate(KindOf(instrument));
                }
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<int>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<short>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<byte>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<float>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<decimal>((i, v, _, _) => Record(i, (double)v));
        _listener.Start();
    }

    public IReadOnlyList<MetricValue> Snapshot()
    {
        // Observable counters report their total and observable gauges their value: both replace what was held.
        _listener.RecordObservableInstruments();
        lock (_gate)
        {
            return _values.Select(p => p.Value.ToMetric(p.Key))
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(instrument, out var aggregate))
            {
                aggregate.Add(instrument, value);
            }
        }
    }

    // Pattern matching, not reflection: the instrument kinds for every measurement type the listener takes.
    private static string KindOf(Instrument instrument) =>
        KindOf<long>(instrument) ?? KindOf<int>(instrument) ?? KindOf<double>(instrument) ?? KindOf<float>(instrument)
        ?? KindOf<short>(instrument) ?? KindOf<byte>(instrument) ?? KindOf<decimal>(instrument) ?? "gauge";

    private static string? KindOf<T>(Instrument instrument) where T : struct => instrument switch
    {
        Histogram<T> => "histogram",
        Counter<T> or UpDownCounter<T> or ObservableCounter<T> or ObservableUpDownCounter<T> => "counter",
        _ => null,
    };

    private sealed class Aggregate(string kind)
    {
        private double _value;
        private long _count;

        public void Add(Instrument instrument, double value)
        {
            _count++;
            if (instrument.IsObservable || kind == "gauge")
            {
                // An observation is the whole value (a gauge's reading, an observable counter's total).
                _value = value;
            }
            else
            {
                _value += value;
            }
        }

        public MetricValue ToMetric(Instrument instrument) =>
            new(instrument.Name, kind, _value, instrument.Unit, kind == "histogram" ? _count : null);
    }
}
