using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Execution;

/// <summary>
/// How to start a connector's process: a local executable or .dll, a .NET project, an npm package in the connectors
/// home, a Docker image, or anything else that can run the Airbyte protocol's commands.
/// </summary>
public interface IConnectorExecutor
{
    /// <summary>The connector's name (for messages and as the key of its state in a cache).</summary>
    string Name { get; }

    /// <summary>Where the connector comes from, for people: a path, <c>npm:name@version</c>, <c>docker:image</c>.</summary>
    string Location { get; }

    /// <summary>Makes the connector runnable (builds a project, installs a missing package); a no-op when it is.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The process for one command. <paramref name="arguments"/> are the protocol's (<c>read --config PATH …</c>); the
    /// files they name are in <paramref name="filesDirectory"/>, which an executor may map (a container mounts it).
    /// </summary>
    ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory);
}

/// <summary>An executor whose connector is installed into the connectors home and can be removed again.</summary>
public interface IInstallableExecutor : IConnectorExecutor
{
    /// <summary>Whether the pinned version is installed.</summary>
    bool IsInstalled { get; }

    /// <summary>The pinned version.</summary>
    string Version { get; }

    /// <summary>Installs the pinned version unless it is already there.</summary>
    Task InstallAsync(CancellationToken cancellationToken);

    /// <summary>Removes the installed version; false when it was not installed.</summary>
    Task<bool> UninstallAsync(CancellationToken cancellationToken);
}
