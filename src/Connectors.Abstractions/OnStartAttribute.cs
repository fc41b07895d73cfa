using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs when the operating status becomes <c>RUNNING</c>: on a
/// <c>TetraScience.Connector.Start</c> command, and at startup when the connector starts as <c>RUNNING</c>. The runtime
/// first reloads the configuration and calls the <see cref="OnConnectorUpdatedAttribute">connector-updated</see> hook.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnStartAttribute : Attribute
{
}
