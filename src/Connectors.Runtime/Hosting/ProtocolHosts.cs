using System;
using System.Collections.Generic;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Commands;

namespace Connectors.Runtime.Hosting;

/// <summary>The protocols a connector process speaks when its entry point names none.</summary>
public static class ProtocolHosts
{
    private static readonly object Gate = new();

    /// <summary>The runtime's own protocols: Airbyte's CLI, then the command host (<c>serve</c>, <c>command</c>).</summary>
    public static IReadOnlyList<IProtocolHost> BuiltIn => BuiltInArray;

    private static readonly IProtocolHost[] BuiltInArray = [AirbyteProtocol.Instance, CommandHostProtocol.Instance];

    /// <summary>The built-in protocols followed by the registered ones, in registration order.</summary>
    public static IReadOnlyList<IProtocolHost> Default
    {
        get
        {
            var registered = Registry.Protocols;
            if (registered.Length == 0)
            {
                return BuiltIn;
            }
            IProtocolHost[] all = [.. BuiltInArray, .. registered];
            return all;
        }
    }

    /// <summary>
    /// Adds a protocol to <see cref="Default"/>, for a package that brings one (its module initializer, compiled into the
    /// connector's assembly, calls this before <c>Main</c>, so the author's code names no protocol). Registering the
    /// same protocol twice has no effect.
    /// </summary>
    public static void Register(IProtocolHost protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        lock (Gate)
        {
            if (Array.IndexOf(BuiltInArray, protocol) < 0 && Array.IndexOf(Registry.Protocols, protocol) < 0)
            {
                Registry.Protocols = [.. Registry.Protocols, protocol];
            }
        }
    }

    /// <summary>Whether a protocol was registered; asking builds none of the built-in ones (the <c>spec</c> shortcut asks).</summary>
    internal static bool AnyRegistered => Registry.Protocols.Length != 0;

    // Apart from BuiltIn, so that AnyRegistered does not run ProtocolHosts' static constructor.
    private static class Registry
    {
        public static IProtocolHost[] Protocols = [];
    }
}
