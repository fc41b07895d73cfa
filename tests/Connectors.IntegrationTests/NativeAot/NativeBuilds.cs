using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Connectors.IntegrationTests.Packaging;
using Xunit;

namespace Connectors.IntegrationTests.NativeAot;

/// <summary>
/// Native AOT builds of a representative set of connectors, published once per test run with <c>dotnet publish -c Release
/// -r linux-x64</c> (each project sets <c>PublishAot</c>): the Instrument sample (an Airbyte source and a command host in
/// one executable) and the Journal destination. Each publish's own native-code step is forced to run (its previous output
/// is deleted first), so the trim and AOT analysis warnings it prints are this run's, never skipped as up to date.
/// Needs clang and lld (<c>apt-get install -y clang lld</c>; .ci/run installs them).
/// </summary>
public sealed class NativeBuilds : IAsyncLifetime
{
    /// <summary>The runtime identifier the tests publish for (the test machines are linux-x64).</summary>
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>
    /// A guard against hangs, not a timing: a native compile takes about a minute on a quiet two-core machine, and many
    /// times that while the rest of the suite runs beside it on the same cores (8 minutes were not enough at load 65).
    /// </summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);

    private readonly TempFolder _output = new();

    /// <summary>The Instrument sample, native: source (spec, check, discover, read) and command host (serve).</summary>
    internal Build Instrument { get; private set; } = null!;

    /// <summary>The Journal test destination, native.</summary>
    internal Build Journal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // One after the other: each native compile takes both cores of a CI machine.
        Instrument = await PublishAsync(Path.Combine("samples", "Instrument.Connector"), "instrument-connector", """{"watch_folder": "."}""");
        Journal = await PublishAsync(Path.Combine("tests", "TestConnectors", "Journal.Destination"), "destination-journal", discoverConfig: null);
    }

    public Task DisposeAsync()
    {
        _output.Dispose();
        return Task.CompletedTask;
    }

    private Task<Build> PublishAsync(string project, string executable, string? discoverConfig) =>
        PublishAsync(project, executable, discoverConfig, _output.Path);

    /// <summary>Publishes a project of this repository native into a folder of <paramref name="outputRoot"/>, forcing the native compile to run.</summary>
    internal static async Task<Build> PublishAsync(string project, string executable, string? discoverConfig, string outputRoot)
    {
        var projectDirectory = Path.Combine(SdkFeed.RepoRoot, project);
        var native = Path.Combine(projectDirectory, "obj", "Release", "net10.0", RuntimeIdentifier, "native");
        if (Directory.Exists(native))
        {
            Directory.Delete(native, recursive: true);
        }
        var output = Path.Combine(outputRoot, executable);
        var log = await DotnetCli.RunAsync(projectDirectory, PublishTimeout,
            DotnetCli.Build("publish", "-c", "Release", "-r", RuntimeIdentifier, "-o", output, "-nologo", "-v", "minimal"));
        var path = Path.Combine(output, executable);
        return new Build(Connector.BuiltAt(path, discoverConfig), output, log);
    }

    /// <summary>A published native connector and what its publish printed.</summary>
    internal sealed record Build(Connector Connector, string OutputDirectory, string PublishLog)
    {
        /// <summary>Every trim (IL2xxx) and AOT (IL3xxx) analysis warning the publish printed, one per line.</summary>
        public IReadOnlyList<string> TrimAndAotWarnings =>
            PublishLog.Split('\n').Where(line => Regex.IsMatch(line, @"\bIL[23]\d{3}\b")).Distinct().ToList();
    }
}

/// <summary>
/// The test classes that publish native builds run one after the other: two Release publishes at once would build the same
/// referenced projects (Connectors.Runtime…) into the same obj folders, and each native compile takes both cores anyway.
/// The Instrument and Journal builds are published once for every class of the collection that runs them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativePublishes : ICollectionFixture<NativeBuilds>
{
    public const string Name = "Native publishes";
}
