using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs last when a command host starts the connector: after the configuration is loaded
/// and, when the operating status is <c>RUNNING</c>, after the start hooks.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnInitializedAttribute : Attribute
{
}
