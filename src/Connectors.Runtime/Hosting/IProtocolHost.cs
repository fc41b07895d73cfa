using System;
using System.Collections.Generic;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// A protocol a connector process speaks: the commands it adds to the command line, and, for a protocol whose
/// platform starts the process without a command (Conduit starts a plugin with no arguments and a magic cookie in its
/// environment), a way to recognise that start. <see cref="ConnectorHost"/> takes a list of them
/// (<see cref="ProtocolHosts"/>); each works from the connector's description, so a new protocol needs no generator change.
/// </summary>
public interface IProtocolHost
{
    /// <summary>The protocol's name, for messages (<c>airbyte</c>, <c>commands</c>, <c>conduit</c>).</summary>
    string Name { get; }

    /// <summary>The commands this protocol adds for a connector of this kind (none when it does not apply to it).</summary>
    IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class;

    /// <summary>
    /// Asked before the command line is read: when the process was started the way only this protocol starts it, the
    /// command line to run instead (one of this protocol's commands); null otherwise. The first protocol that claims
    /// the start wins.
    /// </summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    string[]? Claim(IReadOnlyList<string> args, Func<string, string?> environment) => null;
}
