using System;
using System.Collections.Generic;
using Connectors.Runtime.Conduit.Plugin;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Conduit;

/// <summary>
/// Conduit's standalone-plugin protocol: the <c>conduit</c> command serves the connector as a plugin (go-plugin
/// handshake, connector protocol v2 over gRPC). Conduit starts a plugin with no arguments and its magic cookie in the
/// environment; <see cref="Claim"/> recognises that start, so the same executable is the Airbyte CLI with arguments and a
/// Conduit plugin without. Registered by the package's module initializer (docs/conduit.md).
/// </summary>
public sealed class ConduitProtocol : IProtocolHost
{
    private ConduitProtocol()
    {
    }

    /// <summary>The one instance.</summary>
    public static readonly ConduitProtocol Instance = new();

    /// <summary>The command that serves the plugin.</summary>
    public const string CommandName = "conduit";

    /// <inheritdoc />
    public string Name => "conduit";

    /// <inheritdoc />
    public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
    [
        new()
        {
            Name = CommandName,
            Summary = "Serve the connector as a Conduit plugin (what Conduit runs: no arguments, its cookie in the environment).",
            RunAsync = context => PluginServer.RunAsync(context),
        },
    ];

    /// <inheritdoc />
    public string[]? Claim(IReadOnlyList<string> args, Func<string, string?> environment) =>
        args.Count == 0 && environment(Handshake.CookieKey) is not null ? [CommandName] : null;
}
