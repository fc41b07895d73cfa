using System;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Connectors.Runtime.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// The lifecycle state machine in-process, with TetraScience's semantics: which hooks run, in which order, with which
/// status and config, and what never replaces the running config.
/// </summary>
public sealed class ConnectorLifecycleTests
{
    [Fact]
    public async Task Initializing_as_RUNNING_loads_the_config_between_the_initializing_hook_and_the_start_sequence()
    {
        using var host = new CommandTestHost("""{"version": 4}""");

        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);

        Assert.Equal(["OnInitializing RUNNING v1", "OnConnectorUpdated RUNNING v4", "OnStart RUNNING v4", "OnInitialized RUNNING v4"], host.Journal);
    }

    [Fact]
    public async Task Initializing_as_IDLE_loads_the_config_without_the_connector_updated_hook()
    {
        using var host = new CommandTestHost("""{"version": 4}""");

        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v4"], host.Journal);
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
    }

    [Theory]
    [InlineData("""{"version": "x"}""", "is invalid: $.version: expected an integer, got \"x\"")]
    [InlineData("""{"version": 3}""", "was rejected by [ValidateConfig]: v3 is odd")]
    [InlineData("""{"version": """, "is not valid JSON")]
    public async Task A_config_file_that_is_not_acceptable_stops_the_startup(string config, string problem)
    {
        using var host = new CommandTestHost(config, rejectOdd: true);

        var error = await Assert.ThrowsAsync<InputException>(() => host.Lifecycle.InitializeAsync(OperatingStatus.Running));

        Assert.Contains(problem, error.Message);
        Assert.Contains(host.ConfigPath, error.Message);
        Assert.Equal(["OnInitializing RUNNING v1"], host.Journal);
    }

    [Fact]
    public async Task Start_and_Stop_change_the_status_reload_the_config_and_call_their_hooks_after_connector_updated()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        host.Lifecycle.Connector.Version = 99;
        var before = host.Journal.Count;

        var start = await host.Lifecycle.StartAsync();
        var stop = await host.Lifecycle.StopAsync();

        Assert.True(start.Succeeded && stop.Succeeded);
        // Reloading put the loaded config (v1) back over the change made in memory.
        Assert.Equal(["OnConnectorUpdated RUNNING v1", "OnStart RUNNING v1", "OnConnectorUpdated IDLE v1", "OnStop IDLE v1"], host.Since(before));
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
    }

    [Fact]
    public async Task UpdateConfig_applies_an_accepted_config_to_the_running_instance()
    {
        using var host = new CommandTestHost("""{"version": 2}""", rejectOdd: true);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var running = host.Lifecycle.Connector;
        var before = host.Journal.Count;

        var result = await host.Lifecycle.UpdateConfigAsync(Payload("""{"config": {"version": 6}}"""));

        Assert.True(result.Succeeded);
        Assert.Same(running, host.Lifecycle.Connector);
        Assert.Equal(6, running.Version);
        Assert.Equal(["OnConnectorUpdated RUNNING v6"], host.Since(before));
    }

    [Theory]
    [InlineData("""{"config": {"version": -2}}""", "The config was not updated. The config in the payload is invalid: $.version: must be at least 0, got -2")]
    [InlineData("""{"config": {"version": 7}}""", "The config was not updated. The config in the payload was rejected by [ValidateConfig]: v7 is odd")]
    [InlineData("""{"config": [1]}""", "The config was not updated. $.config: expected an object, got an array.")]
    public async Task UpdateConfig_never_replaces_the_running_config_with_one_it_does_not_accept(string payload, string message)
    {
        using var host = new CommandTestHost("""{"version": 2}""", rejectOdd: true);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var before = host.Journal.Count;

        var result = await host.Lifecycle.UpdateConfigAsync(Payload(payload));

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Message);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
        Assert.Empty(host.Since(before));
        await host.Lifecycle.StopAsync();
        Assert.Equal("OnConnectorUpdated IDLE v2", host.Journal[^2]);
    }

    [Fact]
    public async Task UpdateConfig_without_a_config_reads_the_file_again()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        host.Folder.Write("config.json", """{"version": 8}""");

        var result = await host.Lifecycle.UpdateConfigAsync(Payload("{}"));

        Assert.True(result.Succeeded);
        Assert.Equal(8, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task ValidateConfig_answers_without_applying_or_calling_hooks()
    {
        using var host = new CommandTestHost(rejectOdd: true, config: """{"version": 2}""");
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var before = host.Journal.Count;

        var valid = await Body(host.Lifecycle.ValidateConfigAsync(Payload("""{"config": {"version": 4}}""")));
        var invalid = await Body(host.Lifecycle.ValidateConfigAsync(Payload("""{"config": {"version": 5}}""")));

        Assert.Equal("""{"valid":true}""", valid);
        Assert.Equal("""{"valid":false,"message":"The config in the payload was rejected by [ValidateConfig]: v5 is odd"}""", invalid);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
        Assert.Empty(host.Since(before));
    }

    [Fact]
    public async Task Shutdown_calls_its_hook_then_cancels_the_token_and_stops_polls_once()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var poll = host.Lifecycle.Context.StartPoll(token => Task.Delay(TimeSpan.FromHours(1), token), TimeSpan.FromHours(1));
        var before = host.Journal.Count;

        var first = await host.Lifecycle.ShutdownAsync();
        var second = await host.Lifecycle.ShutdownAsync();

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(["OnShutdown RUNNING v1"], host.Since(before));
        Assert.True(host.Lifecycle.ShutdownToken.IsCancellationRequested);
        Assert.True(host.Lifecycle.Context.ShutdownToken.IsCancellationRequested);
        Assert.False(poll.IsRunning);
    }

    [Fact]
    public async Task A_failing_shutdown_hook_still_stops_background_work()
    {
        using var host = new CommandTestHost(onHook: (_, hook) =>
        {
            if (hook == "OnShutdown")
            {
                throw new InvalidOperationException("cleanup failed");
            }
        });
        await host.Lifecycle.InitializeAsync(OperatingStatus.Running);
        var poll = host.Lifecycle.Context.StartPoll(token => Task.Delay(TimeSpan.FromHours(1), token), TimeSpan.FromHours(1));

        var result = await host.Lifecycle.ShutdownAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("The [OnShutdown] hook failed: cleanup failed Background work was stopped anyway.", result.Message);
        Assert.False(poll.IsRunning);
        Assert.True(host.Lifecycle.ShutdownToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Commands_and_hooks_see_the_current_status()
    {
        using var host = new CommandTestHost();
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        await host.Lifecycle.StartAsync();

        Assert.Equal(OperatingStatus.Running, host.Lifecycle.Context.Status);
        Assert.Equal(OperatingStatus.Running, host.Lifecycle.Request().Status);
    }

    internal static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The JSON body a command result writes.</summary>
    internal static async Task<string> Body(Task<Connectors.Runtime.CommandResult> result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            (await result).WriteBody!(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
