using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;

namespace Connectors.Runtime;

/// <summary>One stream of a source connector: its catalog entry and how to read it.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public abstract class SourceStream<TConnector> where TConnector : class
{
    private protected SourceStream()
    {
    }

    /// <summary>The stream's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stream's namespace, if any.</summary>
    public string? Namespace { get; init; }

    /// <summary>The draft-07 JSON Schema of the stream's records, as JSON text.</summary>
    public required string JsonSchema { get; init; }

    /// <summary>The primary key: a list of field paths.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; init; } = Array.Empty<IReadOnlyList<string>>();

    /// <summary>True when the stream method takes a cursor parameter, so it can resume from saved state.</summary>
    public bool SupportsIncremental { get; init; }

    /// <summary>True when records come in ascending cursor order, so checkpoints can be emitted mid-stream.</summary>
    public bool SortedByCursor { get; init; }

    /// <summary>Records between mid-stream checkpoints (0: the runtime default).</summary>
    public int CheckpointInterval { get; init; }

    /// <summary>The cursor field name, if the stream declares a cursor.</summary>
    public abstract string? CursorField { get; }

    /// <summary>Reads a cursor value saved in a stream state object; returns false with a reason when it cannot.</summary>
    internal abstract bool TryReadCursor(JsonElement streamState, out object? cursor, out string? problem);

    /// <summary>Runs the stream through a read session (the record loop lives in the runtime, typed per record).</summary>
    internal abstract Task<StreamOutcome> ReadAsync(TConnector connector, StreamReadSession session, StreamPlan plan);
}

/// <summary>A stream whose records are of type <typeparamref name="TRecord"/>.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class SourceStream<TConnector, TRecord> : SourceStream<TConnector> where TConnector : class
{
    /// <summary>Calls the author's stream method when it returns <c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
    public Func<TConnector, StreamRequest, IAsyncEnumerable<TRecord>>? Open { get; init; }

    /// <summary>Calls the author's stream method when it returns <c>IEnumerable&lt;T&gt;</c>.</summary>
    public Func<TConnector, StreamRequest, IEnumerable<TRecord>>? OpenSync { get; init; }

    /// <summary>Writes one record as the <c>data</c> object of a RECORD message.</summary>
    public required RecordWriter<TRecord> WriteRecord { get; init; }

    /// <summary>The stream's cursor, if it declares one.</summary>
    public StreamCursor<TRecord>? Cursor { get; init; }

    /// <inheritdoc />
    public override string? CursorField => Cursor?.Field;

    internal override bool TryReadCursor(JsonElement streamState, out object? cursor, out string? problem)
    {
        if (Cursor is null)
        {
            cursor = null;
            problem = null;
            return true;
        }
        return Cursor.TryReadState(streamState, out cursor, out problem);
    }

    internal override Task<StreamOutcome> ReadAsync(TConnector connector, StreamReadSession session, StreamPlan plan) =>
        session.ReadAsync(this, connector, plan);
}
