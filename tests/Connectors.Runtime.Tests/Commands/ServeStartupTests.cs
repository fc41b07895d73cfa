using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;
using static Connectors.Runtime.Tests.Support.CommandServerHarness;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <c>serve</c> from its command line in-process: its options are checked before the connector starts, a connector
/// that cannot start exits 1 without serving, and an input that simply ends shuts the connector down with exit 0.
/// </summary>
public sealed class ServeStartupTests
{
    private static Task<CommandHostRun> ServeAsync(CommandHostRun run, string stdin, params string[] args) =>
        run.RunAsync(CommandServer<ServedConnector>.RunAsync, ["serve", .. args], stdin);

    private static string Message(JsonElement response) => response.GetProperty("body").GetProperty("message").GetString()!;

    [Fact]
    public async Task Commands_are_answered_and_the_end_of_input_shuts_down_with_exit_0()
    {
        using var run = await ServeAsync(new CommandHostRun(), Envelope("c", "Test.Config") + "\n" + Envelope("e", "Test.Echo", new { text = "hi" }) + "\n");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var responses = run.Stdout.Where(m => m.TryGetProperty("commandId", out _)).ToList();
        Assert.Equal(["c", "e"], responses.Select(CommandId).Order(StringComparer.Ordinal));
        Assert.Equal("""{"version":1,"status":"RUNNING"}""", responses.Single(r => CommandId(r) == "c").GetProperty("body").GetRawText());
        Assert.Equal("OnShutdown RUNNING v1", run.Script.Journal[^1]);
    }

    [Fact]
    public async Task Serve_reports_a_heartbeat_at_once_and_the_metrics_last()
    {
        using var run = await ServeAsync(new CommandHostRun(), Envelope("c", "Test.Config") + "\n");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(run.Stdout, m => m.TryGetProperty("report", out var kind) && kind.GetString() == "HEARTBEAT");
        Assert.Equal("METRICS", run.Stdout[^1].GetProperty("report").GetString());
    }

    [Fact]
    public async Task The_status_option_starts_the_connector_IDLE()
    {
        using var run = await ServeAsync(new CommandHostRun(), Envelope("c", "Test.Config") + "\n", "--status", "idle");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("IDLE", run.Stdout.Single(m => m.TryGetProperty("commandId", out _)).GetProperty("body").GetProperty("status").GetString());
        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v1", "OnShutdown IDLE v1"], run.Script.Journal);
    }

    [Theory]
    [InlineData("--status", "PAUSED", "error: --status must be RUNNING or IDLE, got 'PAUSED'.")]
    [InlineData("--max-envelope-bytes", "1023", "error: --max-envelope-bytes must be a whole number of bytes from 1024 to 1073741824, got '1023'.")]
    [InlineData("--max-envelope-bytes", "1073741825", "error: --max-envelope-bytes must be a whole number of bytes from 1024 to 1073741824, got '1073741825'.")]
    [InlineData("--max-envelope-bytes", "+2048", "error: --max-envelope-bytes must be a whole number of bytes from 1024 to 1073741824, got '+2048'.")]
    [InlineData("--max-envelope-bytes", "2kB", "error: --max-envelope-bytes must be a whole number of bytes from 1024 to 1073741824, got '2kB'.")]
    public async Task A_bad_option_is_a_usage_error_before_the_connector_starts(string option, string value, string error)
    {
        using var run = await ServeAsync(new CommandHostRun(), Envelope("c", "Test.Config") + "\n", option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Empty(run.Script.Journal);
        Assert.Contains(error, run.Stderr);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1073741824)]
    public async Task The_envelope_limit_may_be_anything_from_1_KiB_to_1_GiB(int limit)
    {
        using var run = await ServeAsync(new CommandHostRun(), Envelope("c", "Test.Config") + "\n", "--max-envelope-bytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"at most {limit} bytes", run.Stderr);
    }

    [Fact]
    public async Task A_line_longer_than_the_given_limit_is_refused_and_the_next_is_served()
    {
        var big = Envelope("big", "Test.Echo", new { text = new string('x', 2000) });
        using var run = await ServeAsync(new CommandHostRun(), big + "\n" + Envelope("small", "Test.Echo", new { text = "x" }) + "\n",
            "--max-envelope-bytes", "1024");

        var responses = run.Stdout.Where(m => m.TryGetProperty("commandId", out _)).ToList();
        Assert.Equal("The command on line 1 is longer than the limit of 1024 bytes (serve --max-envelope-bytes); it was not read.",
            Message(responses.Single(r => CommandId(r) == "big")));
        Assert.Equal("SUCCESS", Status(responses.Single(r => CommandId(r) == "small")));
    }

    [Fact]
    public async Task Without_the_option_a_line_of_a_megabyte_is_read()
    {
        var big = Envelope("big", "Test.Echo", new { text = new string('x', 1024 * 1024) });

        using var run = await ServeAsync(new CommandHostRun(), big + "\n");

        Assert.Equal("SUCCESS", Status(run.Stdout.Single(m => m.TryGetProperty("commandId", out _))));
    }

    [Fact]
    public async Task A_connector_that_cannot_start_exits_1_without_serving()
    {
        using var run = await ServeAsync(new CommandHostRun("""{"version":"one"}"""), Envelope("c", "Test.Config") + "\n");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.DoesNotContain(run.Stdout, m => m.TryGetProperty("commandId", out _));
        Assert.Contains("The connector could not start", run.Stderr);
    }

    [Fact]
    public async Task A_closed_stdout_ends_serving_with_exit_141()
    {
        using var run = await ServeAsync(new CommandHostRun(stdout: new BrokenStream()), Envelope("e", "Test.Echo", new { text = "x" }) + "\n");

        Assert.Equal(ExitCodes.OutputClosed, run.ExitCode);
        Assert.Equal("OnShutdown RUNNING v1", run.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_command_for_another_connector_is_refused_and_one_for_this_connector_or_none_runs()
    {
        var lines = """
            {"id":"other","action":"Test.Echo","payload":{"text":"x"},"targetId":"c-2"}
            {"id":"mine","action":"Test.Echo","payload":{"text":"x"},"targetId":"c-1"}
            {"id":"anyone","action":"Test.Echo","payload":{"text":"x"}}

            """;
        using var run = await ServeAsync(new CommandHostRun(environment: name => name == "CONNECTOR_ID" ? "c-1" : null), lines);

        var responses = run.Stdout.Where(m => m.TryGetProperty("commandId", out _)).ToDictionary(r => CommandId(r)!);
        Assert.Equal("The command is for connector 'c-2', and this is connector 'c-1'.", Message(responses["other"]));
        Assert.Equal("SUCCESS", Status(responses["mine"]));
        Assert.Equal("SUCCESS", Status(responses["anyone"]));
    }

    [Fact]
    public async Task Without_a_connector_id_every_command_is_taken_whatever_its_target()
    {
        var line = """{"id":"t","action":"Test.Echo","payload":{"text":"x"},"targetId":"c-2"}""" + "\n";
        using var run = await ServeAsync(new CommandHostRun(), line);

        Assert.Equal("SUCCESS", Status(run.Stdout.Single(m => m.TryGetProperty("commandId", out _))));
    }
}
