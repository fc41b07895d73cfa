namespace Connectors.Runtime;

/// <summary>A lifecycle hook, as a protocol host names the one it calls (<see cref="Hosting.LifecycleHookRunner{TConnector}"/>).</summary>
public enum LifecycleHookKind
{
    /// <summary><c>[OnInitializing]</c>.</summary>
    OnInitializing,

    /// <summary><c>[OnInitialized]</c>.</summary>
    OnInitialized,

    /// <summary><c>[OnStart]</c>.</summary>
    OnStart,

    /// <summary><c>[OnStop]</c>.</summary>
    OnStop,

    /// <summary><c>[OnShutdown]</c>.</summary>
    OnShutdown,

    /// <summary><c>[OnConnectorUpdated]</c>.</summary>
    OnConnectorUpdated,

    /// <summary><c>[OnConnectorDeleted]</c>.</summary>
    OnConnectorDeleted,
}
