using System;
using System.Collections.Generic;
using System.Linq;

namespace Connectors.Client.Progress;

/// <summary>A snapshot of a read or sync, for a progress display: per stream and in total.</summary>
public sealed class SyncProgress
{
    internal SyncProgress(SyncPhase phase, TimeSpan elapsed, IReadOnlyList<StreamProgress> streams)
    {
        Phase = phase;
        Elapsed = elapsed;
        Streams = streams;
    }

    /// <summary>The phase.</summary>
    public SyncPhase Phase { get; }

    /// <summary>Time since the read started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Each selected stream, in catalog order.</summary>
    public IReadOnlyList<StreamProgress> Streams { get; }

    /// <summary>Records read, all streams.</summary>
    public long Records => Streams.Sum(s => s.Records);

    /// <summary>Bytes of record messages read, all streams.</summary>
    public long Bytes => Streams.Sum(s => s.Bytes);

    /// <summary>Records per second since the start.</summary>
    public double RecordsPerSecond => Rate(Records);

    /// <summary>Megabytes (10^6 bytes) per second since the start.</summary>
    public double MegabytesPerSecond => Rate(Bytes) / 1e6;

    private double Rate(long count) => Elapsed.TotalSeconds > 0 ? count / Elapsed.TotalSeconds : 0;
}

/// <summary>One stream's progress.</summary>
/// <param name="Name">The stream.</param>
/// <param name="Status">The source's last STREAM_STATUS (STARTED, RUNNING, COMPLETE, INCOMPLETE), or PENDING.</param>
/// <param name="Records">Records read.</param>
/// <param name="Bytes">Bytes of its RECORD messages.</param>
/// <param name="Elapsed">Time since the read started.</param>
/// <param name="States">STATE messages received (or, for a destination, acknowledged).</param>
public sealed record StreamProgress(string Name, string Status, long Records, long Bytes, TimeSpan Elapsed, long States)
{
    /// <summary>Records per second since the read started.</summary>
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;

    /// <summary>Megabytes (10^6 bytes) per second since the read started.</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / Elapsed.TotalSeconds / 1e6 : 0;
}
