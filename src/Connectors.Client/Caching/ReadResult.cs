using System;
using System.Collections.Generic;
using System.Linq;

namespace Connectors.Client.Caching;

/// <summary>What a read into a cache did.</summary>
public sealed class ReadResult
{
    internal ReadResult(Cache cache, IReadOnlyList<StreamReadResult> streams, TimeSpan elapsed)
    {
        Cache = cache;
        Streams = streams;
        Elapsed = elapsed;
    }

    /// <summary>The cache read into.</summary>
    public Cache Cache { get; }

    /// <summary>Each stream read.</summary>
    public IReadOnlyList<StreamReadResult> Streams { get; }

    /// <summary>How long the read took, end to end.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Records read, all streams.</summary>
    public long Records => Streams.Sum(s => s.Records);

    /// <summary>The result of <paramref name="stream"/>.</summary>
    public StreamReadResult this[string stream] => Streams.First(s => s.Stream == stream);
}

/// <summary>One stream of a read into a cache.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Table">Its table in the cache.</param>
/// <param name="Strategy">How it was written.</param>
/// <param name="Records">Records read (and written).</param>
/// <param name="Bytes">Bytes of its RECORD messages.</param>
/// <param name="States">STATE messages received.</param>
public sealed record StreamReadResult(string Stream, string Table, WriteStrategy Strategy, long Records, long Bytes, long States);
