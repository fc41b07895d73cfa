using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The connector-source template, installed from the packed Connectors.Templates into a private template cache,
/// instantiated outside the repository against the local feed, built, tested and run like a connector author would.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public partial class SourceTemplateTests(SdkFeed feed)
{
    private const string ProjectName = "Acme.Weather";
    private const string ConnectorName = "source-acme-weather";

    // One instance for all the tests of a run: instantiating and building is the expensive part.
    private static Task<Instance>? _instance;
    private static readonly object Gate = new();

    [Fact]
    public async Task Generated_project_builds_without_warnings_and_its_tests_pass()
    {
        var instance = await InstanceAsync();

        Assert.Matches(@"\b0 Warning\(s\)", instance.BuildOutput);
        var test = await DotnetCli.RunAsync(instance.Directory, DotnetCli.Build("test", "--no-build"));
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", test);
    }

    [Fact]
    public async Task Generated_connector_passes_spec_check_discover_and_read_with_its_own_config_and_catalog()
    {
        var instance = await InstanceAsync();
        var config = Path.Combine(instance.ConnectorDirectory, "config.json");
        var connector = Connector.BuiltAt(Path.Combine(instance.OutputDirectory, ConnectorName + ".dll"), File.ReadAllText(config));

        var spec = await connector.RunAsync("spec");
        var check = await connector.RunAsync("check", "--config", config);
        var discovered = await connector.DiscoverAsync();
        var read = await connector.RunAsync("read", "--config", config, "--catalog", Path.Combine(instance.ConnectorDirectory, "catalog.json"));

        Assert.True(spec.ExitCode == 0, spec.Describe());
        Assert.Equal("SUCCEEDED", check.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("status").GetString());
        var stream = Assert.Single(discovered.Catalog.GetProperty("streams").EnumerateArray());
        Assert.Equal("user_events", stream.GetProperty("name").GetString());
        Assert.True(read.ExitCode == 0, read.Describe());
        Assert.Equal(10, read.Records("user_events").Count);
        Assert.NotEmpty(read.States("user_events"));
    }

    [Fact]
    public async Task Dockerfile_follows_Airbyte_image_contract()
    {
        var instance = await InstanceAsync();
        var dockerfile = Dockerfile.Parse(File.ReadAllText(Path.Combine(instance.Directory, "Dockerfile")));
        var (name, version) = ConnectorAttribute(File.ReadAllText(Path.Combine(instance.ConnectorDirectory, "AcmeWeatherSource.cs")));

        var entrypoint = dockerfile.Entrypoint();
        Assert.NotNull(entrypoint);
        Assert.All(entrypoint, part => Assert.True(!part.Contains('/') || part.StartsWith('/'), $"'{part}' is a relative path"));
        Assert.StartsWith("/", entrypoint[0]);
        Assert.Equal(string.Join(" ", entrypoint), dockerfile.Environment()["AIRBYTE_ENTRYPOINT"]);
        // The entry point is the connector's own executable, which the build writes under the connector's name.
        Assert.Equal(name, Path.GetFileName(entrypoint[0]));
        Assert.True(File.Exists(Path.Combine(instance.OutputDirectory, name)), $"the build wrote no {name} executable");

        Assert.Equal(ConnectorName, name);
        Assert.Equal("airbyte/" + name, dockerfile.Labels()["io.airbyte.name"]);
        Assert.Equal(version, dockerfile.Labels()["io.airbyte.version"]);

        Assert.Equal("airbyte", dockerfile.User());
        var run = string.Join("\n", dockerfile.RunCommands());
        Assert.Matches(@"useradd\b[^&;\n]*\bairbyte\b", run);
        Assert.Matches(@"mkdir -p /airbyte\b", run);
        Assert.Matches(@"chown (-R )?airbyte:airbyte /airbyte(\s|$)", run);
    }

    [Fact]
    public async Task Without_docker_the_project_has_no_Dockerfile()
    {
        await InstanceAsync();
        var directory = feed.NewProjectDirectory("no-docker");

        await DotnetCli.RunAsync(directory, "new", "connector-source", "--name", "Plain", "--docker", "false",
            "--output", ".", "--debug:custom-hive", Hive);

        Assert.True(File.Exists(Path.Combine(directory, "src", "Plain", "PlainSource.cs")));
        Assert.False(File.Exists(Path.Combine(directory, "Dockerfile")));
        Assert.False(File.Exists(Path.Combine(directory, ".dockerignore")));
        Assert.DoesNotContain("Docker", File.ReadAllText(Path.Combine(directory, "README.md")));
    }

    private string Hive => Path.Combine(feed.Root, "template-hive");

    private Task<Instance> InstanceAsync()
    {
        lock (Gate)
        {
            return _instance ??= CreateAsync();
        }
    }

    private async Task<Instance> CreateAsync()
    {
        // A private template cache (--debug:custom-hive): installing does not touch the user's templates.
        await DotnetCli.RunAsync(feed.Root, "new", "install", feed.Package("Connectors.Templates"), "--debug:custom-hive", Hive);
        var directory = feed.NewProjectDirectory(ProjectName);
        await DotnetCli.RunAsync(directory, "new", "connector-source", "--name", ProjectName, "--stream", "user_events",
            "--sdk-version", feed.Version, "--output", ".", "--debug:custom-hive", Hive);
        var build = await DotnetCli.RunAsync(directory, DotnetCli.Build("build"));
        return new Instance(directory, build);
    }

    private static (string Name, string Version) ConnectorAttribute(string source)
    {
        var match = ConnectorAttributePattern().Match(source);
        Assert.True(match.Success, "no [Connector(\"name\", Version = \"…\")] in the generated source");
        return (match.Groups["name"].Value, match.Groups["version"].Value);
    }

    [GeneratedRegex("""\[Connector\("(?<name>[^"]+)"[^\]]*\bVersion\s*=\s*"(?<version>[^"]+)""")]
    private static partial Regex ConnectorAttributePattern();

    private sealed record Instance(string Directory, string BuildOutput)
    {
        public string ConnectorDirectory => Path.Combine(Directory, "src", ProjectName);

        public string OutputDirectory => Path.Combine(ConnectorDirectory, "bin", "Debug", "net10.0");
    }
}
