using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs when the connector is shut down (a <c>TetraScience.Connector.Shutdown</c>
/// command, the end of the command input, or SIGTERM). Afterwards the runtime stops background work (polls, running
/// commands) and the process ends.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnShutdownAttribute : Attribute
{
}
