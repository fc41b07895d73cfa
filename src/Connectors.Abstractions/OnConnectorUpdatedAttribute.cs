using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs after the configuration is (re)applied: on
/// <c>TetraScience.Connector.UpdateConfig</c>, <c>.Start</c> and <c>.Stop</c>. It sees the operating status, so check
/// that it is <c>RUNNING</c> before starting to move data.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnConnectorUpdatedAttribute : Attribute
{
}
