using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>
/// What a long-running connector gets from the command hosts (<c>serve</c>, <c>command</c>): its operating status, a
/// structured logger, a way to emit records, polls that the runtime stops at shutdown, and the platform services
/// (health, metrics, connector data, file hand-off, the platform environment, log control; docs/platform-services.md).
/// Take it as a parameter of a command or lifecycle hook, and keep it if background work needs it.
/// </summary>
public sealed class ConnectorContext
{
    private readonly Func<OperatingStatus> _status;
    private readonly RecordOutput _records;
    private readonly List<Poll> _polls = new();

    internal ConnectorContext(string connectorName, ILogger logger, RecordOutput records, Func<OperatingStatus> status,
        CancellationToken shutdownToken, PlatformServices platform)
    {
        ConnectorName = connectorName;
        Services = platform;
        Logger = logger;
        _records = records;
        _status = status;
        ShutdownToken = shutdownToken;
    }

    /// <summary>The connector's name.</summary>
    public string ConnectorName { get; }

    /// <summary>The operating status now: RUNNING after <c>Start</c>, IDLE after <c>Stop</c>.</summary>
    public OperatingStatus Status => _status();

    /// <summary>The connector's structured logger (see <see cref="Logging.LoggerExtensions.Child"/> for child loggers).</summary>
    public ILogger Logger { get; }

    /// <summary>Every platform service at once.</summary>
    public PlatformServices Services { get; }

    /// <summary>The connector's health, reported at once when it changes and with every heartbeat.</summary>
    public ConnectorHealth Health => Services.Health;

    /// <summary>The connector's metrics (System.Diagnostics.Metrics), reported periodically.</summary>
    public ConnectorMetrics Metrics => Services.Metrics;

    /// <summary>The connector's key-value store, durable across restarts.</summary>
    public IConnectorData Data => Services.Data;

    /// <summary>File hand-off and file status records.</summary>
    public IConnectorFiles Files => Services.Files;

    /// <summary>The platform configuration from the environment (secrets masked).</summary>
    public PlatformEnvironment Platform => Services.Environment;

    /// <summary>The log level, log shipping and flushing.</summary>
    public ConnectorLogs Logs => Services.Logs;

    /// <summary>Cancelled when the connector shuts down, after the shutdown hook.</summary>
    public CancellationToken ShutdownToken { get; }

    /// <summary>
    /// Emits a record of one of the connector's streams: a RECORD message on stdout, written by the stream's generated
    /// serializer (as <c>read</c> writes it).
    /// </summary>
    /// <exception cref="ArgumentException">The connector has no stream of that name, or its records are not <typeparamref name="TRecord"/>.</exception>
    public void Emit<TRecord>(string stream, TRecord record) => _records.Emit(stream, record);

    /// <summary>
    /// Creates and starts a <see cref="Poll"/> that logs through a child of <see cref="Logger"/> and that the runtime
    /// stops at shutdown. Stop it yourself (in an <c>[OnStop]</c> hook, say) to stop it earlier.
    /// </summary>
    public Poll StartPoll(Func<CancellationToken, Task> tick, TimeSpan interval, string name = "poll")
    {
        var poll = new Poll(tick, interval, Logger.Child(name), name);
        lock (_polls)
        {
            _polls.RemoveAll(p => !p.IsRunning);
            _polls.Add(poll);
        }
        poll.Start();
        return poll;
    }

    /// <summary>Stops every poll started through this context.</summary>
    internal Task StopPollsAsync()
    {
        Poll[] polls;
        lock (_polls)
        {
            polls = _polls.ToArray();
            _polls.Clear();
        }
        return Task.WhenAll(Array.ConvertAll(polls, p => p.StopAsync()));
    }
}
