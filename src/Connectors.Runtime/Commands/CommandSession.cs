using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Commands;

/// <summary>
/// What the command hosts share: structured logs on stderr at the host's (changeable) level, records and responses on
/// stdout, the connector's lifecycle and the router that runs commands. Secrets are masked everywhere.
/// </summary>
internal sealed class CommandSession<TConnector> where TConnector : class
{
    public CommandSession(HostContext<TConnector> host)
    {
        var loggers = new StructuredLoggerProvider(host.IO.Stderr, host.LogLevel, host.Masker);
        var environment = PlatformEnvironment.Read(host.Descriptor.Name, host.Masker);
        Shipper = new LogShipper(environment.LogBatchSize, environment.LogFlushInterval, host.IO.Stderr);
        loggers.Writer.Shipper = Shipper;
        if (environment["CONNECTOR_LOG_FILE"] is { } logFile)
        {
            Shipper.AddSink(new JsonFileLogSink(logFile));
        }
        var connectorLogger = loggers.CreateLogger(host.Descriptor.Name, null);
        Log = connectorLogger.Child("host");
        if (host.IO.Console is { } console)
        {
            // Stderr carries JSON log lines here: what code prints becomes log entries too (masked twice over, harmlessly).
            console.Out.Redirect(ConsoleLines(connectorLogger.Child("console", [new("stream", "stdout")])));
            console.Error.Redirect(ConsoleLines(connectorLogger.Child("console", [new("stream", "stderr")])));
        }
        var records = new AirbyteRecordOutput<TConnector>(host.Descriptor.Streams, new AirbyteWriter(host.Lines, host.Masker));
        var logs = new ConnectorLogs(host.LogLevel, Shipper);
        Platform = environment.UsesHttpPlatform
            ? PlatformServices.CreateHttp(environment, host.Masker, logs)
            : PlatformServices.CreateLocal(environment, new WireReporter(host.Lines, host.Masker, host.Descriptor.Name, environment.ConnectorId),
                host.Masker, logs, storeLog: Log.Child("platform"));
        Lifecycle = new ConnectorLifecycle<TConnector>(host, connectorLogger, records, host.CommandLine.Option("config")!, Platform);
        Router = new CommandRouter<TConnector>(Lifecycle, host, connectorLogger);
        Responses = new CommandResponseWriter(host.Lines, host.Masker);
    }

    /// <summary>The host's own log.</summary>
    public ILogger Log { get; }

    public ConnectorLifecycle<TConnector> Lifecycle { get; }

    /// <summary>Health, metrics, connector data, files, environment and logs.</summary>
    public PlatformServices Platform { get; }

    /// <summary>Ships the log entries to the sinks, if any.</summary>
    public LogShipper Shipper { get; }

    public CommandRouter<TConnector> Router { get; }

    public CommandResponseWriter Responses { get; }

    private PlatformReporting? _reporting;

    /// <summary>Starts the heartbeats, metrics, health and file reports on the wire (<c>serve</c>).</summary>
    public void StartReporting()
    {
        _reporting = new PlatformReporting(Platform, () => Lifecycle.Status, Log.Child("platform"));
        _reporting.Start();
    }

    /// <summary>Reports the metrics a last time and stops reporting (before the Shutdown response, the last line).</summary>
    private async Task StopReportingAsync()
    {
        if (Interlocked.Exchange(ref _reporting, null) is { } reporting)
        {
            await reporting.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs the startup sequence; null when it succeeded, else why the connector could not start.</summary>
    public async Task<string?> InitializeAsync(OperatingStatus status)
    {
        try
        {
            await Lifecycle.InitializeAsync(status).ConfigureAwait(false);
            await Shipper.StartedAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not Protocol.OutputClosedException)
        {
            Log.LogCritical(ex is Json.InputException ? null : ex is LifecycleHookException ? ex.InnerException : ex,
                "The connector could not start: {Problem}", ex.Message);
            return "The connector could not start: " + ex.Message;
        }
    }

    /// <summary>Shuts down within <paramref name="grace"/> and disposes the connector; the shutdown's outcome, or a FAILURE when it took too long.</summary>
    public async Task<CommandResult> ShutdownAsync(string? commandId, TimeSpan grace)
    {
        var shutdown = Router.RunAsync(commandId, TetraScienceActions.Shutdown, CommandEnvelope.EmptyPayload);
        if (await Task.WhenAny(shutdown, Task.Delay(grace)).ConfigureAwait(false) != shutdown)
        {
            Log.LogError("The shutdown did not finish within {Grace} s; exiting anyway.", grace.TotalSeconds);
            return CommandResult.Failure($"The shutdown did not finish within {grace.TotalSeconds} s; the connector exits anyway.");
        }
        await Lifecycle.DisposeAsync().ConfigureAwait(false);
        await StopReportingAsync().ConfigureAwait(false);
        return await shutdown.ConfigureAwait(false);
    }

    /// <summary>The end: the stop flush of the logs, then the services' files closed.</summary>
    public async Task CloseAsync()
    {
        await StopReportingAsync().ConfigureAwait(false);
        await Shipper.DisposeAsync().ConfigureAwait(false);
        await Platform.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Logs each line printed on the console as an <c>info</c> entry.</summary>
    private static Action<string> ConsoleLines(StructuredLogger logger) => text =>
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                // The line is the message as it is: braces in it are not a template.
                logger.Log(LogLevel.Information, default, line.TrimEnd('\r'), null, static (message, _) => message);
            }
        }
    };

    /// <summary>The session, or null (and why on stderr) when the platform services cannot be set up from the environment.</summary>
    public static CommandSession<TConnector>? TryCreate(HostContext<TConnector> host)
    {
        try
        {
            return new CommandSession<TConnector>(host);
        }
        catch (InvalidOperationException ex)
        {
            host.IO.Stderr.WriteLine("error: " + host.Masker.Apply(ex.Message));
            return null;
        }
    }

    /// <summary>Reads <c>--status</c>; a bad value is a usage error on stderr.</summary>
    public static bool TryReadStatus(HostContext<TConnector> host, OperatingStatus fallback, out OperatingStatus status)
    {
        status = fallback;
        switch (host.CommandLine.Option("status")?.ToUpperInvariant())
        {
            case null:
                return true;
            case "RUNNING":
                status = OperatingStatus.Running;
                return true;
            case "IDLE":
                status = OperatingStatus.Idle;
                return true;
            default:
                host.IO.Stderr.WriteLine($"error: --status must be RUNNING or IDLE, got '{host.CommandLine.Option("status")}'.");
                return false;
        }
    }
}
