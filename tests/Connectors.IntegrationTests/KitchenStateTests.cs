using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Infrastructure.ReadAssertions;

namespace Connectors.IntegrationTests;

/// <summary>
/// A [Stream] method that keeps a page token as its state (the kitchen's 'pages' stream), run as a process: each STATE
/// comes after the records of its page, a read killed in its middle resumes from the last STATE it printed without
/// losing a record, and a saved state of another shape is a config error naming its JSON path.
/// </summary>
public class KitchenStateTests
{
    private static string StateFile(string name, string streamState) => TestFiles.Write(name,
        "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"pages\"},\"stream_state\":" + streamState + "}}]");

    private static string StreamState(JsonElement state) => state.GetProperty("stream").GetProperty("stream_state").GetRawText();

    [Fact]
    public async Task Each_state_follows_the_records_of_its_page_and_a_resume_reads_only_the_pages_after_it()
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 5 });
        var catalog = await Connector.Kitchen.CatalogAsync("incremental", "pages");

        var run = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        var timeline = run.Messages.Where(m => m.GetProperty("type").GetString() is "RECORD" or "STATE")
            .Select(m => m.GetProperty("type").GetString() == "RECORD" ? Id(m.GetProperty("record")).ToString(System.Globalization.CultureInfo.InvariantCulture) : StreamState(m.GetProperty("state")))
            .ToList();
        Assert.Equal(["1", "2", """{"next":"p2"}""", "3", "4", """{"next":"p3"}""", "5", """{"next":null}"""], timeline);
        CountsAreExact(run);

        var resumed = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", catalog,
            "--state", StateFile("pages-state.json", """{"next":"p2"}"""));

        Assert.True(resumed.ExitCode == 0, resumed.Describe());
        Assert.Equal([3L, 4, 5], resumed.Records("pages").Select(Id));
    }

    [Fact]
    public async Task A_read_killed_in_its_middle_resumes_from_its_last_state_without_losing_a_record()
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 400, delay_ms = 5 });
        var catalog = await Connector.Kitchen.CatalogAsync("incremental", "pages");

        await using var running = await Connector.Kitchen.StartAsync(["read", "--config", config, "--catalog", catalog]);
        await running.WaitForLinesAsync(line => line.Contains("\"type\":\"STATE\""), 3, "three states");
        await running.KillAsync();
        var seen = running.LinesSoFar().Where(IsJson).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var lastState = seen.Last(m => m.GetProperty("type").GetString() == "STATE");
        var before = seen.TakeWhile(m => m.GetRawText() != lastState.GetRawText())
            .Where(m => m.GetProperty("type").GetString() == "RECORD")
            .Select(m => Id(m.GetProperty("record")))
            .ToHashSet();
        Assert.True(before.Count is > 0 and < 400, $"{before.Count} records before the last state");

        var resumed = await Connector.Kitchen.RunAsync("read", "--config", TestFiles.Json("config", new { api_key = "k-1", records = 400 }),
            "--catalog", catalog, "--state", StateFile("pages-killed-state.json", StreamState(lastState.GetProperty("state"))));

        Assert.True(resumed.ExitCode == 0, resumed.Describe());
        var after = resumed.Records("pages").Select(Id).ToList();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), before.Concat(after).Distinct().Order());
        Assert.True(after.Count < 400, "the resume starts from the checkpoint, not from the beginning");
    }

    [Theory]
    [InlineData("""{"page":3}""", "$[0].stream.stream_state.page: not part of the state this stream saves (PageToken: next)")]
    [InlineData("""{"next":7}""", "$[0].stream.stream_state.next: The JSON value could not be converted to Kitchen.PageToken")]
    public async Task A_saved_state_of_another_shape_is_a_config_error_naming_its_path(string saved, string problem)
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 5 });

        var run = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", await Connector.Kitchen.CatalogAsync("incremental", "pages"),
            "--state", StateFile("pages-bad-state.json", saved));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The state file '", error.GetProperty("message").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString());
        Assert.Empty(run.Records("pages"));
    }

}
