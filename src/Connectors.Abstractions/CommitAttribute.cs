using System;

namespace Connectors;

/// <summary>
/// Marks the method that makes every batch written so far durable (commits a transaction, flushes a file). The runtime
/// calls it before it acknowledges a checkpoint (echoes a STATE) and at the end of the input; a state is echoed only
/// after the commit that covers its records has returned.
/// </summary>
/// <remarks>
/// Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>; takes optionally <c>CancellationToken</c> and <c>ILogger</c>.
/// Without a [Commit] method, a batch counts as persisted as soon as the write method returns.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CommitAttribute : Attribute
{
}
