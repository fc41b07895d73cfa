using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Execution;

/// <summary>
/// A connector published on npm, installed into its own folder of the connectors home
/// (<c>npm install --prefix HOME/npm/NAME/VERSION NAME@VERSION</c>), so versions and connectors never share
/// dependencies (as PyAirbyte gives each Python connector its own virtual environment). It runs with <c>node</c>, from
/// the package's <c>bin</c>.
/// </summary>
public sealed class NpmExecutor : IInstallableExecutor
{
    /// <summary>The file written once an install has completed, so a half-finished install is not taken for one.</summary>
    internal const string InstalledMarker = ".connectors-installed";

    private readonly SemaphoreSlim _install = new(1, 1);

    /// <summary>The package <paramref name="package"/> at <paramref name="version"/> (an exact version).</summary>
    public NpmExecutor(string package, string version, ConnectorHome? home = null)
    {
        if (string.IsNullOrWhiteSpace(package) || string.IsNullOrWhiteSpace(version))
        {
            throw new ArgumentException("An npm connector needs a package name and a pinned version (npm:NAME@VERSION).");
        }
        Package = package;
        Version = version;
        Home = home ?? ConnectorHome.Default;
    }

    /// <summary>The npm package.</summary>
    public string Package { get; }

    /// <inheritdoc />
    public string Version { get; }

    /// <summary>The connectors home it installs into.</summary>
    public ConnectorHome Home { get; }

    /// <summary>The folder of this version's install.</summary>
    public string Directory => Home.NpmPackageDirectory(Package, Version);

    /// <inheritdoc />
    public string Name => Package[(Package.LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public string Location => $"npm:{Package}@{Version}";

    /// <inheritdoc />
    public bool IsInstalled => File.Exists(Path.Combine(Directory, InstalledMarker));

    /// <summary>Installs the package when it is missing.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => InstallAsync(cancellationToken);

    /// <inheritdoc />
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        await _install.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsInstalled)
            {
                return;
            }
            System.IO.Directory.CreateDirectory(Directory);
            await Tool.RunAsync("npm",
                ["install", "--prefix", Directory, $"{Package}@{Version}", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "--omit=dev"],
                Directory, cancellationToken).ConfigureAwait(false);
            var installed = InstalledVersion();
            if (installed != Version)
            {
                throw new ConnectorException($"npm installed {Package} {installed ?? "(nothing)"} instead of {Version}.");
            }
            _ = BinPath();
            await File.WriteAllTextAsync(Path.Combine(Directory, InstalledMarker), $"{Package}@{Version}\n", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _install.Release();
        }
    }

    /// <inheritdoc />
    public Task<bool> UninstallAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return Task.FromResult(false);
        }
        System.IO.Directory.Delete(Directory, recursive: true);
        var packageFolder = Path.GetDirectoryName(Directory)!;
        if (System.IO.Directory.Exists(packageFolder) && System.IO.Directory.GetFileSystemEntries(packageFolder).Length == 0)
        {
            System.IO.Directory.Delete(packageFolder);
        }
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory)
    {
        if (!IsInstalled)
        {
            throw new ConnectorException($"{Location} is not installed; install it first (connectors install {Location}).");
        }
        var info = new ProcessStartInfo("node");
        info.ArgumentList.Add(BinPath());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private string PackageFolder => Path.Combine(Directory, "node_modules", Package);

    private string? InstalledVersion()
    {
        var manifest = Path.Combine(PackageFolder, "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return document.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
    }

    /// <summary>
    /// A package without a <c>bin</c> (connectors built on Faros's Airbyte CDK for JavaScript publish only a library whose
    /// <c>mainCommand()</c> returns the command line program): a launcher script beside the install calls it.
    /// </summary>
    private string Launcher()
    {
        var path = Path.Combine(Directory, "connectors-launcher.js");
        if (!File.Exists(path))
        {
            var package = JsonSerializer.Serialize(Package, NpmJson.Default.String);
            File.WriteAllText(path, $$"""
                // Written by Connectors.Client: runs a connector package that has no bin but exports mainCommand().
                const connector = require({{package}});
                if (typeof connector.mainCommand !== 'function') {
                  console.error({{package}} + ' has neither a bin nor a mainCommand() export.');
                  process.exit(2);
                }
                connector.mainCommand().parseAsync(process.argv).catch((error) => {
                  console.error(error);
                  process.exit(1);
                });

                """);
        }
        return path;
    }

    /// <summary>The script the package's <c>bin</c> names: the one named after the package, else the only or first one.</summary>
    private string BinPath()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(PackageFolder, "package.json")));
        var root = document.RootElement;
        string? relative = null;
        if (root.TryGetProperty("bin", out var bin))
        {
            if (bin.ValueKind == JsonValueKind.String)
            {
                relative = bin.GetString();
            }
            else if (bin.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in bin.EnumerateObject())
                {
                    relative ??= entry.Value.GetString();
                    if (entry.Name == Name)
                    {
                        relative = entry.Value.GetString();
                        break;
                    }
                }
            }
        }
        if (relative is null)
        {
            return Launcher();
        }
        var path = Path.GetFullPath(Path.Combine(PackageFolder, relative));
        if (path is null || !File.Exists(path))
        {
            throw new ConnectorException($"{Location} has no runnable bin in its package.json.");
        }
        return path;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class NpmJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
