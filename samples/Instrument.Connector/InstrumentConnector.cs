using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Instrument;

/// <summary>
/// Watches the folder a lab instrument drops result files into. As an Airbyte source it reads every result (incrementally
/// by measurement time). Served as a long-running connector, a poll emits each new result file as a record while the
/// operating status is RUNNING; commands change the poll's interval and ingest past results from a time window.
/// </summary>
[Connector("instrument", Version = "0.1.0", Title = "Instrument Results")]
public sealed partial class InstrumentConnector
{
    /// <summary>The folder the instrument writes its result files into.</summary>
    [ConfigProperty(Order = 0)]
#pragma warning disable CS8618 // Required, so no initializer; the binder always sets it.
    public string WatchFolder { get; set; }
#pragma warning restore CS8618

    /// <summary>Which files are results.</summary>
    [ConfigProperty(Order = 1)]
    public string FilePattern { get; set; } = "*.json";

    /// <summary>Seconds between the end of one poll of the folder and the start of the next.</summary>
    [ConfigProperty(Minimum = 0.01, Order = 2)]
    public double ScheduleIntervalSeconds { get; set; } = 5;

    /// <summary>When false, the files already in the folder when polling starts count as ingested; when true, the first poll emits them.</summary>
    [ConfigProperty(Order = 3)]
    public bool IngestExisting { get; set; } = false;

    private readonly HashSet<string> _ingested = new(StringComparer.Ordinal);
    private double? _intervalOverride;
    private Poll? _poll;
    private ConnectorContext? _context;

    private TimeSpan Interval => TimeSpan.FromSeconds(_intervalOverride ?? ScheduleIntervalSeconds);

    /// <summary>The folder must exist.</summary>
    [Check]
    public CheckResult Check(ILogger logger) =>
        ResultFolder.Problem(WatchFolder) is { } problem
            ? CheckResult.Failed(problem)
            : CheckResult.Success($"Watching {WatchFolder}: {Folder(logger).FileNames().Count} result file(s).");

    /// <summary>A configuration whose folder does not exist is rejected before it replaces the running one.</summary>
    [ValidateConfig]
    public CheckResult ValidateConfig() =>
        ResultFolder.Problem(WatchFolder) is { } problem ? CheckResult.Failed(problem) : CheckResult.Success();

    /// <summary>Every result, oldest measurement first; incrementally, those measured after the saved cursor.</summary>
    [Stream("results", PrimaryKey = nameof(InstrumentResult.File), Cursor = nameof(InstrumentResult.MeasuredAt), SortedByCursor = true)]
    public IEnumerable<InstrumentResult> Results(DateTimeOffset? since, ILogger logger) =>
        Folder(logger).All().Where(r => since is null || r.MeasuredAt > since);

    /// <summary>The config was applied (at start, stop or update): a running poll takes the new interval.</summary>
    [OnConnectorUpdated]
    public void ConnectorUpdated(OperatingStatus status, ILogger logger)
    {
        logger.LogInformation("Watching {Folder} every {Seconds} s; the operating status is {Status}.", WatchFolder, Interval.TotalSeconds, status);
        if (_poll is not null)
        {
            _poll.Interval = Interval;
        }
    }

    /// <summary>RUNNING: poll the folder for new result files.</summary>
    [OnStart]
    public void StartPolling(ConnectorContext context)
    {
        _context = context;
        if (_poll is { IsRunning: true })
        {
            return;
        }
        lock (_ingested)
        {
            if (!IngestExisting)
            {
                _ingested.UnionWith(Folder(context.Logger).FileNames());
            }
        }
        _poll = context.StartPoll(IngestNewFilesAsync, Interval, "ingest");
    }

    /// <summary>IDLE: stop polling (a running tick finishes first).</summary>
    [OnStop]
    public async Task StopPolling()
    {
        if (_poll is { } poll)
        {
            _poll = null;
            await poll.StopAsync();
        }
    }

    /// <summary>Changes the time between polls, at once and for as long as the connector runs.</summary>
    /// <param name="seconds">Seconds between the end of one poll and the start of the next (more than 0).</param>
    [Command("Instrument.Connector.SetScheduleInterval")]
    public Schedule SetScheduleInterval(double seconds)
    {
        if (!(seconds > 0))
        {
            throw new ConfigException($"seconds must be more than 0, got {seconds}.");
        }
        _intervalOverride = seconds;
        if (_poll is not null)
        {
            _poll.Interval = Interval;
        }
        return new Schedule(seconds, _poll is { IsRunning: true });
    }

    /// <summary>Emits, as records, every result measured in a time window: a backfill of past results.</summary>
    /// <param name="from">The start of the window (inclusive).</param>
    /// <param name="to">The end of the window (exclusive).</param>
    [Command("Instrument.Connector.IngestHistorical")]
    public async Task<IngestSummary> IngestHistorical(DateTimeOffset from, DateTimeOffset to, ConnectorContext context, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            throw new ConfigException($"to ({to:O}) must be after from ({from:O}).");
        }
        var count = 0;
        foreach (var result in Folder(context.Logger).All().Where(r => r.MeasuredAt >= from && r.MeasuredAt < to))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Emit("results", result);
            count++;
            await Task.Yield();
        }
        context.Logger.LogInformation("Ingested {Count} historical result(s) from {From:O} to {To:O}.", count, from, to);
        return new IngestSummary(count, from, to);
    }

    private Task IngestNewFilesAsync(CancellationToken cancellationToken)
    {
        var context = _context!;
        var folder = Folder(context.Logger);
        List<string> fresh;
        lock (_ingested)
        {
            fresh = folder.FileNames().Where(n => !_ingested.Contains(n)).ToList();
        }
        var emitted = 0;
        foreach (var result in folder.Read(fresh).OrderBy(r => r.MeasuredAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Emit("results", result);
            lock (_ingested)
            {
                _ingested.Add(result.File);
            }
            emitted++;
        }
        if (emitted > 0)
        {
            context.Logger.LogInformation("Ingested {Count} new result file(s).", emitted);
        }
        return Task.CompletedTask;
    }

    private ResultFolder Folder(ILogger logger) => new(WatchFolder, FilePattern, logger);
}
