using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The SDK's packages (those build/sdk-packages.slnf lists, as build/local-feed.sh packs them), packed once per test run into
/// a local folder feed, under a version no earlier run used, so no package cache can stand in for them. Projects made
/// in <see cref="NewProjectDirectory"/> restore the SDK from this feed only (package source mapping) and everything else
/// from the machine's usual source.
/// </summary>
public sealed class SdkFeed : IAsyncLifetime
{
    /// <summary>The packages, as build/local-feed.sh packs them: the solution filter listing every SDK project.</summary>
    private const string PackedProjects = "build/sdk-packages.slnf";

    /// <summary>A guard against hangs, not a timing.</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(30);

    private int _projects;

    public SdkFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "connectors-packaging-tests-" + Environment.ProcessId);
        Feed = Path.Combine(Root, "feed");
        Version = $"{RepositoryVersion()}-local.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    }

    /// <summary>The repository (the directory holding Connectors.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A temporary directory outside the repository, so none of its Directory.Build.props applies.</summary>
    public string Root { get; }

    /// <summary>The local folder feed holding the packed .nupkg files.</summary>
    public string Feed { get; }

    /// <summary>The version every package of this run carries.</summary>
    public string Version { get; }

    /// <summary>The packed file of one package.</summary>
    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>A new empty directory under <see cref="Root"/> whose nuget.config (one level up) points at the feed.</summary>
    public string NewProjectDirectory(string name)
    {
        var directory = Path.Combine(Root, "projects", System.Threading.Interlocked.Increment(ref _projects) + "-" + name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// A new console project (<paramref name="name"/>.csproj and a Program.cs that prints a line) referencing the feed's
    /// <paramref name="packages"/>, with <paramref name="properties"/> (MSBuild property elements) in its PropertyGroup.
    /// </summary>
    public string NewConsoleProject(string name, string properties, params string[] packages)
    {
        var directory = NewProjectDirectory(name);
        var references = string.Concat(packages.Select(id => $"\n    <PackageReference Include=\"{id}\" Version=\"{Version}\" />"));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $"System.Console.WriteLine(\"{name}\");\n");
        File.WriteAllText(Path.Combine(directory, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>{name}</AssemblyName>
                {properties}
              </PropertyGroup>
              <ItemGroup>{references}
              </ItemGroup>
            </Project>
            """);
        return directory;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), NuGetConfig(Feed));
        // One pack for every package (one restore; each shared project checked once). Same configuration as the tests, so
        // the solution's build outputs are reused; only the package version differs. The guard covers all eight packages:
        // when the native publishes' restore (NativeBuilds, linux-x64) has just rewritten the shared projects' assets
        // files, this pack restores them back and recompiles the SDK in every target framework (over 8 minutes at load 50).
        await DotnetCli.RunAsync(RepoRoot, PackTimeout, DotnetCli.Build("pack", PackedProjects, "--configuration", Configuration,
            "--output", Feed, "-p:PackageVersion=" + Version));
    }

    public Task DisposeAsync()
    {
        TryDelete(Root);
        DeleteFromPackageCache(Version);
        return Task.CompletedTask;
    }

    /// <summary>The machine's NuGet global packages folder, where restores extract packages.</summary>
    public static string PackageCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Deletes one version of the SDK's packages from <see cref="PackageCache"/>: nothing will use it again.</summary>
    public static void DeleteFromPackageCache(string version)
    {
        foreach (var id in new[] { "connectors.abstractions", "connectors.runtime", "connectors.execution", "connectors.http", "connectors.platform.sqlite", "connectors.testing", "connectors.runtime.conduit", "connectors.templates" })
        {
            TryDelete(Path.Combine(PackageCache, id, version.ToLowerInvariant()));
            if (Directory.Exists(Path.Combine(PackageCache, id)) && !Directory.EnumerateFileSystemEntries(Path.Combine(PackageCache, id)).Any())
            {
                TryDelete(Path.Combine(PackageCache, id));
            }
        }
    }

    /// <summary>
    /// The SDK from the local feed only; everything else (xunit, Microsoft.Extensions.Logging.Abstractions, …) from
    /// nuget.org, the machine's usual source. The mapping makes a Connectors.* package from anywhere else impossible.
    /// </summary>
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="connectors-local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="connectors-local">
              <package pattern="Connectors.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    /// <summary>The configuration the tests were built in; packing it reuses the solution's build outputs.</summary>
    public static string Configuration =>
        typeof(SdkFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>ConnectorsVersion in Directory.Build.props: the one place the SDK's version is set.</summary>
    public static string RepositoryVersion() =>
        XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("ConnectorsVersion").Single().Value;

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connectors.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Connectors.sln above {AppContext.BaseDirectory}.");
    }

    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Tests that share one <see cref="SdkFeed"/>; they run one after another (each restores and builds).</summary>
[CollectionDefinition(Name)]
public sealed class SdkFeedCollection : ICollectionFixture<SdkFeed>
{
    public const string Name = "SDK packages in a local feed";
}
