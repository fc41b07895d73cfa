using System;
using System.Collections.Generic;

namespace Connectors.Client.Destinations;

/// <summary>What a write to a destination did.</summary>
public sealed class WriteResult
{
    internal WriteResult(long records, long statesSent, long statesAcknowledged, IReadOnlyDictionary<string, string> progress, TimeSpan elapsed)
    {
        Records = records;
        StatesSent = statesSent;
        StatesAcknowledged = statesAcknowledged;
        Progress = progress;
        Elapsed = elapsed;
    }

    /// <summary>Records sent to the destination.</summary>
    public long Records { get; }

    /// <summary>STATE messages sent.</summary>
    public long StatesSent { get; }

    /// <summary>STATE messages the destination echoed (every one, for a successful write).</summary>
    public long StatesAcknowledged { get; }

    /// <summary>The last acknowledged state per stream (AirbyteStateMessage JSON): where the next write resumes.</summary>
    public IReadOnlyDictionary<string, string> Progress { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; }
}
