using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a stream method.</summary>
/// <param name="Since">The saved cursor value (boxed), or null for a full refresh or a first sync.</param>
/// <param name="Context">The stream's read context.</param>
/// <param name="Logger">A logger whose entries become protocol LOG messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop.</param>
public sealed record StreamRequest(object? Since, StreamContext Context, ILogger Logger, CancellationToken CancellationToken)
{
    /// <summary>For a stream that keeps a state of its own shape: its <see cref="StreamState{TState}"/>; null otherwise.</summary>
    public object? State { get; init; }
}
