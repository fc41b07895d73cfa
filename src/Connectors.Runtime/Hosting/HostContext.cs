using System;
using System.Collections.Generic;
using System.Threading;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>Everything a running command shares: the connector description, the streams, secrets, logging and the stop signal.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class HostContext<TConnector> where TConnector : class
{
    private readonly List<Action> _onForcedExit = new();

    private readonly StopController _stop;

    internal HostContext(ConnectorDescriptor<TConnector> descriptor, CommandLine commandLine, HostIO io, JsonLineWriter lines,
        StopController stop)
    {
        Descriptor = descriptor;
        CommandLine = commandLine;
        IO = io;
        Lines = lines;
        _stop = stop;
        Cancellation = stop.Token;
        Masker = io.Masker ?? new SecretMasker();
        LogLevel = new LogLevelSwitch(commandLine.Debug ? Microsoft.Extensions.Logging.LogLevel.Debug : EnvironmentLevel());
    }

    /// <summary>The connector's description.</summary>
    public ConnectorDescriptor<TConnector> Descriptor { get; }

    /// <summary>The parsed command line.</summary>
    public CommandLine CommandLine { get; }

    /// <summary>The standard streams.</summary>
    public HostIO IO { get; }

    /// <summary>The JSON-lines writer over stdout.</summary>
    public JsonLineWriter Lines { get; }

    /// <summary>The masker every outbound text goes through.</summary>
    public SecretMasker Masker { get; }

    /// <summary>The minimum log level (<c>LOG_LEVEL</c>, or Debug with <c>--debug</c>).</summary>
    public LogLevelSwitch LogLevel { get; }

    /// <summary>Cancelled when the process is asked to stop (SIGTERM, SIGINT).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The exit code to use when the command ends because of a stop request.</summary>
    public int StopExitCode => _stop.ExitCode;

    /// <summary>Creates a logger provider that writes to <paramref name="sink"/> at the host's level.</summary>
    public ILoggerProvider CreateLoggerProvider(ILogSink sink) => new SinkLoggerProvider(sink, LogLevel);

    /// <summary>Registers work to do if the command ignores a stop request and the process must exit anyway.</summary>
    public void OnForcedExit(Action action)
    {
        lock (_onForcedExit)
        {
            _onForcedExit.Add(action);
        }
    }

    internal void RunForcedExitActions()
    {
        Action[] actions;
        lock (_onForcedExit)
        {
            actions = _onForcedExit.ToArray();
        }
        foreach (var action in actions)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // The process is exiting; a failure here must not stop the rest.
            }
        }
    }

    /// <summary><c>LOG_LEVEL</c> (DEBUG, INFO, WARNING, ERROR, CRITICAL, any case; WARN too); INFO when unset or unknown.</summary>
    private static Microsoft.Extensions.Logging.LogLevel EnvironmentLevel()
    {
        var text = Environment.GetEnvironmentVariable("LOG_LEVEL");
        if (string.Equals(text, "warn", StringComparison.OrdinalIgnoreCase))
        {
            return Microsoft.Extensions.Logging.LogLevel.Warning;
        }
        return LogLevelNames.TryParse(text, out var level) ? level : Microsoft.Extensions.Logging.LogLevel.Information;
    }
}
