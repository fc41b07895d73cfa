using System;

namespace Connectors;

/// <summary>
/// Marks the lifecycle hook that runs when the connector is deleted from its pipeline (Conduit's
/// <c>LifecycleOnDeleted</c>, in a fresh process, on an instance bound to the configuration it last ran with): release
/// what the connector keeps outside the process (a replication slot, a webhook, a temporary table). Hosts without such an
/// event (Airbyte, the command host) never call it.
/// </summary>
/// <remarks>
/// Return <c>void</c>, <c>Task</c> or <c>ValueTask</c>; parameters, in any order, of type <c>CancellationToken</c>,
/// <c>ILogger</c>, <see cref="OperatingStatus"/> and the runtime's <c>ConnectorContext</c>. At most one per connector.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnConnectorDeletedAttribute : Attribute
{
}
