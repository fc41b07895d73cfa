using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Connectors.IntegrationTests.Packaging;
using Xunit;

namespace Connectors.IntegrationTests.NativeAot;

/// <summary>
/// Native AOT builds of every connector the native tests run, published once per test run as <c>dotnet publish -c Release
/// -r linux-x64</c> would (each project sets <c>PublishAot</c>), in one MSBuild invocation: one restore, the referenced
/// projects (Connectors.Runtime…) built in Release once, then each project's native compile, one after the other (each
/// takes both cores of a CI machine). Seven separate <c>dotnet publish</c> runs repeated the restore, the evaluation and the
/// up-to-date checks of the shared projects seven times. Each project's native-code step is forced to run (its previous
/// output is deleted first), so the trim and AOT analysis warnings it prints are this run's, never skipped as up to date.
/// Needs clang and lld (<c>apt-get install -y clang lld</c>; .ci/run installs them).
/// </summary>
public sealed class NativeBuilds : IAsyncLifetime
{
    /// <summary>The runtime identifier the tests publish for (the test machines are linux-x64).</summary>
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>
    /// A guard against hangs, not a timing: a native compile takes about a minute on a quiet two-core machine, and many
    /// times that while the rest of the suite runs beside it on the same cores (8 minutes each were not enough at load 65).
    /// </summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(60);

    /// <summary>Every project published native: its folder (relative to the repository), its executable and its discover config.</summary>
    private static readonly (string Project, string Executable, string? DiscoverConfig)[] Projects =
    [
        (Path.Combine("samples", "Instrument.Connector"), "instrument-connector", """{"watch_folder": "."}"""),
        (Path.Combine("tests", "TestConnectors", "Journal.Destination"), "destination-journal", null),
        (Path.Combine("samples", "Faker.Source"), "source-faker", null),
        (Path.Combine("samples", "NpmRegistry.Source"), "source-npm-registry", null),
        (Path.Combine("samples", "Shell.Connector"), "shell-connector", null),
        (Path.Combine("samples", "Sqlite.Destination"), "destination-sqlite", null),
        (Path.Combine("samples", "Postgres.Destination"), "destination-postgres", null),
    ];

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, Build> _builds = new(StringComparer.Ordinal);

    /// <summary>The Instrument sample, native: source (spec, check, discover, read) and command host (serve).</summary>
    internal Build Instrument => this["instrument-connector"];

    /// <summary>The Journal test destination, native.</summary>
    internal Build Journal => this["destination-journal"];

    /// <summary>The native build of the connector whose executable is <paramref name="executable"/>.</summary>
    internal Build this[string executable] => _builds[executable];

    /// <summary>Everything the one publish printed (every project's warnings carry the project's path).</summary>
    internal string PublishLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var items = new List<string>();
        foreach (var (project, _, _) in Projects)
        {
            // Each project's default publish folder: the same global properties for every project, so the projects they
            // share are built (or found up to date) once, not once per publish folder.
            foreach (var previous in new[] { NativeDirectory(project), PublishDirectory(project) })
            {
                if (Directory.Exists(previous))
                {
                    Directory.Delete(previous, recursive: true);
                }
            }
            items.Add($"""    <NativeProject Include="{SecurityElement.Escape(ProjectFile(project))}" />""");
        }
        var traversal = _folder.Write("publish-native.proj", $"""
            <Project>
              <!-- What `dotnet publish -c Release -r {RuntimeIdentifier}` sets, for every project at once. -->
              <PropertyGroup>
                <NativePublishProperties>Configuration=Release;RuntimeIdentifier={RuntimeIdentifier};_IsPublishing=true</NativePublishProperties>
              </PropertyGroup>
              <ItemGroup>
            {string.Join("\n", items)}
              </ItemGroup>
              <Target Name="Restore">
                <MSBuild Projects="@(NativeProject)" Targets="Restore" Properties="$(NativePublishProperties)" />
              </Target>
              <Target Name="Publish">
                <!-- One project's failure does not stop the others: each test reports its own project. -->
                <MSBuild Projects="@(NativeProject)" Targets="Publish" Properties="$(NativePublishProperties)" StopOnFirstFailure="false" />
              </Target>
            </Project>
            """);
        var run = await DotnetCli.TryRunAsync(SdkFeed.RepoRoot, PublishTimeout,
            DotnetCli.Build("msbuild", traversal, "-restore", "-t:Publish", "-m:1", "-nologo", "-v:minimal"));
        PublishLog = $"dotnet msbuild publish-native.proj exited with {run.ExitCode}\n{run.Output}";
        foreach (var (project, executable, discoverConfig) in Projects)
        {
            _builds[executable] = new Build(executable, ProjectFile(project), NativeDirectory(project), PublishDirectory(project), discoverConfig, PublishLog);
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static string PublishDirectory(string project) =>
        Path.Combine(SdkFeed.RepoRoot, project, "bin", "Release", "net10.0", RuntimeIdentifier, "publish");

    private static string ProjectFile(string project) =>
        Directory.GetFiles(Path.Combine(SdkFeed.RepoRoot, project), "*.csproj").Single();

    private static string NativeDirectory(string project) =>
        Path.Combine(SdkFeed.RepoRoot, project, "obj", "Release", "net10.0", RuntimeIdentifier, "native");

    /// <summary>A connector published native, and what the publish printed.</summary>
    internal sealed record Build(string Name, string ProjectFile, string NativeDirectory, string OutputDirectory, string? DiscoverConfig, string PublishLog)
    {
        private readonly Lazy<Connector> _connector = new(() => Connector.BuiltAt(Path.Combine(OutputDirectory, Name), DiscoverConfig));

        /// <summary>The native executable (fails, naming it, when the publish wrote none).</summary>
        public Connector Connector => _connector.Value;

        /// <summary>The native compiler ran for this project in this publish: its object file is new (the folder was deleted before).</summary>
        public bool NativeCodeGenerated => File.Exists(Path.Combine(NativeDirectory, Name + ".o"));

        /// <summary>Every trim (IL2xxx) and AOT (IL3xxx) analysis warning the publish printed for this project, one per line.</summary>
        public IReadOnlyList<string> TrimAndAotWarnings =>
            NativeBuilds.TrimAndAotWarnings(PublishLog).Where(line => line.Contains(ProjectFile, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Every trim (IL2xxx) and AOT (IL3xxx) analysis warning in a publish's output, one per line.</summary>
    internal static IReadOnlyList<string> TrimAndAotWarnings(string log) =>
        log.Split('\n').Where(line => Regex.IsMatch(line, @"\bIL[23]\d{3}\b")).Distinct().ToList();
}

/// <summary>
/// The test classes that run native builds share one <see cref="NativeBuilds"/>: every native executable is published once
/// per run, for every class of the collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativePublishes : ICollectionFixture<NativeBuilds>
{
    public const string Name = "Native publishes";
}
