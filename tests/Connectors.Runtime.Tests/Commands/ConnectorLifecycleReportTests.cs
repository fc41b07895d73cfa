using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// What the lifecycle tells the user: which hook a failure names, what a failed Start hands back, and the log lines an
/// operator reads (the config loaded, the status changes, a config refused and put back, a hook that failed again).
/// </summary>
public sealed class ConnectorLifecycleReportTests
{
    private static Action<JournalingConnector, string> Throwing(string hook, Func<JournalingConnector, bool>? when = null) => (connector, name) =>
    {
        if (name == hook && (when is null || when(connector)))
        {
            throw new InvalidOperationException($"{hook} refused v{connector.Version}");
        }
    };

    private static string[] Lines(ListLogger logger, LogLevel atLeast = LogLevel.Information)
    {
        lock (logger.Entries)
        {
            return logger.Entries.Where(e => e.Level >= atLeast).Select(e => $"{e.Level}: {e.Message}").ToArray();
        }
    }

    [Theory]
    [InlineData("OnInitializing")]
    [InlineData("OnInitialized")]
    public async Task A_failing_initializing_or_initialized_hook_fails_the_startup_naming_the_hook(string hook)
    {
        using var host = new CommandTestHost(onHook: Throwing(hook));

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.InitializeAsync(OperatingStatus.Idle));

        Assert.StartsWith($"The [{hook}] hook failed: {hook} refused v", error.Message);
    }

    [Fact]
    public async Task A_connector_updated_hook_that_fails_at_startup_leaves_the_connector_IDLE_and_the_health_names_the_hook()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost("""{"version": 4}""", onHook: Throwing("OnConnectorUpdated", _ => true), logger: logger);

        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);

        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
        Assert.Equal("The connector could not start RUNNING: The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v4",
            host.Lifecycle.Context.Health.Current.Message);
        Assert.Contains("Error: The connector could not start RUNNING and stays IDLE: The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v4",
            Lines(logger));
        // It failed on the restored status too: the log says so rather than the startup failing.
        Assert.Contains("Error: [OnConnectorUpdated] failed again on the restored status: The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v4",
            Lines(logger));
        Assert.Equal("OnInitialized IDLE v4", host.Journal[^1]);
    }

    [Fact]
    public async Task Loading_the_config_file_logs_the_file_and_the_status()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost(logger: logger);

        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);

        Assert.Equal([$"Information: Loaded the config file {host.ConfigPath}; the operating status is RUNNING."], Lines(logger));
    }

    [Fact]
    public async Task A_Start_whose_connector_updated_hook_fails_names_that_hook_and_keeps_the_status()
    {
        var fail = false;
        using var host = new CommandTestHost(onHook: Throwing("OnConnectorUpdated", _ => fail));
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        fail = true;

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StartAsync());

        Assert.Equal("The [OnConnectorUpdated] hook failed: OnConnectorUpdated refused v1 The operating status stays IDLE.", error.Message);
        Assert.Equal("OnConnectorUpdated refused v1", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
    }

    [Fact]
    public async Task A_Start_whose_start_hook_is_cancelled_by_shutdown_leaves_the_status_IDLE()
    {
        var logger = new ListLogger();
        CommandTestHost? started = null;
        using var host = new CommandTestHost(logger: logger, onHook: (_, name) =>
        {
            if (name == "OnStart")
            {
                // Shutdown begins while the start hook runs; the hook gives up the way a cancelled await does.
                started!.Lifecycle.CancelRunningWork();
                started.Lifecycle.ShutdownToken.ThrowIfCancellationRequested();
            }
        });
        started = host;
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Lifecycle.StartAsync());

        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
        Assert.Contains("Warning: The change to RUNNING was cancelled; the operating status is back to IDLE.", Lines(logger));
    }

    [Fact]
    public async Task A_Start_on_a_config_file_that_no_longer_binds_carries_the_problem_as_its_cause()
    {
        using var host = new CommandTestHost("""{"version": 2}""");
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        host.Folder.Write("config.json", """{"version": "two"}""");

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StartAsync());

        var cause = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal($"The config file '{host.ConfigPath}' is invalid: $.version: expected an integer, got \"two\"", cause.Message);
        Assert.Equal(cause.Message + " The operating status stays IDLE.", error.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task Status_changes_and_a_status_put_back_are_logged()
    {
        var logger = new ListLogger();
        var fail = false;
        using var host = new CommandTestHost(onHook: Throwing("OnStop", _ => fail), logger: logger);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        var before = Lines(logger).Length;

        await host.Lifecycle.StartAsync();
        fail = true;
        await Assert.ThrowsAsync<LifecycleHookException>(() => host.Lifecycle.StopAsync());

        Assert.Equal(
            ["Information: The operating status is RUNNING.", "Information: The operating status is IDLE.", "Warning: The operating status is back to RUNNING."],
            Lines(logger)[before..]);
    }

    [Fact]
    public async Task An_applied_config_and_a_refused_one_put_back_are_logged()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost("""{"version": 2}""", onHook: Throwing("OnConnectorUpdated", c => c.Version == 6), logger: logger);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        var before = Lines(logger).Length;

        await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 4}}"""));
        await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 6}}"""));

        Assert.Equal(
            ["Information: Applied a new config (The config in the payload).",
             "Warning: The new config was refused by [OnConnectorUpdated]; the previous config is back in force."],
            Lines(logger)[before..]);
        Assert.Equal(4, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task A_failing_shutdown_hook_is_logged_as_an_error_with_its_exception()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost(onHook: Throwing("OnShutdown"), logger: logger);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        await host.Lifecycle.ShutdownAsync();

        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("The [OnShutdown] hook failed: OnShutdown refused v1", entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Unknown_config_keys_are_logged_when_the_config_is_loaded_not_each_time_Start_binds_it_again()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost("""{"version": 2, "extra": true}""", logger: logger);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        var warnings = Lines(logger, LogLevel.Warning);

        await host.Lifecycle.StartAsync();
        await host.Lifecycle.StopAsync();

        Assert.Contains(warnings, line => line.Contains("\"extra\"", StringComparison.Ordinal));
        Assert.Equal(warnings, Lines(logger, LogLevel.Warning));
    }

    /// <summary>Local platform services whose config source is <paramref name="config"/>, as under the HTTP platform's <c>GET /config</c>.</summary>
    private static Func<string, PlatformServices> PlatformConfig(Func<JsonElement?> config) => folder =>
    {
        var local = TestPlatform.Create(folder);
        return new PlatformServices(local.Environment, new ConnectorHealth(), new ConnectorMetrics("test"), local.Data, _ => local.Files, local.Logs,
            local.Reporter, null) { ConfigSource = (CancellationToken _) => Task.FromResult(config()) };
    };

    [Fact]
    public async Task A_platform_that_cannot_give_the_config_stops_the_startup_with_its_reason()
    {
        using var host = new CommandTestHost(platform: PlatformConfig(() => throw new System.Net.Http.HttpRequestException("connection refused")));

        var error = await Assert.ThrowsAsync<InputException>(() => host.Lifecycle.InitializeAsync(OperatingStatus.Running));

        Assert.Equal("The config could not be read from the platform: connection refused", error.Message);
        Assert.Equal(["OnInitializing RUNNING v1"], host.Journal);
    }

    [Fact]
    public async Task A_platform_config_that_does_not_bind_stops_the_startup_naming_the_platform_not_the_file()
    {
        using var host = new CommandTestHost(platform: PlatformConfig(() => ConnectorLifecycleTests.Payload("""{"version": -1}""")));

        var error = await Assert.ThrowsAsync<InputException>(() => host.Lifecycle.InitializeAsync(OperatingStatus.Idle));

        Assert.Equal("The config from the platform is invalid: $.version: must be at least 0, got -1", error.Message);
    }

    [Fact]
    public async Task Loading_the_config_from_the_platform_logs_so_and_the_status()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost(platform: PlatformConfig(() => ConnectorLifecycleTests.Payload("""{"version": 12}""")), logger: logger);

        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        Assert.Equal(12, host.Lifecycle.Connector.Version);
        Assert.Equal(["Information: Loaded the config from the platform; the operating status is IDLE."], Lines(logger));
    }

    [Fact]
    public async Task A_connector_without_hooks_goes_through_the_whole_lifecycle()
    {
        using var host = new CommandTestHost("""{"version": 3}""", withHooks: false);

        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var stop = await Body(host.Lifecycle.StopAsync());
        var update = await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 5}}"""));
        var valid = await Body(host.Lifecycle.ValidateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 7}}""")));
        var shutdown = await host.Lifecycle.ShutdownAsync();

        Assert.Equal("""{"operatingStatus":"IDLE"}""", stop);
        Assert.True(update.Succeeded && shutdown.Succeeded);
        Assert.Equal("""{"valid":true}""", valid);
        Assert.Equal(5, host.Lifecycle.Connector.Version);
        Assert.True(host.Lifecycle.ShutdownToken.IsCancellationRequested);
    }

    [Fact]
    public async Task UpdateConfig_without_a_config_file_says_the_config_file_does_not_exist()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        System.IO.File.Delete(host.ConfigPath);

        var update = await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("{}"));

        Assert.Equal($"The config was not updated. The config file '{host.ConfigPath}' does not exist.", update.Message);
    }

    [Fact]
    public async Task The_previous_config_is_put_back_without_being_judged_again()
    {
        var judging = false;
        using var host = new CommandTestHost("""{"version": 2}""", onHook: Throwing("OnConnectorUpdated", c => c.Version == 6),
            validate: c => judging && c.Version == 2 ? CheckResult.Failed("v2 is no longer accepted") : CheckResult.Success());
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        judging = true;

        var update = await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 6}}"""));

        Assert.EndsWith(" The previous config is back in force.", update.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
    }

    private static Task<string> Body(Task<CommandResult> result) => ConnectorLifecycleTests.Body(result);
}
