using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Connectors.IntegrationTests.NativeAot;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The packed Connectors.Templates, installed once per run into a private template cache (--debug:custom-hive, so the
/// user's templates are untouched), and projects instantiated from it outside the repository against the local feed.
/// </summary>
internal static partial class TemplateProjects
{
    private static Task? _installed;
    private static readonly object Gate = new();

    public static string Hive(SdkFeed feed) => Path.Combine(feed.Root, "template-hive");

    /// <summary>An instantiated and built project: its directory, its connector project's name and the build's output.</summary>
    public sealed record Built(string Directory, string ProjectName, string BuildOutput)
    {
        public string ConnectorDirectory => Path.Combine(Directory, "src", ProjectName);

        public string OutputDirectory => Path.Combine(ConnectorDirectory, "bin", "Debug", "net10.0");
    }

    /// <summary>Instantiates <paramref name="template"/> and builds the result.</summary>
    public static async Task<Built> NewAndBuildAsync(SdkFeed feed, string template, string projectName, params string[] options)
    {
        var directory = await NewAsync(feed, template, projectName, options);
        return new Built(directory, projectName, await DotnetCli.RunAsync(directory, DotnetCli.Build("build")));
    }

    /// <summary>
    /// Runs the built solution's tests and checks that none failed and at least <paramref name="atLeast"/> ran (passed or,
    /// for an acceptance rule that does not apply to the template's connector, skipped).
    /// </summary>
    public static async Task AssertTestsPassAsync(Built project, int atLeast)
    {
        var test = await DotnetCli.RunAsync(project.Directory, DotnetCli.Build("test", "--no-build"));
        var summary = TestSummary().Match(test);
        Assert.True(summary.Success, test);
        Assert.True(int.Parse(summary.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture) >= atLeast, test);
    }

    [GeneratedRegex(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9][0-9]*, Skipped:\s+[0-9]+, Total:\s+(?<total>[0-9]+)")]
    private static partial Regex TestSummary();

    /// <summary>
    /// Publishes the project's connector as the template sets it up (<c>PublishAot</c>) and checks what a user shipping it
    /// depends on: the native compile ran, printed no trim (IL2xxx) or AOT (IL3xxx) warning, and the executable answers
    /// <c>spec</c> exactly as the JIT build does.
    /// </summary>
    public static async Task AssertPublishesNativeAsync(Built project, string connectorName)
    {
        var output = Path.Combine(project.Directory, "native");
        var log = await DotnetCli.RunAsync(project.ConnectorDirectory, TimeSpan.FromMinutes(25),
            DotnetCli.Build("publish", "-c", "Release", "-r", NativeBuilds.RuntimeIdentifier, "-o", output, "-nologo", "-v", "minimal"));
        var warnings = log.Split('\n').Where(line => Regex.IsMatch(line, @"\bIL[23]\d{3}\b")).Distinct().ToList();

        Assert.True(log.Contains("Generating native code"), $"no native compile in\n{log}");
        Assert.True(warnings.Count == 0, $"trim/AOT warnings:\n{string.Join("\n", warnings)}");
        var native = await Connector.BuiltAt(Path.Combine(output, connectorName), discoverConfig: null).RunAsync("spec");
        var jit = await Connector.BuiltAt(Path.Combine(project.OutputDirectory, connectorName + ".dll"), discoverConfig: null).RunAsync("spec");
        Assert.True(native.ExitCode == 0, native.Describe());
        Assert.Equal(jit.Stdout, native.Stdout);
    }

    /// <summary>Instantiates <paramref name="template"/> into a new directory and returns it.</summary>
    public static async Task<string> NewAsync(SdkFeed feed, string template, string projectName, params string[] options)
    {
        await InstallAsync(feed);
        var directory = feed.NewProjectDirectory(projectName);
        // No --sdk-version: its default must be the version the templates were packed with, this run's.
        await DotnetCli.RunAsync(directory, ["new", template, "--name", projectName, .. options,
            "--output", ".", "--debug:custom-hive", Hive(feed)]);
        return directory;
    }

    /// <summary>
    /// Checks Airbyte's image contract on the instantiated Dockerfile: ENTRYPOINT of absolute paths equal to
    /// AIRBYTE_ENTRYPOINT, the connector's own executable, labels matching [Connector]'s name and version, a non-root
    /// airbyte user and a writable /airbyte.
    /// </summary>
    public static void AssertAirbyteImageContract(string dockerfilePath, string connectorSource, string outputDirectory, string expectedName)
    {
        var dockerfile = Dockerfile.Parse(File.ReadAllText(dockerfilePath));
        var match = ConnectorAttributePattern().Match(connectorSource);
        Assert.True(match.Success, "no [Connector(\"name\", Version = \"…\")] in the generated source");
        var (name, version) = (match.Groups["name"].Value, match.Groups["version"].Value);

        var entrypoint = dockerfile.Entrypoint();
        Assert.NotNull(entrypoint);
        Assert.All(entrypoint, part => Assert.True(!part.Contains('/') || part.StartsWith('/'), $"'{part}' is a relative path"));
        Assert.StartsWith("/", entrypoint[0]);
        Assert.Equal(string.Join(" ", entrypoint), dockerfile.Environment()["AIRBYTE_ENTRYPOINT"]);
        // The entry point is the connector's own executable, which the build writes under the connector's name.
        Assert.Equal(name, Path.GetFileName(entrypoint[0]));
        Assert.True(File.Exists(Path.Combine(outputDirectory, name)), $"the build wrote no {name} executable");

        Assert.Equal(expectedName, name);
        Assert.Equal("airbyte/" + name, dockerfile.Labels()["io.airbyte.name"]);
        Assert.Equal(version, dockerfile.Labels()["io.airbyte.version"]);

        Assert.Equal("airbyte", dockerfile.User());
        var run = string.Join("\n", dockerfile.RunCommands());
        Assert.Matches(@"useradd\b[^&;\n]*\bairbyte\b", run);
        Assert.Matches(@"mkdir -p /airbyte\b", run);
        Assert.Matches(@"chown (-R )?airbyte:airbyte /airbyte(\s|$)", run);
    }

    private static Task InstallAsync(SdkFeed feed)
    {
        lock (Gate)
        {
            return _installed ??= DotnetCli.RunAsync(feed.Root, "new", "install", feed.Package("Connectors.Templates"), "--debug:custom-hive", Hive(feed));
        }
    }

    [GeneratedRegex("""\[Connector\("(?<name>[^"]+)"[^\]]*\bVersion\s*=\s*"(?<version>[^"]+)""")]
    private static partial Regex ConnectorAttributePattern();
}
