using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime;

/// <summary>
/// The steering side of a connector, built by generated code: its custom commands, the dispatch of an action to the
/// author's method, its lifecycle hooks, and how to apply a validated configuration to the running instance. The command
/// hosts (<c>serve</c>, <c>command</c>) interpret it; the Airbyte commands ignore it.
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class ConnectorCommands<TConnector> where TConnector : class
{
    /// <summary>The custom commands, in declaration order.</summary>
    public IReadOnlyList<CustomCommand> Custom { get; init; } = Array.Empty<CustomCommand>();

    /// <summary>Binds a custom command's payload and calls the author's method (a generated <c>switch</c> on the action).</summary>
    public Func<TConnector, CommandRequest, ValueTask<CommandResult>>? Dispatch { get; init; }

    /// <summary>The lifecycle hooks the author implemented.</summary>
    public LifecycleHooks<TConnector> Hooks { get; init; } = new();

    /// <summary>Copies every configuration property from a validated candidate (first) onto the running connector (second).</summary>
    public required Action<TConnector, TConnector> CopyConfig { get; init; }

    // The command hosts are named here, not in CommandHostCommands: only a connector whose generated code builds a
    // ConnectorCommands (one with commands or lifecycle hooks) can run them, and only its native executable compiles them
    // in (with the channels, platform services and log shipping under them).
    /// <summary>Runs <c>serve</c>.</summary>
    internal Func<HostContext<TConnector>, Task<int>> Serve { get; } = CommandServer<TConnector>.RunAsync;

    /// <summary>Runs <c>command &lt;action&gt;</c>.</summary>
    internal Func<HostContext<TConnector>, Task<int>> RunOne { get; } = OneShotCommand.RunAsync;
}
