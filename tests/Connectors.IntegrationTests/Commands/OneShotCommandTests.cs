using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary><c>command &lt;action&gt; --config F [--payload F]</c>: one command, one response line, exit 0 on SUCCESS.</summary>
public sealed class OneShotCommandTests
{
    [Fact]
    public async Task A_command_prints_its_response_and_exits_0_on_success()
    {
        using var connector = new LifecycleConnector();
        var payload = connector.Folder.Write("payload.json", """{"json": "{\"ok\": true}"}""");

        var process = await connector.CommandAsync("Lifecycle.Raw", "--payload", payload);

        Assert.Equal(0, process.ExitCode);
        var response = Assert.Single(process.Stdout);
        AssertSuccess(response);
        CustomCommandTests.AssertJson("""{"ok": true}""", response.GetProperty("body"));
        Assert.NotEmpty(response.GetProperty("commandId").GetString()!);
    }

    [Fact]
    public async Task It_starts_IDLE_runs_the_command_and_shuts_down()
    {
        using var connector = new LifecycleConnector();

        var process = await connector.CommandAsync("Lifecycle.GetConfig");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("Idle", Assert.Single(process.Stdout).GetProperty("body").GetProperty("status").GetString());
        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v1", "OnShutdown IDLE v1"], connector.Journal());
    }

    [Fact]
    public async Task Status_RUNNING_runs_the_start_hooks_first()
    {
        using var connector = new LifecycleConnector();

        var process = await connector.CommandAsync("Lifecycle.GetConfig", "--status", "RUNNING");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(["OnInitializing RUNNING v1", "OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1", "OnInitialized RUNNING v1",
            "OnShutdown RUNNING v1"], connector.Journal());
    }

    [Fact]
    public async Task A_failure_exits_1()
    {
        using var connector = new LifecycleConnector();
        var payload = connector.Folder.Write("payload.json", """{"seconds": "soon"}""");

        var process = await connector.CommandAsync("Lifecycle.Sleep", "--payload", payload);

        Assert.Equal(1, process.ExitCode);
        AssertFailure(Assert.Single(process.Stdout), "The payload of 'Lifecycle.Sleep' is invalid: $.seconds: expected a number, got \"soon\"");
    }

    [Fact]
    public async Task An_unknown_action_exits_1()
    {
        using var connector = new LifecycleConnector();

        var process = await connector.CommandAsync("Lifecycle.Nope");

        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith("Unknown action 'Lifecycle.Nope'.", Assert.Single(process.Stdout).GetProperty("body").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("missing.json", null, "The payload file '{0}' does not exist.")]
    [InlineData("bad.json", "{ nope", "The payload file '{0}' is not valid JSON: ")]
    public async Task A_payload_file_that_cannot_be_used_is_a_failure_naming_the_file(string name, string? content, string message)
    {
        using var connector = new LifecycleConnector();
        var path = content is null ? connector.Folder.File(name) : connector.Folder.Write(name, content);

        var process = await connector.CommandAsync("Lifecycle.Raw", "--payload", path);

        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith(string.Format(message, path), Assert.Single(process.Stdout).GetProperty("body").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Built_in_actions_work_one_shot()
    {
        using var connector = new LifecycleConnector();
        var payload = connector.Folder.Write("payload.json", """{"config": {"version": 2, "reject_config": true}}""");

        var process = await connector.CommandAsync("TetraScience.Connector.ValidateConfig", "--payload", payload);

        Assert.Equal(0, process.ExitCode);
        var body = Assert.Single(process.Stdout).GetProperty("body");
        Assert.False(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_config_that_does_not_bind_is_a_failure_response()
    {
        using var connector = new LifecycleConnector(new { version = -3 });

        var process = await connector.CommandAsync("Lifecycle.GetConfig");

        Assert.Equal(1, process.ExitCode);
        AssertFailure(Assert.Single(process.Stdout),
            $"The connector could not start: The config file '{connector.ConfigPath}' is invalid: $.version: must be at least 0, got -3");
    }

    [Theory]
    [InlineData(new[] { "command", "--config", "c.json" }, "error: The command command needs <action>.")]
    [InlineData(new[] { "command", "X", "--config", "c.json", "--status", "PAUSED" }, "error: --status must be RUNNING or IDLE, got 'PAUSED'.")]
    [InlineData(new[] { "serve", "--config", "c.json", "--payload", "p.json" }, "error: The serve command does not take --payload.")]
    public async Task A_bad_command_line_exits_2(string[] args, string error)
    {
        var process = await ConnectorProcess.RunAsync(Connector.Lifecycle, args);

        Assert.Equal(2, process.ExitCode);
        Assert.Empty(process.Stdout);
        Assert.Contains(error, process.Describe());
    }

    [Fact]
    public async Task The_usage_lists_serve_and_command()
    {
        var process = await ConnectorProcess.RunAsync(Connector.Lifecycle, ["--help"]);

        Assert.Equal(0, process.ExitCode);
        var usage = process.Describe();
        Assert.Contains("serve --config <file> [--status <RUNNING|IDLE>] [--max-envelope-bytes <bytes>]", usage);
        Assert.Contains("command <action> --config <file> [--payload <file>] [--status <RUNNING|IDLE>]", usage);
    }

    [Fact]
    public async Task The_Airbyte_commands_keep_working_for_the_same_class()
    {
        using var connector = new LifecycleConnector();
        var catalog = connector.Folder.Write("catalog.json", """
            {"streams": [{"stream": {"name": "events", "json_schema": {}, "supported_sync_modes": ["full_refresh"]},
              "sync_mode": "full_refresh", "destination_sync_mode": "overwrite"}]}
            """);

        var spec = await Connector.Lifecycle.RunAsync("spec");
        var read = await Connector.Lifecycle.RunAsync(["read", "--config", connector.ConfigPath, "--catalog", catalog], connector.Environment);

        Assert.True(spec.ExitCode == 0, spec.Describe());
        Assert.Single(spec.OfType("SPEC"));
        Assert.True(read.ExitCode == 0, read.Describe());
        Assert.Equal(3, read.Records("events").Count);
        Assert.Empty(connector.Journal());
    }
}
