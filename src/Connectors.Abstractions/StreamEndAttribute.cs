using System;

namespace Connectors;

/// <summary>
/// Marks the method a destination runs for a stream the source finished: its <c>STREAM_STATUS</c> <c>COMPLETE</c>
/// arrived and every record before it was written and committed. Finalize the stream here: an overwrite (or a
/// truncating refresh) swaps its new data in, a refresh deletes rows of older generations.
/// </summary>
/// <remarks>
/// Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>; takes the stream (<c>DestinationStream</c>) and optionally
/// <c>CancellationToken</c> and <c>ILogger</c>. The runtime calls it once per stream, as soon as the stream's
/// <c>COMPLETE</c> status has been read, and never for a stream that did not complete (the source failed or was
/// stopped, the input ended early, the destination failed): those get the
/// <see cref="StreamIncompleteAttribute">[StreamIncomplete]</see> method instead, so data of an incomplete stream is
/// never swapped in and old data is never deleted for it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StreamEndAttribute : Attribute
{
}
