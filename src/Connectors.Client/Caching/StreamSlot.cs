using System;
using System.Text;
using Connectors.Client.Catalog;
using Connectors.Client.Progress;

namespace Connectors.Client.Caching;

/// <summary>Everything a read keeps per stream: its table, parser, writer, progress counter and last state.</summary>
internal sealed class StreamSlot
{
    public StreamSlot(ConfiguredStream configured, CacheStreamPlan plan, RowParser parser, ProgressTracker.Counter counter)
    {
        Configured = configured;
        Plan = plan;
        Parser = parser;
        Counter = counter;
        NameUtf8 = Encoding.UTF8.GetBytes(configured.Stream.Name);
    }

    public ConfiguredStream Configured { get; }

    public CacheStreamPlan Plan { get; }

    public RowParser Parser { get; }

    public Row Row => Parser.Row;

    public ProgressTracker.Counter Counter { get; }

    public byte[] NameUtf8 { get; }

    /// <summary>The batch the reading thread is filling (null before the first record).</summary>
    public RowBatch? Batch { get; set; }

    /// <summary>Batches the writing thread has written, ready for reuse.</summary>
    public System.Collections.Concurrent.BlockingCollection<RowBatch> FreeBatches { get; } = new();

    /// <summary>How many batches the stream has (at most <see cref="RowPipeline.BatchesPerStream"/>).</summary>
    public int BatchesAllocated { get; set; }

    /// <summary>The writer into the staging table, opened by the writing thread at the first batch.</summary>
    public StreamWriter? Writer { get; set; }

    /// <summary>The last STATE message (AirbyteStateMessage JSON) received for the stream.</summary>
    public string? LastState { get; set; }
}

/// <summary>What a read does with one stream's table.</summary>
/// <param name="Stream">The stream's name.</param>
/// <param name="Table">The final table's name.</param>
/// <param name="Schema">Its columns.</param>
/// <param name="Strategy">The write strategy (never Auto).</param>
public sealed record CacheStreamPlan(string Stream, string Table, TableSchema Schema, WriteStrategy Strategy);

/// <summary>Writes rows into one stream's staging table.</summary>
internal abstract class StreamWriter : IDisposable
{
    public abstract void Write(Row row);

    /// <summary>Writes rows in order (a writer that inserts several rows per statement overrides this).</summary>
    public virtual void Write(ReadOnlySpan<Row> rows)
    {
        foreach (var row in rows)
        {
            Write(row);
        }
    }

    /// <summary>Flushes what is buffered; called once, before the session finalizes.</summary>
    public abstract void Complete();

    public abstract void Dispose();
}
