using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// The author's lifecycle hooks (<c>[OnStart]</c>, <c>[ValidateConfig]</c>, …) for a protocol host other than the command
/// hosts: it owns the <see cref="ConnectorContext"/> the hooks take (logger, operating status, polls, the local platform
/// services) and calls a hook by kind. Nothing here needs an environment variable: the platform environment is read
/// through the lookup the host gives, and the data directory falls back to a folder beside the executable when the
/// process has no home (Conduit starts plugins with an empty environment). Records emitted through
/// <see cref="ConnectorContext.Emit{TRecord}"/> are refused with a clear message: such a host takes records from streams.
/// Heartbeats, health changes, metrics and handed-off files go to the reporter the host gives (Conduit's: its log) while
/// <see cref="StartReporting"/> is in effect; without one, health changes and files are logged.
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class LifecycleHookRunner<TConnector> : IAsyncDisposable where TConnector : class
{
    private readonly LifecycleHooks<TConnector>? _hooks;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly PlatformServices _platform;
    private readonly LogShipper _shipper;
    private readonly ILogger _reportingLog;
    private PlatformReporting? _reporting;
    private volatile OperatingStatus _status = OperatingStatus.Idle;
    private int _disposed;

    /// <param name="host">The running command's context (descriptor, masker, log level, stderr).</param>
    /// <param name="logger">The logger hooks get.</param>
    /// <param name="hostName">The protocol host's name, for messages (<c>conduit</c>).</param>
    /// <param name="environment">Where the platform variables (<c>CONNECTOR_DATA_DIR</c>, <c>CONNECTOR_ID</c>, …) come from.</param>
    /// <param name="reporter">Where heartbeats, health, metrics and file reports go; null: health and files are logged, the rest dropped.</param>
    public LifecycleHookRunner(HostContext<TConnector> host, ILogger logger, string hostName, Func<string, string?> environment,
        IPlatformReporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _hooks = host.Descriptor.Commands?.Hooks;
        _logger = logger;
        var platform = PlatformEnvironment.From(host.Descriptor.Name, environment, host.Masker);
        _shipper = new LogShipper(platform.LogBatchSize, platform.LogFlushInterval, host.IO.Stderr);
        _platform = PlatformServices.CreateLocal(platform, reporter ?? new LoggedReports(logger), host.Masker, new ConnectorLogs(host.LogLevel, _shipper),
            storeLog: logger);
        _reportingLog = logger;
        Context = new ConnectorContext(host.Descriptor.Name, logger, new RefusedRecords(hostName), () => _status, _shutdown.Token, _platform);
    }

    /// <summary>What hooks get: logger, status, polls, platform services.</summary>
    public ConnectorContext Context { get; }

    /// <summary>The operating status hooks see; the host sets it (RUNNING while it reads or writes).</summary>
    public OperatingStatus Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>True when the connector implements that hook.</summary>
    public bool Has(LifecycleHookKind kind) => _hooks?.Get(kind) is not null;

    /// <summary>Calls the hook on <paramref name="connector"/>, if the connector has it.</summary>
    /// <exception cref="LifecycleHookException">The hook threw; the message names the hook.</exception>
    public async Task CallAsync(TConnector connector, LifecycleHookKind kind)
    {
        if (_hooks?.Get(kind) is not { } hook)
        {
            return;
        }
        await LifecycleHookCalls.CallAsync(hook, connector, Request(), kind.ToString(), _logger, _shutdown.Token).ConfigureAwait(false);
    }

    /// <summary>Lets <c>[ValidateConfig]</c> judge a bound instance: null when it accepts (or there is no such hook), else why not.</summary>
    /// <exception cref="LifecycleHookException">The hook threw something other than a <see cref="ConfigException"/>.</exception>
    public async Task<string?> ValidateAsync(TConnector candidate)
    {
        if (_hooks?.ValidateConfig is not { } judge)
        {
            return null;
        }
        try
        {
            return await LifecycleHookCalls.JudgeAsync(judge, candidate, Request()).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new LifecycleHookException($"The [ValidateConfig] hook failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Starts reporting, as the command host's <c>serve</c> does: a heartbeat at once and every
    /// <c>HEARTBEAT_INTERVAL_SECONDS</c>, the metrics every <c>METRICS_INTERVAL_SECONDS</c>, each health change and handed-off
    /// file as it happens. Does nothing if reporting runs already.
    /// </summary>
    public void StartReporting()
    {
        if (_reporting is not null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        _reporting = new PlatformReporting(_platform, () => _status, _reportingLog);
        _reporting.Start();
    }

    /// <summary>Reports the metrics a last time and stops reporting (until the next <see cref="StartReporting"/>).</summary>
    public async Task StopReportingAsync()
    {
        var reporting = _reporting;
        _reporting = null;
        if (reporting is not null)
        {
            await reporting.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Cancels <see cref="ConnectorContext.ShutdownToken"/>, stops every poll the hooks started, then stops reporting.</summary>
    public async Task StopBackgroundWorkAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Context.StopPollsAsync().ConfigureAwait(false);
        await StopReportingAsync().ConfigureAwait(false);
    }

    /// <summary>Stops background work, then releases the platform services (the connector data store).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await StopBackgroundWorkAsync().ConfigureAwait(false);
        await _shipper.DisposeAsync().ConfigureAwait(false);
        await _platform.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private LifecycleRequest Request() => new(_status, Context, _logger, _shutdown.Token);

    /// <summary><see cref="ConnectorContext.Emit{TRecord}"/> under a host that takes records only from streams.</summary>
    private sealed class RefusedRecords(string hostName) : RecordOutput
    {
        public override void Emit<TRecord>(string stream, TRecord record) =>
            throw new NotSupportedException($"ConnectorContext.Emit is not available under the {hostName} host: records come from the connector's [Stream] methods there.");
    }

    /// <summary>The host gave no reporter: heartbeats and metrics are not sent; file reports and health changes are logged.</summary>
    private sealed class LoggedReports(ILogger logger) : IPlatformReporter
    {
        public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken)
        {
            logger.LogInformation("Health: {Status} {Message}", health.Status, health.Message);
            return ValueTask.CompletedTask;
        }

        public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken)
        {
            logger.LogInformation("File handed off: {FileId} {Location} ({Bytes} bytes).", file.FileId, file.Location, file.Bytes);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A lifecycle hook threw (or <c>[ValidateConfig]</c> did); the message names the hook, the inner exception is what it threw.</summary>
public sealed class LifecycleHookException(string message, Exception inner) : Exception(message, inner);
