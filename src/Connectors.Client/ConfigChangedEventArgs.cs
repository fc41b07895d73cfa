using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Connectors.Client;

/// <summary>
/// The connector sent CONTROL <c>CONNECTOR_CONFIG</c>: it wants its config replaced (a rotated refresh token, say). The
/// client has already updated <see cref="Connector.Config"/>; persist <see cref="Config"/> where the config came from.
/// </summary>
public sealed class ConfigChangedEventArgs : EventArgs
{
    internal ConfigChangedEventArgs(JsonObject config, IReadOnlyList<string> rotatedSecretPaths)
    {
        Config = config;
        RotatedSecretPaths = rotatedSecretPaths;
    }

    /// <summary>
    /// The new config. Where the old one referenced a secret (<c>secret_reference::NAME</c>) and the value is unchanged, the
    /// reference is kept, so the new config holds no secret the old one did not.
    /// </summary>
    public JsonObject Config { get; }

    /// <summary>JSON paths of referenced secrets the connector changed: their new values are in <see cref="Config"/>.</summary>
    public IReadOnlyList<string> RotatedSecretPaths { get; }
}
