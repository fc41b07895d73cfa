using System;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// The lifecycle when something fails: a start hook at start-up or on Start, a stop hook, the connector-updated hook on a
/// new config (and on the old one put back), the validate hook rejecting with an exception or no reason, a config file
/// that changed or disappeared, a hook cancelled after shutdown. What the user sees: the status, the health, the
/// command's message, and which hooks ran on which config.
/// </summary>
public sealed class ConnectorLifecycleFailureTests
{
    private static Action<JournalingConnector, string> Throwing(string hook, Func<JournalingConnector, bool>? when = null) => (connector, name) =>
    {
        if (name == hook && (when is null || when(connector)))
        {
            throw new InvalidOperationException($"{hook} refused v{connector.Version}");
        }
    };

    private static JsonElement Payload(string json) => ConnectorLifecycleTests.Payload(json);

    private static Task<string> Body(Task<CommandResult> result) => ConnectorLifecycleTests.Body(result);

    [Fact]
    public async Task A_start_hook_that_fails_at_startup_leaves_the_connector_up_IDLE_with_an_error_health()
    {
        using var host = new CommandTestHost("""{"version": 4}""", onHook: Throwing("OnStart"));

        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);

        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
        Assert.Equal(
            ["OnInitializing RUNNING v1", "OnConnectorUpdated RUNNING v4", "OnStart RUNNING v4", "OnConnectorUpdated IDLE v4", "OnInitialized IDLE v4"],
            host.Journal);
        var health = host.Lifecycle.Context.Health.Current;
        Assert.Equal(HealthStatus.Error, health.Status);
        Assert.Equal("The connector could not start RUNNING: The [OnStart] hook failed: OnStart refused v4", health.Message);
    }

    [Fact]
    public async Task A_failing_Start_keeps_the_status_reports_the_error_and_tells_the_connector_its_status_again()
    {
        var fail = true;
        using var host = new CommandTestHost(onHook: Throwing("OnStart", _ => fail));
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        var before = host.Journal.Count;

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StartAsync());

        Assert.Equal("The [OnStart] hook failed: OnStart refused v1 The operating status stays IDLE.", error.Message);
        Assert.Equal("OnStart refused v1", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
        Assert.Equal(["OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1", "OnConnectorUpdated IDLE v1"], host.Since(before));
        Assert.Equal((HealthStatus.Error, "Start failed: The [OnStart] hook failed: OnStart refused v1"),
            (host.Lifecycle.Context.Health.Status, host.Lifecycle.Context.Health.Current.Message));

        fail = false;
        var retried = await host.Lifecycle.StartAsync();

        Assert.True(retried.Succeeded);
        Assert.Equal(OperatingStatus.Running, host.Lifecycle.Status);
        Assert.Equal((HealthStatus.Healthy, null), (host.Lifecycle.Context.Health.Status, host.Lifecycle.Context.Health.Current.Message));
    }

    [Fact]
    public async Task A_failing_Stop_keeps_the_connector_RUNNING_and_its_health_as_it_was()
    {
        using var host = new CommandTestHost(onHook: Throwing("OnStop"));
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StopAsync());

        Assert.Equal("The [OnStop] hook failed: OnStop refused v1 The operating status stays RUNNING.", error.Message);
        Assert.Equal(OperatingStatus.Running, host.Lifecycle.Status);
        Assert.Equal(HealthStatus.Healthy, host.Lifecycle.Context.Health.Status);
        Assert.Equal("OnConnectorUpdated RUNNING v1", host.Journal[^1]);
    }

    [Fact]
    public async Task A_config_file_changed_since_it_was_loaded_is_judged_by_Start_and_a_rejected_one_changes_nothing()
    {
        using var host = new CommandTestHost("""{"version": 2}""", rejectOdd: true);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        host.Folder.Write("config.json", """{"version": 17}""");
        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StartAsync());

        Assert.Equal($"The config file '{host.ConfigPath}' was rejected by [ValidateConfig]: v17 is odd The operating status stays IDLE.", error.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);

        host.Folder.Write("config.json", """{"version": 160}""");
        Assert.True((await host.Lifecycle.StartAsync()).Succeeded);
        Assert.Equal(160, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task Start_binds_the_running_config_again_without_judging_it()
    {
        var validations = 0;
        using var host = new CommandTestHost(validate: _ => ++validations > 1 ? CheckResult.Failed("only once") : CheckResult.Success());
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        var start = await host.Lifecycle.StartAsync();

        Assert.True(start.Succeeded);
        Assert.Equal(1, validations);
    }

    [Fact]
    public async Task A_new_config_the_connector_updated_hook_refuses_is_replaced_by_the_previous_one()
    {
        using var host = new CommandTestHost("""{"version": 2}""", onHook: Throwing("OnConnectorUpdated", c => c.Version == 6));
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var before = host.Journal.Count;

        var result = await host.Lifecycle.UpdateConfigAsync(Payload("""{"config": {"version": 6}}"""));

        Assert.False(result.Succeeded);
        Assert.Equal("The config was not updated: The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v6 The previous config is back in force.",
            result.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
        Assert.Equal(["OnConnectorUpdated RUNNING v6", "OnConnectorUpdated RUNNING v2"], host.Since(before));
        // The previous config is the running one again: a Start binds it, not the refused one.
        await host.Lifecycle.StopAsync();
        Assert.Equal("OnStop IDLE v2", host.Journal[^1]);
    }

    [Fact]
    public async Task When_the_connector_updated_hook_refuses_the_previous_config_too_the_message_says_so()
    {
        var initialized = false;
        using var host = new CommandTestHost("""{"version": 2}""", onHook: (connector, name) =>
        {
            initialized |= name == "OnInitialized";
            Throwing("OnConnectorUpdated", _ => initialized)(connector, name);
        });
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        var result = await host.Lifecycle.UpdateConfigAsync(Payload("""{"config": {"version": 6}}"""));

        Assert.Equal("The config was not updated: The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v6 "
            + "The previous config is back in force, but [OnConnectorUpdated] failed on it too: OnConnectorUpdated refused v2", result.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task A_validate_hook_that_throws_a_ConfigException_or_gives_no_reason_rejects_the_config()
    {
        using var host = new CommandTestHost(validate: c => c.Version switch
        {
            5 => throw new ConfigException("v5 is retired"),
            7 => CheckResult.Failed(null!),
            _ => CheckResult.Success(),
        });
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        var retired = await Body(host.Lifecycle.ValidateConfigAsync(Payload("""{"config": {"version": 5}}""")));
        var unexplained = await host.Lifecycle.UpdateConfigAsync(Payload("""{"config": {"version": 7}}"""));

        Assert.Equal("""{"valid":false,"message":"The config in the payload was rejected by [ValidateConfig]: v5 is retired"}""", retired);
        Assert.Equal("The config was not updated. The config in the payload was rejected by [ValidateConfig]: no reason given", unexplained.Message);
        Assert.Equal(1, host.Lifecycle.Connector.Version);
    }

    [Theory]
    [InlineData("""{"config": null}""")]
    [InlineData("[]")]
    public async Task ValidateConfig_without_a_config_object_judges_the_config_file(string payload)
    {
        using var host = new CommandTestHost("""{"version": 2}""", rejectOdd: true);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        host.Folder.Write("config.json", """{"version": 3}""");

        using var verdict = JsonDocument.Parse(await Body(host.Lifecycle.ValidateConfigAsync(Payload(payload))));

        Assert.False(verdict.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal($"The config file '{host.ConfigPath}' was rejected by [ValidateConfig]: v3 is odd", verdict.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_config_file_that_disappeared_is_a_problem_of_ValidateConfig_and_UpdateConfig_not_a_crash()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        System.IO.File.Delete(host.ConfigPath);

        using var verdict = JsonDocument.Parse(await Body(host.Lifecycle.ValidateConfigAsync(Payload("{}"))));
        var update = await host.Lifecycle.UpdateConfigAsync(Payload("{}"));

        Assert.False(verdict.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(host.ConfigPath, verdict.RootElement.GetProperty("message").GetString());
        Assert.False(update.Succeeded);
        Assert.StartsWith("The config was not updated. ", update.Message);
        Assert.Equal(1, host.Lifecycle.Connector.Version);
        // Without a file, Start and Stop keep the running config.
        Assert.True((await host.Lifecycle.StartAsync()).Succeeded);
    }

    [Fact]
    public async Task A_hook_cancelled_after_shutdown_is_a_cancellation_not_a_hook_failure()
    {
        using var host = new CommandTestHost(onHook: (_, name) =>
        {
            if (name == "OnStart")
            {
                throw new OperationCanceledException("cancelled");
            }
        });
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StartAsync());
        host.Lifecycle.CancelRunningWork();
        await Assert.ThrowsAsync<OperationCanceledException>(() => host.Lifecycle.StartAsync());

        Assert.True(host.Lifecycle.ShutdownToken.IsCancellationRequested);
        Assert.False(host.Lifecycle.IsShuttingDown);
    }

    [Fact]
    public async Task Shutdown_is_seen_from_then_on_and_a_second_call_only_answers_the_status()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        Assert.False(host.Lifecycle.IsShuttingDown);

        await host.Lifecycle.ShutdownAsync();
        var again = await Body(host.Lifecycle.ShutdownAsync());

        Assert.True(host.Lifecycle.IsShuttingDown);
        Assert.Equal("""{"operatingStatus":"RUNNING"}""", again);
        Assert.Single(host.Journal, "OnShutdown RUNNING v1");
    }
}
