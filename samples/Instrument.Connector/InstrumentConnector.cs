using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Instrument;

/// <summary>
/// Watches the folder a lab instrument drops result files into. As an Airbyte source it reads every result (incrementally
/// by measurement time). Served as a long-running connector, a poll emits each new result file as a record while the
/// operating status is RUNNING, hands the file itself off (with its sample, analyte and measurement time as metadata),
/// counts files and bytes in its metrics, remembers the last file it ingested in its connector data (so after a restart
/// it picks up what arrived while it was down), and reports a WARNING health while its folder is missing; commands
/// change the poll's interval and ingest past results from a time window.
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

    /// <summary>The connector data key of the last ingested file: <c>{"file": …, "measured_at": …}</c>.</summary>
    public const string LastIngestedKey = "last_ingested";

    /// <summary>Where handed-off result files go.</summary>
    public const string Destination = "instrument-results";

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

    /// <summary>
    /// RUNNING: poll the folder for new result files. The files measured up to the last ingested one (from the connector
    /// data) count as ingested; without one, unless <see cref="IngestExisting"/>, every file already there does.
    /// </summary>
    [OnStart]
    public async Task StartPolling(ConnectorContext context, CancellationToken cancellationToken)
    {
        _context = context;
        if (_poll is { IsRunning: true })
        {
            return;
        }
        var last = await context.Data.GetValueAsync(LastIngestedKey, cancellationToken);
        var lastMeasured = last is { Value.ValueKind: JsonValueKind.Object } ? last.Value.GetProperty("measured_at").GetDateTimeOffset() : (DateTimeOffset?)null;
        if (ResultFolder.Problem(WatchFolder) is null)
        {
            var folder = Folder(context.Logger);
            lock (_ingested)
            {
                if (lastMeasured is { } since)
                {
                    _ingested.UnionWith(folder.All().Where(r => r.MeasuredAt <= since).Select(r => r.File));
                    context.Logger.LogInformation("The last ingested file was measured at {MeasuredAt:O}; newer files will be ingested.", since);
                }
                else if (!IngestExisting)
                {
                    _ingested.UnionWith(folder.FileNames());
                }
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

    private async Task IngestNewFilesAsync(CancellationToken cancellationToken)
    {
        var context = _context!;
        if (ResultFolder.Problem(WatchFolder) is { } problem)
        {
            // Reported at once and with every heartbeat; the poll goes on, and the health recovers when the folder is back.
            context.Health.Warning($"Not ingesting: {problem}.");
            return;
        }
        if (context.Health.Status == HealthStatus.Warning)
        {
            context.Health.Healthy($"Watching {WatchFolder} again.");
        }
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
            // Once a file's record is out, its hand-off and bookkeeping finish even if a shutdown comes meanwhile (the poll
            // waits for its tick), so a restart neither loses the file nor ingests it twice.
            context.Emit("results", result);
            var file = await context.Files.UploadFileAsync(FileUpload.FromPath(result.File, Path.Combine(WatchFolder, result.File)) with
            {
                DestinationId = Destination,
                ContentType = "application/json",
                Metadata = new Dictionary<string, string>
                {
                    ["sample_id"] = result.SampleId,
                    ["analyte"] = result.Analyte,
                    ["measured_at"] = result.MeasuredAt.ToString("O"),
                },
            }, CancellationToken.None);
            context.Metrics.Counter("files_ingested", description: "Result files emitted and handed off.").Add(1);
            context.Metrics.Counter("bytes_ingested", "By", "Bytes of the result files handed off.").Add(file.Bytes);
            await context.Data.SaveAsync([new ConnectorValue(LastIngestedKey, JsonSerializer.SerializeToElement(
                new Dictionary<string, string> { ["file"] = result.File, ["measured_at"] = result.MeasuredAt.ToString("O") },
                InstrumentJson.Default.DictionaryStringString))], CancellationToken.None);
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
    }

    private ResultFolder Folder(ILogger logger) => new(WatchFolder, FilePattern, logger);
}

/// <summary>Source-generated JSON for the connector data it keeps (no reflection).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class InstrumentJson : System.Text.Json.Serialization.JsonSerializerContext;
