using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <c>command &lt;action&gt;</c> in-process: the connector starts (IDLE unless told), runs one command, shuts down, and
/// writes exactly one response; the exit code says SUCCESS (0) or FAILURE (1), a bad command line is a usage error (2).
/// </summary>
public sealed class OneShotCommandTests
{
    private static Task<CommandHostRun> RunAsync(CommandHostRun run, params string[] args) =>
        run.RunAsync(OneShotCommand.RunAsync, ["command", .. args]);

    private static string Message(JsonElement response) => response.GetProperty("body").GetProperty("message").GetString()!;

    [Fact]
    public async Task A_command_starts_the_connector_IDLE_runs_and_shuts_it_down_then_writes_one_response()
    {
        using var run = await RunAsync(new CommandHostRun(), "Test.Config");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var response = Assert.Single(run.Stdout);
        Assert.Equal("SUCCESS", response.GetProperty("status").GetString());
        Assert.True(Guid.TryParse(response.GetProperty("commandId").GetString(), out _));
        Assert.Equal("""{"version":1,"status":"IDLE"}""", response.GetProperty("body").GetRawText());
        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v1", "OnShutdown IDLE v1"], run.Script.Journal);
    }

    [Theory]
    [InlineData("RUNNING", "RUNNING")]
    [InlineData("running", "RUNNING")]
    [InlineData("IDLE", "IDLE")]
    public async Task The_status_option_sets_the_status_the_command_sees(string option, string status)
    {
        using var run = await RunAsync(new CommandHostRun(), "Test.Config", "--status", option);

        Assert.Equal(status, Assert.Single(run.Stdout).GetProperty("body").GetProperty("status").GetString());
        Assert.Equal($"OnShutdown {status} v1", run.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_bad_status_is_a_usage_error_and_nothing_runs()
    {
        using var run = await RunAsync(new CommandHostRun(), "Test.Config", "--status", "PAUSED");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Empty(run.Script.Journal);
        Assert.Contains("error: --status must be RUNNING or IDLE, got 'PAUSED'.", run.Stderr);
    }

    [Fact]
    public async Task The_payload_file_is_the_command_s_payload()
    {
        using var run = new CommandHostRun();
        var payload = run.Folder.Write("payload.json", """{"text":"from the file"}""");

        await RunAsync(run, "Test.Echo", "--payload", payload);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("""{"text":"from the file"}""", Assert.Single(run.Stdout).GetProperty("body").GetRawText());
    }

    [Fact]
    public async Task Without_a_payload_file_the_payload_is_an_empty_object()
    {
        using var run = await RunAsync(new CommandHostRun(), "Test.Echo");

        Assert.Equal("""{"text":null}""", Assert.Single(run.Stdout).GetProperty("body").GetRawText());
    }

    [Theory]
    [InlineData("missing.json", null, "The payload file '{0}' does not exist.")]
    [InlineData("bad.json", "{ nope", "The payload file '{0}' is not valid JSON: ")]
    public async Task A_payload_file_that_cannot_be_used_fails_naming_it_and_the_connector_still_shuts_down(string name, string? content,
        string message)
    {
        using var run = new CommandHostRun();
        var path = content is null ? run.Folder.Missing(name) : run.Folder.Write(name, content);

        await RunAsync(run, "Test.Echo", "--payload", path);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var response = Assert.Single(run.Stdout);
        Assert.Equal("FAILURE", response.GetProperty("status").GetString());
        Assert.StartsWith(string.Format(message, path), Message(response));
        Assert.Equal("OnShutdown IDLE v1", run.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_failing_command_exits_1_with_its_message()
    {
        using var run = new CommandHostRun();
        var payload = run.Folder.Write("payload.json", """{"message":"it broke"}""");

        await RunAsync(run, "Test.Throw", "--payload", payload);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("'Test.Throw' failed: it broke", Message(Assert.Single(run.Stdout)));
        Assert.Equal("OnShutdown IDLE v1", run.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_connector_that_cannot_start_answers_a_failure_and_runs_nothing_else()
    {
        using var run = await RunAsync(new CommandHostRun("""{"version":"one"}"""), "Test.Config");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith("The connector could not start: ", Message(Assert.Single(run.Stdout)));
        Assert.DoesNotContain(run.Script.Journal, entry => entry.StartsWith("OnShutdown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_run_one_shot_shuts_down_once_and_answers_the_status()
    {
        using var run = await RunAsync(new CommandHostRun(), TetraScienceActions.Shutdown);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("IDLE", Assert.Single(run.Stdout).GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Single(run.Script.Journal, entry => entry.StartsWith("OnShutdown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stop_signal_cancels_the_running_command_which_answers_so()
    {
        using var run = new CommandHostRun();
        var payload = run.Folder.Write("payload.json", """{"gate":"g1"}""");

        await run.RunAsync(OneShotCommand.RunAsync, ["command", "Test.Wait", "--payload", payload],
            whileRunning: stop => _ = Task.Run(async () =>
            {
                while (!run.Script.Journal.Contains("wait started g1"))
                {
                    await Task.Delay(5);
                }
                stop.Request(ExitCodes.Terminated);
            }));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("'Test.Wait' was cancelled: the connector is shutting down.", Message(Assert.Single(run.Stdout)));
        Assert.Contains("wait cancelled g1", run.Script.Journal);
    }
}
