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
    public async Task Generated_destination_overwrites_only_a_complete_stream_and_leaves_the_old_file_otherwise()
    {
        var instance = await InstanceAsync();
        var output = feed.NewProjectDirectory("lake-overwrite");
        var config = TestFiles.Json("acme-lake-config", new { destination_path = output });
        var connector = Connector.BuiltAt(Path.Combine(instance.OutputDirectory, ConnectorName + ".dll"), discoverConfig: null);
        var catalog = TestFiles.Write("catalog.json", File.ReadAllText(Path.Combine(instance.ConnectorDirectory, "catalog.json"))
            .Replace("\"destination_sync_mode\": \"append\"", "\"destination_sync_mode\": \"overwrite\", \"generation_id\": 1"));
        var input = File.ReadAllLines(Path.Combine(instance.ConnectorDirectory, "input.jsonl"));
        var stored = Path.Combine(output, "orders.jsonl");
        File.WriteAllText(stored, "{\"id\":0}\n");

        // The input cut after its first state: no COMPLETE, so the old file stays and the write fails.
        var cut = await Pipe.WriteAsync(connector, ["write", "--config", config, "--catalog", catalog], input.TakeWhile(line => !Pipe.IsState(line)).Append(input.First(Pipe.IsState)));
        Assert.True(cut.ExitCode == 1, cut.Describe());
        Assert.Equal("transient_error", Assert.Single(cut.Errors).GetProperty("failure_type").GetString());
        Assert.Equal(["{\"id\":0}"], File.ReadAllLines(stored));

        // The retry resumes after the echoed state, into the staging file of the same generation; the stream completes,
        // and only now is the file replaced, with the records of both attempts.
        var complete = await Pipe.WriteAsync(connector, ["write", "--config", config, "--catalog", catalog], input.SkipWhile(line => !Pipe.IsState(line)).Skip(1));
        Assert.True(complete.ExitCode == 0, complete.Describe());
        Assert.Equal(input.Where(Pipe.IsRecord).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("record").GetProperty("data").GetRawText()),
            File.ReadAllLines(stored));
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
