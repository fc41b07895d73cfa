using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>The lifecycle hooks as a host other than the command hosts calls them (the Conduit host does), with nothing from the environment.</summary>
public sealed class LifecycleHookRunnerTests
{
    [Fact]
    public async Task Calls_the_hook_of_each_kind_with_the_status_the_host_set_and_skips_the_ones_the_connector_lacks()
    {
        using var host = new CommandTestHost();
        await using var runner = Runner(host, _ => null);
        var connector = new JournalingConnector { Version = 4 };

        await runner.CallAsync(connector, LifecycleHookKind.OnConnectorUpdated);
        runner.Status = OperatingStatus.Running;
        await runner.CallAsync(connector, LifecycleHookKind.OnStart);
        await runner.CallAsync(connector, LifecycleHookKind.OnConnectorDeleted);

        Assert.Equal(["OnConnectorUpdated IDLE v4", "OnStart RUNNING v4"], host.Journal);
        Assert.True(runner.Has(LifecycleHookKind.OnStart));
        Assert.False(runner.Has(LifecycleHookKind.OnConnectorDeleted));
    }

    [Fact]
    public async Task The_validate_hook_judges_a_bound_connector()
    {
        using var host = new CommandTestHost(rejectOdd: true);
        await using var runner = Runner(host, _ => null);

        Assert.Equal("v3 is odd", await runner.ValidateAsync(new JournalingConnector { Version = 3 }));
        Assert.Null(await runner.ValidateAsync(new JournalingConnector { Version = 2 }));
    }

    [Fact]
    public async Task A_hook_that_throws_is_reported_by_its_name()
    {
        using var host = new CommandTestHost(onHook: (_, name) =>
        {
            if (name == "OnStop")
            {
                throw new InvalidOperationException("the disk is gone");
            }
        });
        await using var runner = Runner(host, _ => null);

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => runner.CallAsync(new JournalingConnector(), LifecycleHookKind.OnStop));

        Assert.Equal("The [OnStop] hook failed: the disk is gone", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Platform_services_come_from_the_lookup_alone_and_Emit_is_refused()
    {
        using var host = new CommandTestHost();
        var folder = Path.Combine(host.Folder.Path, "data");
        await using var runner = Runner(host, name => name == "CONNECTOR_DATA_DIR" ? folder : null);
        using var value = JsonDocument.Parse("42");

        await runner.Context.Data.SaveAsync([new ConnectorValue("answer", value.RootElement)]);

        Assert.Equal(42, (await runner.Context.Data.GetAsync(["answer"]))[0].Value.GetInt32());
        Assert.Equal(folder, runner.Context.Platform.DataDirectory);
        Assert.True(Directory.Exists(folder));
        var refused = Assert.Throws<NotSupportedException>(() => runner.Context.Emit("events", 1));
        Assert.Contains("not available under the conduit host", refused.Message);
    }

    [Fact]
    public async Task Without_any_variable_the_data_directory_is_an_absolute_one_per_connector_id()
    {
        using var host = new CommandTestHost();
        await using var runner = Runner(host, name => name == "CONNECTOR_ID" ? "pipeline/1:source" : null);

        var directory = runner.Context.Platform.DataDirectory;

        Assert.True(Path.IsPathRooted(directory), directory);
        // A Conduit id holds ':' and may hold '/': it stays one folder.
        Assert.Equal("pipeline_1:source", Path.GetFileName(directory));
        Assert.Equal("journaling", Path.GetFileName(Path.GetDirectoryName(directory)));
    }

    [Fact]
    public async Task Stopping_background_work_cancels_the_shutdown_token_and_the_polls()
    {
        using var host = new CommandTestHost();
        await using var runner = Runner(host, _ => null);
        var poll = runner.Context.StartPoll(_ => Task.CompletedTask, TimeSpan.FromMilliseconds(5));

        await runner.StopBackgroundWorkAsync();

        Assert.True(runner.Context.ShutdownToken.IsCancellationRequested);
        Assert.False(poll.IsRunning);
    }

    [Fact]
    public void Every_hook_kind_names_a_hook_of_the_generated_description_and_finds_it()
    {
        // The generator writes the hooks by these property names (its HookKind), the hosts ask for them by LifecycleHookKind.
        foreach (var kind in Enum.GetValues<LifecycleHookKind>())
        {
            var property = typeof(LifecycleHooks<JournalingConnector>).GetProperty(kind.ToString());
            Assert.NotNull(property);
            Func<JournalingConnector, LifecycleRequest, ValueTask> hook = (_, _) => default;
            var hooks = new LifecycleHooks<JournalingConnector>();
            property!.SetValue(hooks, hook);
            Assert.Same(hook, hooks.Get(kind));
        }
    }

    [Fact]
    public async Task A_validate_hook_that_throws_is_reported_by_its_name_and_a_ConfigException_is_its_verdict()
    {
        using var host = new CommandTestHost(validate: c => c.Version == 2
            ? throw new ConfigException("version 2 is retired")
            : throw new InvalidOperationException("the licence server is down"));
        await using var runner = Runner(host, _ => null);

        Assert.Equal("version 2 is retired", await runner.ValidateAsync(new JournalingConnector { Version = 2 }));
        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => runner.ValidateAsync(new JournalingConnector { Version = 3 }));
        Assert.Equal("The [ValidateConfig] hook failed: the licence server is down", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task A_hook_cancelled_because_the_host_shuts_down_passes_through_and_otherwise_is_a_failure_by_its_name()
    {
        using var host = new CommandTestHost(onHook: (_, name) =>
        {
            if (name == "OnStop")
            {
                throw new OperationCanceledException("gave up");
            }
        });
        await using var runner = Runner(host, _ => null);

        var error = await Assert.ThrowsAsync<LifecycleHookException>(() => runner.CallAsync(new JournalingConnector(), LifecycleHookKind.OnStop));
        Assert.Equal("The [OnStop] hook failed: gave up", error.Message);
        await runner.StopBackgroundWorkAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => runner.CallAsync(new JournalingConnector(), LifecycleHookKind.OnStop));
    }

    [Fact]
    public async Task Each_hook_call_is_logged_at_debug_level_by_its_name()
    {
        using var host = new CommandTestHost();
        var log = new ListLogger();
        await using var runner = new LifecycleHookRunner<JournalingConnector>(host.Context, log, "conduit", _ => null);

        await runner.CallAsync(new JournalingConnector(), LifecycleHookKind.OnStart);

        Assert.Contains((LogLevel.Debug, "Calling the [OnStart] hook."), log.Entries.Select(e => (e.Level, e.Message)));
    }

    [Fact]
    public void A_runner_needs_a_host()
    {
        Assert.Throws<ArgumentNullException>(() => new LifecycleHookRunner<JournalingConnector>(null!, NullLogger.Instance, "conduit", _ => null));
    }

    [Fact]
    public async Task Reporting_sends_a_heartbeat_with_the_hosts_status_at_once_and_the_metrics_a_last_time_at_stop()
    {
        using var host = new CommandTestHost();
        var reporter = new RecordingReporter();
        await using var runner = Runner(host, _ => null, reporter);
        runner.Status = OperatingStatus.Running;

        runner.StartReporting();
        runner.StartReporting(); // reporting runs already: nothing more
        await runner.StopReportingAsync();

        Assert.Collection(reporter.Reports,
            r => Assert.Equal(OperatingStatus.Running, Assert.IsType<Heartbeat>(r).OperatingStatus),
            r => Assert.IsType<MetricsReport>(r));
        await runner.StopReportingAsync(); // stopped already: nothing more
        Assert.Equal(2, reporter.Reports.Count);
    }

    [Fact]
    public async Task Disposing_cancels_the_shutdown_token_stops_reporting_ships_the_logs_and_releases_the_store_once()
    {
        using var host = new CommandTestHost();
        var reporter = new RecordingReporter();
        // No timed flush during the test: only disposal ships the entry.
        var runner = Runner(host, name => name == "LOG_FLUSH_INTERVAL_SECONDS" ? "3600" : null, reporter);
        var shipped = new KeptLogs();
        runner.Context.Logs.ShipTo(shipped);
        runner.Context.Logs.Shipper.Enqueue(new LogEvent(DateTimeOffset.UnixEpoch, LogLevel.Information, "test", "{\"message\":\"last words\"}"));
        runner.StartReporting();

        await runner.DisposeAsync();

        Assert.True(runner.Context.ShutdownToken.IsCancellationRequested);
        Assert.IsType<MetricsReport>(reporter.Reports[^1]);
        Assert.Equal(["{\"message\":\"last words\"}"], shipped.Json);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.Context.Data.GetAsync());
        await runner.DisposeAsync();
        // A disposed runner starts no reporting.
        runner.StartReporting();
        var reports = reporter.Reports.Count;
        await runner.StopReportingAsync();
        Assert.Equal(reports, reporter.Reports.Count);
    }

    [Fact]
    public async Task Stopping_background_work_also_stops_reporting()
    {
        using var host = new CommandTestHost();
        var reporter = new RecordingReporter();
        await using var runner = Runner(host, _ => null, reporter);
        runner.StartReporting();

        await runner.StopBackgroundWorkAsync();

        Assert.IsType<MetricsReport>(reporter.Reports[^1]);
    }

    [Fact]
    public async Task Without_a_reporter_health_changes_and_handed_off_files_are_logged()
    {
        using var host = new CommandTestHost();
        var log = new ListLogger();
        var folder = Path.Combine(host.Folder.Path, "data");
        await using var runner = new LifecycleHookRunner<JournalingConnector>(host.Context, log, "conduit",
            name => name == "CONNECTOR_DATA_DIR" ? folder : null);

        runner.StartReporting();
        runner.Context.Health.Warning("disk 91% full");
        var file = await runner.Context.Files.UploadFileAsync(FileUpload.FromBytes("run-1/result.json", [1, 2, 3]));
        await runner.StopReportingAsync();

        var messages = log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();
        Assert.Contains("Health: Warning disk 91% full", messages);
        Assert.Contains($"File handed off: {file.FileId} {file.Location} (3 bytes).", messages);
    }

    private static LifecycleHookRunner<JournalingConnector> Runner(CommandTestHost host, Func<string, string?> environment,
        IPlatformReporter? reporter = null) =>
        new(host.Context, NullLogger.Instance, "conduit", environment, reporter);

    private sealed class KeptLogs : ILogShippingSink
    {
        private readonly List<string> _json = new();

        public IReadOnlyList<string> Json
        {
            get
            {
                lock (_json)
                {
                    return _json.ToArray();
                }
            }
        }

        public ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken)
        {
            lock (_json)
            {
                _json.AddRange(batch.Select(e => e.Json));
            }
            return ValueTask.CompletedTask;
        }
    }
}
