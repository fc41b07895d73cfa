using System.Collections.Generic;
using Connectors.Client.Execution;
using Connectors.Client.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Client;

/// <summary>How the client runs a connector.</summary>
public sealed class ConnectorOptions
{
    /// <summary>Where npm connectors are installed and the default cache lives (<see cref="ConnectorHome.Default"/>).</summary>
    public ConnectorHome Home { get; init; } = ConnectorHome.Default;

    /// <summary>Resolves <c>secret_reference::NAME</c> values (environment, <c>./.env</c>, a prompt).</summary>
    public SecretResolver Secrets { get; init; } = SecretResolver.Default;

    /// <summary>Receives the connector's LOG messages and stderr lines (stderr at Debug), masked.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>How many log and stderr lines a failure report carries.</summary>
    public int LogTailLines { get; init; } = 20;

    /// <summary>Validate the config against the spec before check, discover and read (default true).</summary>
    public bool ValidateConfig { get; init; } = true;

    /// <summary>
    /// Keep connectors' SPEC under <see cref="Home"/> (<c>spec-cache/</c>), keyed by the connector's executable (path, size,
    /// modification time) or npm package version, so a new <see cref="Connector"/> does not start it for <c>spec</c> again
    /// (default true). <c>GetSpecAsync(refresh: true)</c> always asks the connector and updates the entry.
    /// </summary>
    public bool CacheSpec { get; init; } = true;

    /// <summary>Environment variables for the connector's process.</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
