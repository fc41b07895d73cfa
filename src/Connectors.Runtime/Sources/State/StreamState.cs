using System;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>
/// The state a <c>[Stream]</c> method keeps of its own shape — a page token, a cursor per partition, a log position —
/// instead of (not beside) one cursor value. The method reads <see cref="Saved"/> to know where to resume and calls
/// <see cref="Checkpoint"/> between records; the runtime serializes the state with the stream's
/// <c>StateContext</c> (a System.Text.Json source-generated context: no reflection) and saves it.
/// </summary>
/// <typeparam name="TState">The author's state type.</typeparam>
public sealed class StreamState<TState>
{
    private readonly StreamStateShape<TState> _shape;
    private readonly HeldCheckpoints _checkpoints;

    internal StreamState(StreamStateShape<TState> shape, HeldCheckpoints checkpoints, bool hasSaved, TState? saved)
    {
        _shape = shape;
        _checkpoints = checkpoints;
        HasSaved = hasSaved;
        Saved = saved;
    }

    /// <summary>True when the read resumes from a saved state (an incremental read after one that checkpointed).</summary>
    public bool HasSaved { get; }

    /// <summary>
    /// The state the stream saved last, in an incremental read that has one; default otherwise (a first read, a full
    /// refresh, or a saved <c>{}</c>: the state of a read that took no checkpoint).
    /// </summary>
    public TState? Saved { get; }

    /// <summary>
    /// Declares that every record this method has produced so far has been emitted, and that a read resuming from
    /// <paramref name="state"/> loses none of the rest. Call it between records (after the last record of a page, say, with
    /// the next page's token), and once at the end. The runtime sends the state before the next record, or as the final
    /// state; a state equal to the previous one is dropped; after a failure or a stop the last checkpoint taken is kept.
    /// </summary>
    /// <param name="state">The position to resume from; serialized as a JSON object.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The state does not serialize to a JSON object.</exception>
    public void Checkpoint(TState state)
    {
        if (state is null)
        {
            throw new ArgumentNullException(nameof(state), "A stream state cannot be null; pass the state to resume from.");
        }
        _checkpoints.Take(_shape.Serialize(state));
    }
}
