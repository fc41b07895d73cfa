using System;

namespace Connectors;

/// <summary>
/// Marks a method that produces the records of one stream.
/// </summary>
/// <remarks>
/// The method returns <c>IAsyncEnumerable&lt;T&gt;</c> or <c>IEnumerable&lt;T&gt;</c> where <c>T</c> is a class, record or
/// struct whose public properties become the stream's fields. Parameters, in any order: at most one cursor parameter
/// (the type of the <see cref="Cursor"/> member, usually nullable: the value saved by the previous sync, or null on the
/// first one; its presence makes the stream incremental), <c>CancellationToken</c>, <c>ILogger</c> and
/// <see cref="StreamContext"/>. An incremental stream must return only records whose cursor is strictly greater
/// than the value it receives.
/// <para>
/// A stream whose position is more than one cursor value (a page token, a cursor per partition, a log position) takes a
/// <c>StreamState&lt;TState&gt;</c> parameter instead of a cursor parameter, names a System.Text.Json source-generated
/// context that serializes <c>TState</c> in <see cref="StateContext"/>, and is an iterator that calls
/// <c>state.Checkpoint(…)</c> between records.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StreamAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The stream's name in the catalog, for example <c>users</c>.</param>
    public StreamAttribute(string name) => Name = name;

    /// <summary>The stream's name in the catalog.</summary>
    public string Name { get; }

    /// <summary>The stream's namespace (schema, database…), if it has one.</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// The record member(s) that identify a record: one member name (<c>nameof(User.Id)</c>), or several separated by
    /// commas for a composite key.
    /// </summary>
    public string? PrimaryKey { get; set; }

    /// <summary>The record member whose value only grows as records change (<c>nameof(User.UpdatedAt)</c>).</summary>
    public string? Cursor { get; set; }

    /// <summary>
    /// The stream method returns records in ascending <see cref="Cursor"/> order, so the runtime can checkpoint mid-stream
    /// (every <see cref="CheckpointInterval"/> records, between two cursor values) and resume after a failure without
    /// re-reading everything. If a record ever comes with a smaller cursor than the one before it, the runtime fails the
    /// stream rather than risk losing records. Without this, the stream is checkpointed once, at its end.
    /// </summary>
    public bool SortedByCursor { get; set; }

    /// <summary>
    /// Emit a checkpoint (STATE) every this many records while the records arrive in cursor order. 0 uses the
    /// runtime default (10,000); <see cref="StreamContext.CheckpointInterval"/> can change it while the stream runs.
    /// </summary>
    public int CheckpointInterval { get; set; }

    /// <summary>
    /// For a stream method that takes a <c>StreamState&lt;TState&gt;</c>: a <c>JsonSerializerContext</c> (source-generated,
    /// so no reflection) with <c>[JsonSerializable(typeof(TState))]</c>, which reads and writes the saved state.
    /// </summary>
    public Type? StateContext { get; set; }
}
