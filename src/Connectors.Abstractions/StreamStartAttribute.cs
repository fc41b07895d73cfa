using System;

namespace Connectors;

/// <summary>
/// Marks the method a destination runs for each configured stream before any of its records arrive: create or alter
/// tables, prepare statements, pick where an overwrite writes until it is complete.
/// </summary>
/// <remarks>
/// Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>; takes the stream (<c>DestinationStream</c>) and optionally
/// <c>CancellationToken</c> and <c>ILogger</c>. The runtime calls it for every stream of the catalog, in catalog order,
/// before it reads the input.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StreamStartAttribute : Attribute
{
}
