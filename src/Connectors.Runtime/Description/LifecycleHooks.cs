using System;
using System.Threading.Tasks;

namespace Connectors.Runtime;

/// <summary>The lifecycle hooks a connector implements (generated calls of its marked methods); null where it has none.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class LifecycleHooks<TConnector> where TConnector : class
{
    /// <summary><c>[OnInitializing]</c>: first at startup, before the configuration is loaded.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnInitializing { get; init; }

    /// <summary><c>[OnInitialized]</c>: last at startup.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnInitialized { get; init; }

    /// <summary><c>[OnStart]</c>: the operating status became RUNNING.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnStart { get; init; }

    /// <summary><c>[OnStop]</c>: the operating status became IDLE.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnStop { get; init; }

    /// <summary><c>[OnShutdown]</c>: the connector is shutting down.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnShutdown { get; init; }

    /// <summary><c>[OnConnectorUpdated]</c>: the configuration was (re)applied.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnConnectorUpdated { get; init; }

    /// <summary><c>[OnConnectorDeleted]</c>: the connector was deleted from its pipeline (Conduit); release what it holds outside the process.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? OnConnectorDeleted { get; init; }

    /// <summary>The hook of that kind; null where the connector has none.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask>? Get(LifecycleHookKind kind) => kind switch
    {
        LifecycleHookKind.OnInitializing => OnInitializing,
        LifecycleHookKind.OnInitialized => OnInitialized,
        LifecycleHookKind.OnStart => OnStart,
        LifecycleHookKind.OnStop => OnStop,
        LifecycleHookKind.OnShutdown => OnShutdown,
        LifecycleHookKind.OnConnectorUpdated => OnConnectorUpdated,
        LifecycleHookKind.OnConnectorDeleted => OnConnectorDeleted,
        _ => null,
    };

    /// <summary><c>[ValidateConfig]</c>: called on a candidate instance holding a configuration to judge.</summary>
    public Func<TConnector, LifecycleRequest, ValueTask<CheckResult>>? ValidateConfig { get; init; }
}
