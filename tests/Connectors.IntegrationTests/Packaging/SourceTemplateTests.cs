using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The connector-source template, installed from the packed Connectors.Templates into a private template cache,
/// instantiated outside the repository against the local feed, built, tested and run like a connector author would.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class SourceTemplateTests(SdkFeed feed)
{
    private const string ProjectName = "Acme.Weather";
    private const string ConnectorName = "source-acme-weather";

    // One instance for all the tests of a run: instantiating and building is the expensive part.
    private static Task<TemplateProjects.Built>? _instance;
    private static readonly object Gate = new();

    [Fact]
    public async Task Generated_project_builds_without_warnings_and_its_tests_pass()
    {
        var instance = await InstanceAsync();

        Assert.Matches(@"\b0 Warning\(s\)", instance.BuildOutput);
        // Its three unit tests and the 21 rules of the acceptance kit (Connectors.Testing from the feed).
        await TemplateProjects.AssertTestsPassAsync(instance, atLeast: 24);
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
    public async Task Generated_project_publishes_a_native_executable_without_trim_or_AOT_warnings()
    {
        var instance = await InstanceAsync();

        await TemplateProjects.AssertPublishesNativeAsync(instance, ConnectorName);
    }

    [Fact]
    public async Task Dockerfile_follows_Airbyte_image_contract()
    {
        var instance = await InstanceAsync();

        TemplateProjects.AssertAirbyteImageContract(Path.Combine(instance.Directory, "Dockerfile"),
            File.ReadAllText(Path.Combine(instance.ConnectorDirectory, "AcmeWeatherSource.cs")), instance.OutputDirectory, ConnectorName);
    }

    [Fact]
    public async Task Without_docker_the_project_has_no_Dockerfile()
    {
        var directory = await TemplateProjects.NewAsync(feed, "connector-source", "Plain", "--docker", "false");

        Assert.True(File.Exists(Path.Combine(directory, "src", "Plain", "PlainSource.cs")));
        Assert.False(File.Exists(Path.Combine(directory, "Dockerfile")));
        Assert.False(File.Exists(Path.Combine(directory, ".dockerignore")));
        Assert.DoesNotContain("Docker", File.ReadAllText(Path.Combine(directory, "README.md")));
    }

    private Task<TemplateProjects.Built> InstanceAsync()
    {
        lock (Gate)
        {
            return _instance ??= TemplateProjects.NewAndBuildAsync(feed, "connector-source", ProjectName, "--stream", "user_events");
        }
    }
}
