using System.Collections.Generic;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Commands;

/// <summary>The command host (TetraScience-style envelopes): <c>serve</c> and <c>command</c>, for connectors with commands or lifecycle hooks.</summary>
public sealed class CommandHostProtocol : IProtocolHost
{
    private CommandHostProtocol()
    {
    }

    /// <summary>The one instance.</summary>
    public static readonly CommandHostProtocol Instance = new();

    /// <inheritdoc />
    public string Name => "commands";

    /// <inheritdoc />
    public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        CommandHostCommands.For(descriptor);
}
