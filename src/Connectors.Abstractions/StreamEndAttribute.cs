using System;

namespace Connectors;

/// <summary>
/// Marks the method a destination runs for each configured stream once the stream is complete: every record was
/// written and committed and the input ended without error. An overwrite swaps the new data in here.
/// </summary>
/// <remarks>
/// Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>; takes the stream (<c>DestinationStream</c>) and optionally
/// <c>CancellationToken</c> and <c>ILogger</c>. It is never called for a sync that failed or was stopped, so data of an
/// incomplete stream is never swapped in.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StreamEndAttribute : Attribute
{
}
