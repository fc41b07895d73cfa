using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs first when a command host starts the connector, before its configuration is loaded.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnInitializingAttribute : Attribute
{
}
