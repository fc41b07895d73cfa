using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.Runtime;

/// <summary>
/// One stream of a source connector: its catalog entry and how to read it. A protocol host reads it through
/// <see cref="Accept{TResult}"/>, which hands it the stream typed by its records.
/// </summary>
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

    /// <summary>
    /// For a stream found at run time (<c>[DiscoverStreams]</c>): its description, with the cursor candidates a user may
    /// choose from; null for a <c>[Stream]</c> method's stream.
    /// </summary>
    public StreamDescription? Description { get; init; }

    /// <summary>
    /// For a <c>[Stream]</c> method that keeps a state of its own shape (a <see cref="StreamState{TState}"/> parameter): how
    /// that state is read and written; null for a stream whose state is its cursor.
    /// </summary>
    public StreamStateShape? StateShape { get; init; }

    /// <summary>
    /// Reads a saved stream state to resume from: the stream's own state (<see cref="StateShape"/>), else its cursor value
    /// (<see cref="TryReadCursor"/>). On failure, <paramref name="problemPath"/> is where the problem is, relative to the
    /// state object (<c>.page</c>, <c>.updated_at</c>, or empty for the object itself).
    /// </summary>
    /// <param name="streamState">The saved state object.</param>
    /// <param name="since">What <see cref="StreamReadOptions.Since"/> takes: the state, or the cursor value; null for none.</param>
    /// <param name="problemPath">Where the problem is, relative to the state object.</param>
    /// <param name="problem">What is wrong.</param>
    public bool TryReadSavedState(JsonElement streamState, out object? since, out string problemPath, out string? problem)
    {
        if (StateShape is { } shape)
        {
            return shape.TryRead(streamState, out since, out problemPath, out problem);
        }
        var read = TryReadCursor(streamState, out since, out problem);
        problemPath = read || problem == "expected an object" ? "" : ConfigReader.Child("", CursorField!);
        return read;
    }

    /// <summary>The stream as messages name it: <c>namespace.name</c>, or the name alone.</summary>
    internal string DisplayName => Namespace is null ? Name : Namespace + "." + Name;

    /// <summary>
    /// Reads the cursor value of a saved stream state (a <see cref="StreamCheckpoint.State"/>, or what a platform kept of
    /// one) for <see cref="StreamReadOptions.Since"/>. A state without the cursor field, or with null there, gives null.
    /// </summary>
    /// <param name="streamState">The state object.</param>
    /// <param name="cursor">The cursor value, boxed; null when the state holds none or the stream has no cursor.</param>
    /// <param name="problem">Why the state cannot be read (<c>expected an object</c>, or what the cursor's value should be).</param>
    public abstract bool TryReadCursor(JsonElement streamState, out object? cursor, out string? problem);

    /// <summary>Calls <paramref name="visitor"/> back with this stream, typed by its records.</summary>
    public abstract TResult Accept<TResult>(ISourceStreamVisitor<TConnector, TResult> visitor);
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

    /// <summary>For a discovered stream: its read method (the records are then <see cref="JsonRow"/>s).</summary>
    internal DynamicRead<TConnector>? Dynamic { get; init; }

    /// <inheritdoc />
    public override string? CursorField => Cursor?.Field ?? Description?.DefaultCursor;

    /// <inheritdoc />
    public override bool TryReadCursor(JsonElement streamState, out object? cursor, out string? problem)
    {
        if (StateShape is { } shape)
        {
            return shape.TryRead(streamState, out cursor, out _, out problem);
        }
        if (Cursor is null)
        {
            cursor = null;
            problem = null;
            return true;
        }
        return Cursor.TryReadState(streamState, out cursor, out problem);
    }

    /// <inheritdoc />
    public override TResult Accept<TResult>(ISourceStreamVisitor<TConnector, TResult> visitor) => visitor.Visit(this);

    /// <summary>
    /// Reads the stream into a host's <paramref name="sink"/>: calls the author's stream method, hands over every record
    /// and every checkpoint in order (see <see cref="IRecordSink{TRecord}"/>), and says how the read ended. A failure of
    /// the stream method or of the sink ends the read as <see cref="StreamReadOutcome.Failed"/> rather than throwing.
    /// </summary>
    /// <param name="connector">The configured connector instance.</param>
    /// <param name="options">Sync mode, saved cursor, checkpoint interval, logger, cancellation.</param>
    /// <param name="sink">The host's sink; a struct, for direct calls per record.</param>
    /// <exception cref="ArgumentException">An incremental read of a stream that does not support it.</exception>
    public Task<StreamReadResult> ReadAsync<TSink>(TConnector connector, StreamReadOptions options, TSink sink)
        where TSink : IRecordSink<TRecord> =>
        Dynamic is { } dynamic
            ? DynamicReadLoop.RunAsync(this, dynamic, connector, options, sink)
            : RecordLoop.RunAsync(this, connector, options, sink);
}
