using System;
using System.IO;

namespace Connectors.Client.Execution;

/// <summary>
/// Turns a connector's location into its executor: <c>npm:NAME@VERSION</c>, <c>docker:IMAGE:TAG</c>, a <c>.csproj</c> (or
/// <c>project:DIR</c>), a <c>.dll</c>, or an executable's path or name.
/// </summary>
public static class ConnectorLocator
{
    /// <summary>The executor for <paramref name="location"/>.</summary>
    public static IConnectorExecutor Resolve(string location, ConnectorHome? home = null)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ArgumentException("No connector given.", nameof(location));
        }
        if (location.StartsWith("npm:", StringComparison.Ordinal))
        {
            var spec = location[4..];
            var at = spec.LastIndexOf('@');
            if (at <= 0)
            {
                throw new ConnectorException($"'{location}' has no version: npm connectors are pinned (npm:NAME@VERSION).");
            }
            return new NpmExecutor(spec[..at], spec[(at + 1)..], home);
        }
        if (location.StartsWith("docker:", StringComparison.Ordinal))
        {
            return new DockerExecutor(location[7..]);
        }
        if (location.StartsWith("project:", StringComparison.Ordinal))
        {
            return new DotnetProjectExecutor(location[8..]);
        }
        if (location.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return new DotnetProjectExecutor(location);
        }
        return new LocalExecutor(location);
    }
}
