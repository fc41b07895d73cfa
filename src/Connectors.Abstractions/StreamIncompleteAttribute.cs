using System;

namespace Connectors;

/// <summary>
/// Marks the method a destination runs, when the write ends, for each stream that did not complete: the source reported
/// it <c>INCOMPLETE</c> or failed, the input ended before its <c>COMPLETE</c> status, the input had a bad line, the
/// destination's own code failed, or the process was stopped. Optional: without it, nothing happens to such a stream.
/// </summary>
/// <remarks>
/// <para>
/// Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>; takes the stream (<c>DestinationStream</c>) and optionally why
/// it did not complete (<see cref="StreamIncompleteReason"/>), <c>CancellationToken</c> and <c>ILogger</c>.
/// </para>
/// <para>
/// Do not finalize here: the old data must stay visible. Keep what was committed (the platform retries from the last
/// state it got back, and a retry of the same generation resumes into it); release what the stream holds, log where
/// its data waits, or delete only what no retry can use. After a failure or a stop, work after the last commit may
/// still be pending (it is rolled back when the connector is disposed, right after): do not commit it; on a stop the
/// token is already cancelled.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StreamIncompleteAttribute : Attribute
{
}
