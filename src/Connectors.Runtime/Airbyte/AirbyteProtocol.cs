using System.Collections.Generic;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary>The Airbyte protocol's command line: <c>spec</c>, <c>check</c>, <c>discover</c>, <c>read</c>, <c>write</c>.</summary>
public sealed class AirbyteProtocol : IProtocolHost
{
    private AirbyteProtocol()
    {
    }

    /// <summary>The one instance.</summary>
    public static readonly AirbyteProtocol Instance = new();

    /// <inheritdoc />
    public string Name => "airbyte";

    /// <inheritdoc />
    public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        AirbyteCommands.For(descriptor);
}
