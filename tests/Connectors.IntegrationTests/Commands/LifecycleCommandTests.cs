using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// The built-in lifecycle commands of <c>serve</c>, driven over stdin of a real process, and the hooks each one calls, in
/// order, as the Lifecycle test connector journals them.
/// </summary>
public sealed class LifecycleCommandTests
{
    internal const string Start = "TetraScience.Connector.Start";
    internal const string Stop = "TetraScience.Connector.Stop";
    internal const string Shutdown = "TetraScience.Connector.Shutdown";
    internal const string UpdateConfig = "TetraScience.Connector.UpdateConfig";
    internal const string ValidateConfig = "TetraScience.Connector.ValidateConfig";

    [Fact]
    public async Task Starting_as_RUNNING_calls_initializing_then_connector_updated_and_start_then_initialized()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        Assert.Equal(["OnInitializing RUNNING v1", "OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1", "OnInitialized RUNNING v1"],
            connector.Journal());
    }

    [Fact]
    public async Task Starting_as_IDLE_calls_only_initializing_and_initialized()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync("--status", "IDLE");

        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v1"], connector.Journal());
    }

    [Fact]
    public async Task Start_sets_RUNNING_reloads_the_config_then_calls_connector_updated_and_start()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync("--status", "IDLE");
        var before = connector.Journal().Count;

        var response = await process.CommandAsync("1", Start);

        AssertSuccess(response);
        Assert.Equal("RUNNING", response.GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Equal(["OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1"], connector.JournalAfter(before));
    }

    [Fact]
    public async Task Stop_sets_IDLE_reloads_the_config_then_calls_connector_updated_and_stop()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        var response = await process.CommandAsync("1", Stop);

        AssertSuccess(response);
        Assert.Equal("IDLE", response.GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Equal(["OnConnectorUpdated IDLE v1", "OnStop IDLE v1"], connector.JournalAfter(before));
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal("Idle", config.GetProperty("body").GetProperty("status").GetString());
    }

    [Fact]
    public async Task UpdateConfig_applies_a_valid_config_then_calls_connector_updated()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        var response = await process.CommandAsync("1", UpdateConfig, new { config = new { api_key = "other", version = 7 } });

        AssertSuccess(response);
        Assert.Equal(["OnConnectorUpdated RUNNING v7"], connector.JournalAfter(before));
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal(7, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateConfig_rejects_a_config_that_does_not_bind_and_keeps_the_running_one()
    {
        using var connector = new LifecycleConnector(new { api_key = LifecycleConnector.Secret, version = 3 });
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        var response = await process.CommandAsync("1", UpdateConfig, new { config = new { version = "four", reject_config = 1 } });

        AssertFailure(response, "The config was not updated. The config in the payload is invalid: $.version: expected an integer, got \"four\"; $.reject_config: expected a boolean, got 1");
        Assert.Empty(connector.JournalAfter(before));
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal(3, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateConfig_rejects_a_config_that_ValidateConfig_refuses_and_keeps_the_running_one()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        var response = await process.CommandAsync("1", UpdateConfig, new { config = new { version = 9, reject_config = true } });

        AssertFailure(response, "The config was not updated. The config in the payload was rejected by [ValidateConfig]: version 9 is not welcome");
        Assert.Empty(connector.JournalAfter(before));
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal(1, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateConfig_without_a_config_reads_the_config_file_again()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        connector.Folder.Write("config.json", """{"version": 5}""");

        AssertSuccess(await process.CommandAsync("1", UpdateConfig));

        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal(5, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Start_and_Stop_keep_an_applied_config_while_the_file_is_unchanged_and_reload_the_file_once_it_changes()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        AssertSuccess(await process.CommandAsync("1", UpdateConfig, new { config = new { version = 2 } }));
        var before = connector.Journal().Count;

        AssertSuccess(await process.CommandAsync("2", Stop));
        connector.Folder.Write("config.json", """{"version": 99}""");
        AssertSuccess(await process.CommandAsync("3", Start));

        // The file is the config's source (as the platform is for TetraScience's SDK): a change there wins at the next Start or Stop.
        Assert.Equal(["OnConnectorUpdated IDLE v2", "OnStop IDLE v2", "OnConnectorUpdated RUNNING v99", "OnStart RUNNING v99"],
            connector.JournalAfter(before));
    }

    [Fact]
    public async Task ValidateConfig_judges_a_config_without_applying_it()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        var valid = await process.CommandAsync("1", ValidateConfig, new { config = new { version = 4 } });
        var rejected = await process.CommandAsync("2", ValidateConfig, new { config = new { version = 5, reject_config = true } });
        var unbound = await process.CommandAsync("3", ValidateConfig, new { config = new { version = -1 } });

        AssertSuccess(valid);
        Assert.True(valid.GetProperty("body").GetProperty("valid").GetBoolean());
        AssertSuccess(rejected);
        Assert.False(rejected.GetProperty("body").GetProperty("valid").GetBoolean());
        Assert.Equal("The config in the payload was rejected by [ValidateConfig]: version 5 is not welcome",
            rejected.GetProperty("body").GetProperty("message").GetString());
        Assert.Equal("The config in the payload is invalid: $.version: must be at least 0, got -1",
            unbound.GetProperty("body").GetProperty("message").GetString());
        Assert.Empty(connector.JournalAfter(before));
        var config = await process.CommandAsync("4", "Lifecycle.GetConfig");
        Assert.Equal(1, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_failing_hook_fails_its_command_leaves_the_status_as_it_was_and_the_connector_keeps_serving()
    {
        using var connector = new LifecycleConnector(new { fail_hook = "OnStart" });
        await using var process = await connector.ServeAsync("--status", "IDLE");

        var response = await process.CommandAsync("1", Start);
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");

        AssertFailure(response, "The [OnStart] hook failed: OnStart was told to fail The operating status stays IDLE.");
        Assert.Equal("Idle", config.GetProperty("body").GetProperty("status").GetString());
        AssertSuccess(await process.CommandAsync("3", Stop));
    }

    [Fact]
    public async Task Shutdown_calls_the_shutdown_hook_stops_polls_answers_and_exits_0()
    {
        using var connector = new LifecycleConnector(new { poll_tick_seconds = 600 });
        await using var process = await connector.ServeAsync();
        await process.UntilAsync(() => connector.Journal().Contains("tick started"), "the poll's first tick");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await process.CommandAsync("1", Shutdown);
        await process.WaitForExitAsync();

        AssertSuccess(response);
        Assert.Equal(0, process.ExitCode);
        Assert.True(started.Elapsed < System.TimeSpan.FromSeconds(5), $"The shutdown took {started.Elapsed}.");
        var journal = connector.Journal();
        Assert.Equal("OnShutdown RUNNING v1", journal[^2]);
        Assert.Equal("tick cancelled", journal[^1]);
    }

    [Fact]
    public async Task The_end_of_stdin_shuts_the_connector_down_and_stops_polls_within_5_seconds()
    {
        using var connector = new LifecycleConnector(new { poll_tick_seconds = 600 });
        await using var process = await connector.ServeAsync();
        await process.UntilAsync(() => connector.Journal().Contains("tick started"), "the poll's first tick");
        var started = System.Diagnostics.Stopwatch.StartNew();

        process.CloseInput();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.True(started.Elapsed < System.TimeSpan.FromSeconds(5), $"The shutdown took {started.Elapsed}.");
        Assert.Equal(["OnShutdown RUNNING v1", "tick cancelled"], connector.Journal().TakeLast(2));
    }

    [Fact]
    public async Task SIGTERM_shuts_the_connector_down_within_5_seconds_and_exits_143()
    {
        using var connector = new LifecycleConnector(new { poll_tick_seconds = 600 });
        await using var process = await connector.ServeAsync();
        await process.UntilAsync(() => connector.Journal().Contains("tick started"), "the poll's first tick");
        var started = System.Diagnostics.Stopwatch.StartNew();

        process.Terminate();
        await process.WaitForExitAsync();

        Assert.Equal(143, process.ExitCode);
        Assert.True(started.Elapsed < System.TimeSpan.FromSeconds(5), $"The shutdown took {started.Elapsed}.");
        Assert.Equal(["OnShutdown RUNNING v1", "tick cancelled"], connector.Journal().TakeLast(2));
    }

    [Fact]
    public async Task Lifecycle_commands_run_one_at_a_time_in_arrival_order()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var before = connector.Journal().Count;

        process.Send("1", Stop);
        process.Send("2", Start);
        process.Send("3", Stop);
        await process.ResponseAsync("3");

        Assert.Equal(["OnConnectorUpdated IDLE v1", "OnStop IDLE v1", "OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1",
            "OnConnectorUpdated IDLE v1", "OnStop IDLE v1"], connector.JournalAfter(before));
        Assert.Equal(["1", "2", "3"], process.Responses.Select(r => r.GetProperty("commandId").GetString()));
    }

    [Fact]
    public async Task A_config_file_that_does_not_bind_stops_serve_at_startup_with_a_critical_log()
    {
        using var connector = new LifecycleConnector(new { version = "x" });
        await using var process = await connector.ServeAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var log = Assert.Single(process.Logs, l => l.GetProperty("level").GetString() == "critical");
        Assert.Equal($"The connector could not start: The config file '{connector.ConfigPath}' is invalid: $.version: expected an integer, got \"x\"",
            log.GetProperty("message").GetString());
        Assert.Equal(["OnInitializing RUNNING v1"], connector.Journal());
    }

    internal static void AssertSuccess(JsonElement response) =>
        Assert.True(response.GetProperty("status").GetString() == "SUCCESS", "Expected SUCCESS: " + response);

    internal static void AssertFailure(JsonElement response, string message)
    {
        Assert.True(response.GetProperty("status").GetString() == "FAILURE", "Expected FAILURE: " + response);
        Assert.Equal(message, response.GetProperty("body").GetProperty("message").GetString());
    }
}
