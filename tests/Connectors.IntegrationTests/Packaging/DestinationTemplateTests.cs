using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The connector-destination template, instantiated outside the repository against the local feed, built, tested and
/// run with the sample input it ships with, like a connector author would.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class DestinationTemplateTests(SdkFeed feed)
{
    private const string ProjectName = "Acme.Lake";
    private const string ConnectorName = "destination-acme-lake";

    // One instance for all the tests of a run: instantiating and building is the expensive part.
    private static Task<TemplateProjects.Built>? _instance;
    private static readonly object Gate = new();

    [Fact]
    public async Task Generated_project_builds_without_warnings_and_its_tests_pass()
    {
        var instance = await InstanceAsync();

        Assert.Matches(@"\b0 Warning\(s\)", instance.BuildOutput);
        // Its unit tests and the 12 rules of the acceptance kit for destinations (Connectors.Testing from the feed).
        await TemplateProjects.AssertTestsPassAsync(instance, atLeast: 16);
    }

    [Fact]
    public async Task Generated_destination_stores_its_sample_input_and_echoes_every_state_after_the_records()
    {
        var instance = await InstanceAsync();
        var output = feed.NewProjectDirectory("lake-output");
        var config = TestFiles.Json("acme-lake-config", new { destination_path = output });
        var connector = Connector.BuiltAt(Path.Combine(instance.OutputDirectory, ConnectorName + ".dll"), discoverConfig: null);
        var input = File.ReadAllLines(Path.Combine(instance.ConnectorDirectory, "input.jsonl"));

        var spec = await connector.RunAsync("spec");
        var check = await connector.RunAsync("check", "--config", config);
        var write = await Pipe.WriteAsync(connector, ["write", "--config", config, "--catalog", Path.Combine(instance.ConnectorDirectory, "catalog.json")], input);

        Assert.True(spec.ExitCode == 0, spec.Describe());
        Assert.Equal(["append", "overwrite"], spec.OfType("SPEC").Single().GetProperty("spec").GetProperty("supported_destination_sync_modes")
            .EnumerateArray().Select(mode => mode.GetString()));
        Assert.Equal("SUCCEEDED", check.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("status").GetString());
        Assert.True(write.ExitCode == 0, write.Describe());
        var inputStates = input.Where(Pipe.IsState).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("state")).ToList();
        var echoed = write.OfType("STATE").Select(message => message.GetProperty("state")).ToList();
        Assert.Equal(inputStates.Count, echoed.Count);
        Assert.Equal(inputStates.Select(s => s.GetProperty("stream").GetRawText()), echoed.Select(s => s.GetProperty("stream").GetRawText()));
        Assert.Equal([2, 1], echoed.Select(s => s.GetProperty("destinationStats").GetProperty("recordCount").GetDouble()));
        var stored = File.ReadAllLines(Path.Combine(output, "orders.jsonl"));
        var sent = input.Where(line => line.Contains("\"RECORD\"")).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("record").GetProperty("data").GetRawText());
        Assert.Equal(sent, stored);
    }

    [Fact]
    public async Task Dockerfile_follows_Airbyte_image_contract()
    {
        var instance = await InstanceAsync();

        TemplateProjects.AssertAirbyteImageContract(Path.Combine(instance.Directory, "Dockerfile"),
            File.ReadAllText(Path.Combine(instance.ConnectorDirectory, "AcmeLakeDestination.cs")), instance.OutputDirectory, ConnectorName);
    }

    private Task<TemplateProjects.Built> InstanceAsync()
    {
        lock (Gate)
        {
            return _instance ??= TemplateProjects.NewAndBuildAsync(feed, "connector-destination", ProjectName, "--stream", "orders");
        }
    }
}
