using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace Connectors.Client.Progress;

/// <summary>
/// Counts per stream on the reading thread (plain field writes, no locks) and reports snapshots to an
/// <see cref="IProgress{T}"/> from a timer (every 100 ms), at each phase change and at the end.
/// </summary>
internal sealed class ProgressTracker : IDisposable
{
    private readonly IProgress<SyncProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Counter[] _counters;
    private readonly Dictionary<string, Counter> _byName;
    private readonly Timer? _timer;
    private volatile SyncPhase _phase = SyncPhase.Starting;

    public ProgressTracker(IEnumerable<string> streams, IProgress<SyncProgress>? progress)
    {
        _progress = progress;
        _counters = streams.Select(s => new Counter(s)).ToArray();
        _byName = _counters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (progress is not null)
        {
            _timer = new Timer(_ => Report(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    public SyncPhase Phase => _phase;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The counter of <paramref name="stream"/> (one is added for a stream the catalog did not list).</summary>
    public Counter this[string stream]
    {
        get
        {
            if (_byName.TryGetValue(stream, out var counter))
            {
                return counter;
            }
            lock (_byName)
            {
                counter = new Counter(stream);
                _byName[stream] = counter;
                return counter;
            }
        }
    }

    public void SetPhase(SyncPhase phase)
    {
        _phase = phase;
        if (phase is SyncPhase.Completed or SyncPhase.Failed)
        {
            _clock.Stop();
            _timer?.Dispose();
        }
        Report();
    }

    public SyncProgress Snapshot()
    {
        var elapsed = _clock.Elapsed;
        Counter[] counters;
        lock (_byName)
        {
            counters = _counters.Concat(_byName.Values.Except(_counters)).ToArray();
        }
        return new SyncProgress(_phase, elapsed, counters
            .Select(c => new StreamProgress(c.Name, c.Status, Volatile.Read(ref c.Records), Volatile.Read(ref c.Bytes), elapsed, Volatile.Read(ref c.States)))
            .ToList());
    }

    private void Report() => _progress?.Report(Snapshot());

    public void Dispose() => _timer?.Dispose();

    /// <summary>One stream's counts, written by the reading thread only.</summary>
    public sealed class Counter
    {
        public Counter(string name) => Name = name;

        public string Name { get; }

        public string Status = "PENDING";
        public long Records;
        public long Bytes;
        public long States;
    }
}
