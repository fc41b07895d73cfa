using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Connectors.Client.Execution;

/// <summary>
/// The folder the client keeps its things in: npm connectors (<c>npm/NAME/VERSION</c>, one isolated install per version)
/// the default SQLite cache (<c>cache/default.sqlite</c>) and connectors' cached specs (<c>spec-cache/</c>). <c>$CONNECTORS_HOME</c>, else <c>~/.connectors</c>.
/// </summary>
public sealed class ConnectorHome
{
    /// <summary>A home at <paramref name="root"/>.</summary>
    public ConnectorHome(string root) => Root = Path.GetFullPath(root);

    /// <summary>The home from <c>$CONNECTORS_HOME</c>, else <c>~/.connectors</c>.</summary>
    public static ConnectorHome Default
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CONNECTORS_HOME");
            return new ConnectorHome(!string.IsNullOrEmpty(configured)
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".connectors"));
        }
    }

    /// <summary>The home folder.</summary>
    public string Root { get; }

    /// <summary>Where npm connectors are installed.</summary>
    public string NpmRoot => Path.Combine(Root, "npm");

    /// <summary>The default cache's file.</summary>
    public string DefaultCachePath => Path.Combine(Root, "cache", "default.sqlite");

    /// <summary>Where connectors' SPEC messages are cached (one file per connector build; safe to delete).</summary>
    public string SpecCacheDirectory => Path.Combine(Root, "spec-cache");

    /// <summary>The folder of one npm package version.</summary>
    public string NpmPackageDirectory(string package, string version) =>
        Path.Combine(NpmRoot, package.Replace('/', '+'), version);

    /// <summary>The installed npm connectors, by name and version.</summary>
    public IReadOnlyList<InstalledConnector> ListInstalled()
    {
        if (!Directory.Exists(NpmRoot))
        {
            return Array.Empty<InstalledConnector>();
        }
        return Directory.GetDirectories(NpmRoot)
            .SelectMany(package => Directory.GetDirectories(package).Select(version => (package, version)))
            .Where(p => File.Exists(Path.Combine(p.version, NpmExecutor.InstalledMarker)))
            .Select(p => new InstalledConnector(
                Path.GetFileName(p.package).Replace('+', '/'), Path.GetFileName(p.version), "npm", p.version))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A connector installed in the connectors home.</summary>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The installed version.</param>
/// <param name="Kind">How it was installed (<c>npm</c>).</param>
/// <param name="Directory">Its folder.</param>
public sealed record InstalledConnector(string Name, string Version, string Kind, string Directory);
