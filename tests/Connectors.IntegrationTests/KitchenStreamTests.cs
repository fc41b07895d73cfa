using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Infrastructure.ReadAssertions;

namespace Connectors.IntegrationTests;

/// <summary>
/// A stream that fails is INCOMPLETE with a TRACE ERROR naming it, the streams after it are still read, and the exit code
/// says the read failed; logging follows --debug and LOG_LEVEL.
/// </summary>
public class KitchenStreamTests
{
    [Fact]
    public async Task A_failing_stream_is_INCOMPLETE_with_an_error_and_later_streams_still_complete()
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 10, fail_after = 3 });
        var catalog = await Connector.Kitchen.CatalogAsync("full_refresh", "failing", "forbidden", "numbers");

        var run = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(["STARTED", "RUNNING", "INCOMPLETE"], run.Statuses("failing"));
        Assert.Equal([1L, 2, 3], run.Records("failing").Select(Id));
        Assert.Equal(["STARTED", "INCOMPLETE"], run.Statuses("forbidden"));
        Assert.Equal(10, run.Records("numbers").Count);
        CompleteAndCheckpointed(run, "numbers");
        var errors = run.Errors.ToDictionary(e => e.GetProperty("stream_descriptor").GetProperty("name").GetString()!);
        Assert.Equal(["failing", "forbidden"], errors.Keys.Order());
        Assert.Equal("system_error", errors["failing"].GetProperty("failure_type").GetString());
        Assert.Contains("The kitchen rejected api key", errors["failing"].GetProperty("message").GetString());
        Assert.Equal("config_error", errors["forbidden"].GetProperty("failure_type").GetString());
        Assert.Contains("may not read the forbidden stream", errors["forbidden"].GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_incremental_stream_that_fails_has_checkpointed_only_records_it_emitted()
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 10, fail_after = 6 });
        var catalog = await Connector.Kitchen.CatalogAsync("incremental", "failing");

        var run = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 1, run.Describe());
        var emitted = run.Records("failing").Select(Id).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], emitted);
        var states = run.States("failing");
        Assert.NotEmpty(states);
        var saved = states[^1].GetProperty("stream").GetProperty("stream_state").GetProperty("id").GetInt64();
        Assert.InRange(saved, 1, emitted.Max());
        CountsAreExact(run);
        // The failure comes after the last checkpoint, so the platform can commit what came before it.
        var lastState = run.Lines.ToList().FindLastIndex(l => l.Contains("\"type\":\"STATE\""));
        var error = run.Lines.ToList().FindIndex(l => l.Contains("\"type\":\"ERROR\""));
        Assert.True(lastState < error, run.Describe());
    }

    [Fact]
    public async Task Console_output_of_connector_code_goes_to_stderr_not_into_the_protocol()
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 2 });
        var catalog = await Connector.Kitchen.CatalogAsync("full_refresh", "numbers");

        var run = await Connector.Kitchen.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("A stray line from connector code.", run.Stderr);
        Assert.DoesNotContain(run.Lines, l => l.Contains("stray line"));
    }

    public static TheoryData<string[], Dictionary<string, string?>?, bool> LogLevels => new()
    {
        { [], null, false },
        { ["--debug"], null, true },
        { [], new() { ["LOG_LEVEL"] = "debug" }, true },
    };

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Debug_logs_appear_with_debug_or_LOG_LEVEL_debug_only(string[] flags, Dictionary<string, string?>? environment, bool debug)
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 2 });
        var catalog = await Connector.Kitchen.CatalogAsync("full_refresh", "numbers");

        var run = await Connector.Kitchen.RunAsync(["read", "--config", config, "--catalog", catalog, .. flags], environment);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(run.Logs, l => l.GetProperty("level").GetString() == "INFO");
        Assert.Equal(debug, run.Logs.Any(l => l.GetProperty("level").GetString() == "DEBUG"
            && l.GetProperty("message").GetString() == "Kitchen debug detail: 2 records per stream."));
    }
}
