using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Tests.Driver;
using Grpc.Core;
using Xunit;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;

namespace Connectors.Runtime.Conduit.Tests;

/// <summary>
/// The author's lifecycle hooks under Conduit: the lifecycle test connector (tests/TestConnectors/Lifecycle.Connector, built
/// as a Conduit plugin) journals each hook it gets, and Conduit's stand-in drives it as Conduit does, in an empty environment.
/// </summary>
public sealed class LifecycleHookTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "conduit-hooks-" + Guid.NewGuid().ToString("N"));

    public LifecycleHookTests() => Directory.CreateDirectory(_folder);

    private string Journal => Path.Combine(_folder, "journal.txt");

    [Fact]
    public async Task A_run_reaches_the_hooks_in_order_and_platform_services_work_without_a_home()
    {
        var executable = await PublishedPlugins.LifecycleAsync();
        // Unique per run: the data directory is <home>/.local/share/connectors/lifecycle-test/<CONDUIT_CONNECTOR_ID>.
        var connectorId = "pipeline-" + Guid.NewGuid().ToString("N") + ":source";
        for (var run = 1; run <= 2; run++)
        {
            await using var plugin = await StartAsync(executable, ("CONDUIT_CONNECTOR_ID", connectorId), ("LIFECYCLE_COUNT_STARTS", "1"));
            var source = plugin.Source;
            await source.ConfigureAsync(SourcePluginTests.Configure(new() { ["version"] = "7" }));
            if (run == 1)
            {
                var created = new SourceMessages.Lifecycle.Types.OnCreated.Types.Request();
                created.Config.Add("version", "7");
                await source.LifecycleOnCreatedAsync(created);
            }
            await OpenReadStopAndTeardownAsync(source);
        }

        var lines = File.ReadAllLines(Journal);
        var starts = lines.Where(l => l.StartsWith("starts ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "OnInitializing IDLE v7", "OnInitialized IDLE v7", "OnConnectorUpdated IDLE v7", "OnStart RUNNING v7", "OnStop IDLE v7", "OnShutdown IDLE v7",
            "OnInitializing IDLE v7", "OnInitialized IDLE v7", "OnStart RUNNING v7", "OnStop IDLE v7", "OnShutdown IDLE v7",
        ], lines.Where(l => !l.StartsWith("starts ", StringComparison.Ordinal)));
        // The connector data store works with no HOME, and is durable across processes: the second start sees the first.
        Assert.Equal(2, starts.Count);
        Assert.StartsWith("starts 1 in ", starts[0]);
        Assert.StartsWith("starts 2 in ", starts[1]);
        var dataDirectory = starts[1]["starts 2 in ".Length..];
        Assert.True(Path.IsPathRooted(dataDirectory), dataDirectory);
        Assert.EndsWith(Path.Combine("lifecycle-test", connectorId), dataDirectory);
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Heartbeats_health_changes_and_metrics_are_log_lines_Conduit_reads_from_Open_to_Teardown()
    {
        var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync(), ("LIFECYCLE_REPORT", "5"), ("CONDUIT_CONNECTOR_LOG_LEVEL", "debug"));
        try
        {
            var source = plugin.Source;
            await source.ConfigureAsync(SourcePluginTests.Configure(new() { ["version"] = "7" }));
            Assert.DoesNotContain("\"heartbeat\"", plugin.Stderr);
            await OpenReadStopAndTeardownAsync(source);
        }
        finally
        {
            // The process has exited (and its stderr is read to the end) once this returns.
            await plugin.DisposeAsync();
        }

        var entries = plugin.Stderr.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        string Text(JsonElement entry, string key) => entry.TryGetProperty(key, out var value) ? value.ToString() : "";
        var heartbeat = entries.FindIndex(e => Text(e, "@message") == "heartbeat");
        var health = entries.FindIndex(e => Text(e, "@message") == "health: WARNING: disk almost full");
        var metrics = entries.FindLastIndex(e => Text(e, "@message") == "metrics");
        Assert.True(heartbeat >= 0 && health >= 0 && metrics >= 0, plugin.Stderr);
        // The first heartbeat at Open, RUNNING; the health change at once, at warn; the metrics a last time at Teardown.
        Assert.Equal("debug", Text(entries[heartbeat], "@level"));
        Assert.Equal("1", Text(entries[heartbeat], "heartbeat.sequence"));
        Assert.Equal("RUNNING", Text(entries[heartbeat], "operating_status"));
        Assert.Equal("warn", Text(entries[health], "@level"));
        Assert.Equal("WARNING", Text(entries[health], "health"));
        Assert.Equal("disk almost full", Text(entries[health], "health_message"));
        Assert.Equal("info", Text(entries[metrics], "@level"));
        Assert.Equal(5, entries[metrics].GetProperty("metric.rows_seen").GetDouble());
        Assert.True(entries[metrics].GetProperty("metric.process.memory.bytes").GetDouble() > 0, plugin.Stderr);
        Assert.True(metrics > health, plugin.Stderr);
    }

    [Fact]
    public async Task A_plugin_on_the_JSON_store_says_once_where_its_data_is_and_which_package_brings_SQLite()
    {
        var connectorId = "pipeline-" + Guid.NewGuid().ToString("N") + ":source";
        var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync(), ("CONDUIT_CONNECTOR_ID", connectorId), ("LIFECYCLE_COUNT_STARTS", "1"));
        try
        {
            var source = plugin.Source;
            await source.ConfigureAsync(SourcePluginTests.Configure(new() { ["version"] = "7" }));
            await OpenReadStopAndTeardownAsync(source);
        }
        finally
        {
            await plugin.DisposeAsync();
        }

        var notices = plugin.Stderr.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("@message", out var m) && m.GetString()!.StartsWith("Connector data and file records are kept in ", StringComparison.Ordinal))
            .ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("info", notice.GetProperty("@level").GetString());
        var message = notice.GetProperty("@message").GetString()!;
        Assert.Contains(Path.Combine("lifecycle-test", connectorId), message);
        Assert.Contains("Connectors.Platform.Sqlite", message);
        var starts = File.ReadAllLines(Journal).Single(l => l.StartsWith("starts ", StringComparison.Ordinal));
        Directory.Delete(starts["starts 1 in ".Length..], recursive: true);
    }

    [Fact]
    public async Task A_config_the_validate_hook_rejects_fails_Configure_and_reaches_no_other_hook()
    {
        await using var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(new() { ["reject_config"] = "true", ["version"] = "3", ["api_key"] = "s3cr3t-key" })));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The configuration was rejected by [ValidateConfig]: version 3 is not welcome", error.Status.Detail);
        await plugin.Source.TeardownAsync(new SourceMessages.Teardown.Types.Request());
        Assert.False(File.Exists(Journal), File.Exists(Journal) ? File.ReadAllText(Journal) : "");
    }

    [Fact]
    public async Task A_hook_that_throws_fails_its_call_with_its_message_and_teardown_still_shuts_down()
    {
        await using var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(SourcePluginTests.Configure(new() { ["fail_hook"] = "OnStart", ["api_key"] = "s3cr3t-key" }));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await source.OpenAsync(new SourceMessages.Open.Types.Request()));
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("The [OnStart] hook failed: OnStart was told to fail", error.Status.Detail);
        // Conduit calls Teardown after a failed step: the connector that started RUNNING is stopped, then shut down.
        Assert.Equal(["OnInitializing IDLE v1", "OnInitialized IDLE v1", "OnStart RUNNING v1", "OnStop IDLE v1", "OnShutdown IDLE v1"], File.ReadAllLines(Journal));
        Assert.DoesNotContain("s3cr3t-key", plugin.Stderr);
    }

    [Fact]
    public async Task Deleting_the_connector_reaches_the_deleted_hook_in_a_fresh_process_without_Configure()
    {
        await using var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync());
        var deleted = new SourceMessages.Lifecycle.Types.OnDeleted.Types.Request();
        deleted.Config.Add("version", "4");

        await plugin.Source.LifecycleOnDeletedAsync(deleted);
        await plugin.Source.TeardownAsync(new SourceMessages.Teardown.Types.Request());

        Assert.Equal(["OnConnectorDeleted IDLE v4", "OnShutdown IDLE v4"], File.ReadAllLines(Journal));
    }

    [Fact]
    public async Task An_update_reaches_the_updated_hook_with_the_new_config()
    {
        await using var plugin = await StartAsync(await PublishedPlugins.LifecycleAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(SourcePluginTests.Configure(new() { ["version"] = "9" }));
        var updated = new SourceMessages.Lifecycle.Types.OnUpdated.Types.Request();
        updated.ConfigBefore.Add("version", "8");
        updated.ConfigAfter.Add("version", "9");

        await source.LifecycleOnUpdatedAsync(updated);
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());

        Assert.Equal(["OnInitializing IDLE v9", "OnInitialized IDLE v9", "OnConnectorUpdated IDLE v9", "OnShutdown IDLE v9"], File.ReadAllLines(Journal));
    }

    /// <summary>Open, the first three records, Stop and Teardown: one run of a configured source, as Conduit drives it.</summary>
    private static async Task OpenReadStopAndTeardownAsync(ConduitWire.Connector.V2.SourcePlugin.SourcePluginClient source)
    {
        await source.OpenAsync(new SourceMessages.Open.Types.Request());
        using (var read = new SourceRun(source))
        {
            await read.WaitForAsync(3);
            await source.StopAsync(new SourceMessages.Stop.Types.Request());
            Assert.Equal(StatusCode.OK, await read.CloseAsync());
        }
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());
    }

    private Task<ConduitPlugin> StartAsync(string executable, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?> { ["LIFECYCLE_JOURNAL"] = Journal };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }
        return ConduitPlugin.StartAsync(executable, environment);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
