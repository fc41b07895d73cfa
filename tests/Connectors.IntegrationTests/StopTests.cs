using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Infrastructure.ReadAssertions;

namespace Connectors.IntegrationTests;

/// <summary>
/// A platform stops a sync with SIGTERM: the running stream ends INCOMPLETE, what was read is checkpointed and flushed,
/// and the process exits 143 (130 for SIGINT), even when the stream ignores its cancellation token. A reader that goes
/// away (a broken pipe) ends the process quietly with 141.
/// </summary>
public class StopTests
{
    // Well beyond the runtime's grace period for streams that ignore their token: a guard against hangs only.
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("slow", RunningConnector.SIGTERM, 143)]
    [InlineData("stubborn", RunningConnector.SIGTERM, 143)]
    [InlineData("slow", RunningConnector.SIGINT, 130)]
    public async Task A_signal_during_a_read_ends_the_stream_INCOMPLETE_checkpointed(string stream, int signal, int exitCode)
    {
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 100_000, delay_ms = 20 });
        var catalog = await Connector.Kitchen.CatalogAsync("incremental", stream, "numbers");
        await using var process = await Connector.Kitchen.StartAsync(["read", "--config", config, "--catalog", catalog]);
        await process.WaitForLineAsync(line => line.Contains("\"type\":\"STATE\""), $"a STATE of {stream}");

        process.Signal(signal);
        var run = await process.WaitForExitAsync(StopLimit);

        Assert.True(run.ExitCode == exitCode, run.Describe());
        Assert.Equal(["STARTED", "RUNNING", "INCOMPLETE"], run.Statuses(stream));
        Assert.Empty(run.Statuses("numbers"));
        CountsAreExact(run);
        // Stopping checkpoints every record whose cursor value is complete: all but the last one read.
        var lastRecord = Id(run.Records(stream)[^1]);
        var saved = run.States(stream)[^1].GetProperty("stream").GetProperty("stream_state").GetProperty("id").GetInt64();
        Assert.Equal(lastRecord - 1, saved);
    }

    [Fact]
    public async Task A_slow_stream_s_records_reach_stdout_while_it_runs()
    {
        // Full refresh writes no STATE until the end, and at two records a second the output buffer would take minutes
        // to fill: the records must still be written within a second or so, or the platform sees no sign of life.
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 1_000, delay_ms = 500 });
        var catalog = await Connector.Kitchen.CatalogAsync("full_refresh", "slow");
        await using var process = await Connector.Kitchen.StartAsync(["read", "--config", config, "--catalog", catalog]);

        await process.WaitForLineAsync(line => line.Contains("\"type\":\"RECORD\""), "a record of the slow stream");

        process.Signal(RunningConnector.SIGTERM);
        var run = await process.WaitForExitAsync(StopLimit);
        Assert.True(run.ExitCode == 143, run.Describe());
    }

    [Fact]
    public async Task SIGTERM_ends_a_stream_stuck_in_code_that_ignores_cancellation()
    {
        // The stream emits 5 records, then blocks for good in code that never looks at a token.
        var config = TestFiles.Json("config", new { api_key = "k-1", records = 100, delay_ms = 20, stall_after = 5 });
        var catalog = await Connector.Kitchen.CatalogAsync("incremental", "stubborn", "numbers");
        await using var process = await Connector.Kitchen.StartAsync(["read", "--config", config, "--catalog", catalog]);
        // This checkpoint is written while the 5th record is emitted, so the stream is past its last record when signalled.
        await process.WaitForLineAsync(line => line.Contains("\"stream_state\":{\"id\":4}"), "the checkpoint at id 4");

        process.Signal(RunningConnector.SIGTERM);
        var run = await process.WaitForExitAsync(StopLimit);

        Assert.True(run.ExitCode == 143, run.Describe());
        Assert.Equal(["STARTED", "RUNNING", "INCOMPLETE"], run.Statuses("stubborn"));
        Assert.Equal([1L, 2, 3, 4, 5], run.Records("stubborn").Select(Id));
        var saved = run.States("stubborn")[^1].GetProperty("stream").GetProperty("stream_state").GetProperty("id").GetInt64();
        Assert.InRange(saved, 4, 5);
        CountsAreExact(run);
    }

    [Theory]
    [InlineData("faker")]
    [InlineData("kitchen")]
    public async Task A_reader_that_closes_stdout_ends_the_read_with_141_and_no_exception_dump(string which)
    {
        RunningConnector process;
        if (which == "faker")
        {
            var config = TestFiles.Json("config", new { count = 1_000_000, seed = 1 });
            var catalog = await Connector.Faker.CatalogAsync("full_refresh", "users");
            process = await Connector.Faker.StartAsync(["read", "--config", config, "--catalog", catalog], pumpStdout: false);
        }
        else
        {
            var config = TestFiles.Json("config", new { api_key = "k-1", records = 400, delay_ms = 10 });
            var catalog = await Connector.Kitchen.CatalogAsync("incremental", "slow");
            process = await Connector.Kitchen.StartAsync(["read", "--config", config, "--catalog", catalog], pumpStdout: false);
        }
        await using var _ = process;

        var lines = await process.ReadLinesThenCloseStdoutAsync(5);
        var run = await process.WaitForExitAsync(StopLimit);

        Assert.Equal(5, lines.Count);
        Assert.True(run.ExitCode == 141, run.Describe());
        Assert.Equal("", run.Stderr);
    }
}
