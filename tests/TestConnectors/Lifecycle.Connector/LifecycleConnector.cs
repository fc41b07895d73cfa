using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Lifecycle;

/// <summary>
/// A connector for the command tests. Every lifecycle hook appends a line ("OnStart RUNNING v1") to the journal file named by
/// the LIFECYCLE_JOURNAL environment variable (not config: the first hook runs before the config is loaded), so tests
/// can see which hooks ran in which order; commands bind every payload shape, sleep, fail, log and emit on demand. With
/// LIFECYCLE_COUNT_STARTS set, OnStart also counts the starts in the connector data store and journals the count; with
/// LIFECYCLE_TABLES set (<c>schema.table:rows,…</c>), [DiscoverStreams] finds those tables, each a stream of rows 1..n by id;
/// with LIFECYCLE_REPORT=n, OnStart sets the health to WARNING and adds n to the counter <c>rows_seen</c>.
/// Lifecycle.Connector.Conduit builds the same class as a Conduit plugin.
/// </summary>
[Connector("lifecycle-test", Version = "0.1.0", Title = "Lifecycle Test Connector")]
public sealed partial class LifecycleConnector
{
    /// <summary>A secret, echoed by GetConfig and put into Fail's exception, so tests can see it masked.</summary>
    [ConfigProperty(Secret = true, Order = 0)]
    public string? ApiKey { get; set; }

    /// <summary>A number tests change with UpdateConfig.</summary>
    [ConfigProperty(Minimum = 0, Order = 2)]
    public int Version { get; set; } = 1;

    /// <summary>When true, [ValidateConfig] rejects the config.</summary>
    [ConfigProperty(Order = 3)]
    public bool RejectConfig { get; set; } = false;

    /// <summary>The name of a hook that throws (OnStart, OnShutdown…).</summary>
    [ConfigProperty(Order = 4)]
    public string? FailHook { get; set; }

    /// <summary>When positive, OnStart starts a poll whose ticks last this many seconds unless cancelled.</summary>
    [ConfigProperty(Minimum = 0, Order = 5)]
    public double PollTickSeconds { get; set; } = 0;

    private Poll? _poll;

    [Check]
    public CheckResult Check() => CheckResult.Success();

    /// <summary>Events, for Emit.</summary>
    [Stream("events", PrimaryKey = nameof(Event.Id))]
    public IEnumerable<Event> Events() => Enumerable.Range(1, 3).Select(i => new Event(i, "read"));

    /// <summary>The tables LIFECYCLE_TABLES names (none when unset): streams found at run time, read incrementally by id.</summary>
    [DiscoverStreams(nameof(ReadTableAsync))]
    public List<StreamDescription> DiscoverTables() =>
        Tables().Select(t => new StreamDescription
        {
            Name = t.Name,
            Namespace = t.Schema,
            JsonSchema = """{"type":"object","properties":{"id":{"type":"integer"},"rank":{"type":"integer"},"table":{"type":"string"}}}""",
            PrimaryKey = [["id"]],
            CursorCandidates = ["id", "rank"],
            DefaultCursor = "id",
        }).ToList();

    /// <summary>
    /// Rows 1..n of a table (rank n..1), from the saved cursor on, in the order of the cursor in use (id by default, or
    /// rank: the rows in reverse), with a checkpoint after each.
    /// </summary>
    public Task ReadTableAsync(DynamicStreamRequest request, RowWriter rows, CancellationToken cancellationToken)
    {
        var count = Tables().Single(t => t.Schema == request.Stream.Namespace && t.Name == request.Stream.Name).Rows;
        var byRank = request.Cursor == "rank";
        var from = request.State is { } state && state.TryGetProperty(byRank ? "rank" : "id", out var saved) ? saved.GetInt32() + 1 : 1;
        Action<Utf8JsonWriter, int> checkpoint = byRank ? static (json, last) => WriteCursor(json, "rank", last) : static (json, last) => WriteCursor(json, "id", last);
        for (var cursor = from; cursor <= count; cursor++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = byRank ? count + 1 - cursor : cursor;
            var row = rows.BeginRow();
            row.WriteStartObject();
            row.WriteNumber("id", id);
            row.WriteNumber("rank", count + 1 - id);
            row.WriteString("table", request.Stream.Namespace + "." + request.Stream.Name);
            row.WriteEndObject();
            rows.EndRow();
            rows.Checkpoint(cursor, checkpoint);
        }
        return Task.CompletedTask;
    }

    private static void WriteCursor(Utf8JsonWriter json, string field, int value)
    {
        json.WriteStartObject();
        json.WriteNumber(field, value);
        json.WriteEndObject();
    }

    private static IEnumerable<(string Schema, string Name, int Rows)> Tables() =>
        (Environment.GetEnvironmentVariable("LIFECYCLE_TABLES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(entry =>
        {
            var (table, rows) = (entry.Split(':')[0], int.Parse(entry.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            return (table.Split('.')[0], table.Split('.')[1], rows);
        });

    [OnInitializing]
    public void Initializing(OperatingStatus status) => Record("OnInitializing", status);

    [OnInitialized]
    public void Initialized(OperatingStatus status) => Record("OnInitialized", status);

    [OnConnectorUpdated]
    public Task ConnectorUpdated(OperatingStatus status)
    {
        Record("OnConnectorUpdated", status);
        return Task.CompletedTask;
    }

    [OnStart]
    public async ValueTask Start(OperatingStatus status, ConnectorContext context, CancellationToken cancellationToken)
    {
        Record("OnStart", status);
        if (Environment.GetEnvironmentVariable("LIFECYCLE_COUNT_STARTS") is not null)
        {
            var saved = await context.Data.GetAsync(["starts"], cancellationToken);
            var starts = (saved.Count == 0 ? 0 : saved[0].Value.GetInt32()) + 1;
            using var number = JsonDocument.Parse(starts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await context.Data.SaveAsync([new Connectors.Runtime.Platform.ConnectorValue("starts", number.RootElement.Clone())], cancellationToken);
            Append($"starts {starts} in {context.Platform.DataDirectory}");
        }
        if (Environment.GetEnvironmentVariable("LIFECYCLE_REPORT") is { } report)
        {
            // A connector that reports through the platform services: a health change and a counter (the value of LIFECYCLE_REPORT).
            context.Health.Warning("disk almost full");
            context.Metrics.Counter("rows_seen").Add(long.Parse(report, System.Globalization.CultureInfo.InvariantCulture));
        }
        if (PollTickSeconds > 0 && _poll is null)
        {
            _poll = context.StartPoll(async token =>
            {
                Append("tick started");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(PollTickSeconds), token);
                    Append("tick finished");
                }
                catch (OperationCanceledException)
                {
                    Append("tick cancelled");
                    throw;
                }
            }, TimeSpan.FromMilliseconds(10), "ticker");
        }
    }

    [OnStop]
    public void Stop(OperatingStatus status) => Record("OnStop", status);

    [OnShutdown]
    public void Shutdown(OperatingStatus status) => Record("OnShutdown", status);

    [OnConnectorDeleted]
    public void Deleted(OperatingStatus status) => Record("OnConnectorDeleted", status);

    [ValidateConfig]
    public CheckResult Validate() => RejectConfig ? CheckResult.Failed($"version {Version} is not welcome") : CheckResult.Success();

    /// <summary>Returns everything it was given.</summary>
    [Command("Lifecycle.Echo")]
    public EchoResult Echo(string text, int count, long? bigNumber, double ratio, bool flag, Color color, DateTimeOffset at, DateOnly? day,
        Uri? link, JsonElement extra, int[] numbers, IReadOnlyList<string>? tags, Window window, Filter? filter = null) =>
        new(text, count, bigNumber, ratio, flag, color, at, day, link, extra, numbers, tags, window, filter);

    /// <summary>Sleeps, or stops early when the connector shuts down.</summary>
    [Command("Lifecycle.Sleep")]
    public async Task<Slept> Sleep(double seconds, CancellationToken cancellationToken)
    {
        Append("sleep started");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            return new Slept(seconds, false);
        }
        catch (OperationCanceledException)
        {
            Append("sleep cancelled");
            throw;
        }
    }

    /// <summary>Throws, with the secret in the message.</summary>
    [Command("Lifecycle.Fail")]
    public void Fail(string message) => throw new InvalidOperationException($"{message} (api key {ApiKey})");

    /// <summary>Logs the message once per level, with the secret in it.</summary>
    [Command("Lifecycle.Log")]
    public void Log(string message, ILogger logger)
    {
        logger.LogDebug("debug: {Message} {ApiKey}", message, ApiKey);
        logger.LogInformation("info: {Message}", message);
        logger.LogWarning("warning: {Message}", message);
        logger.LogError("error: {Message}", message);
        logger.LogCritical("critical: {Message}", message);
    }

    /// <summary>The running config, as seen by commands.</summary>
    [Command("Lifecycle.GetConfig")]
    public ConfigView GetConfig(OperatingStatus status) => new(Version, ApiKey, status.ToString());

    /// <summary>Returns JSON text.</summary>
    [Command("Lifecycle.Raw")]
    public string Raw(string json) => json;

    /// <summary>Emits events as records of the 'events' stream.</summary>
    [Command("Lifecycle.Emit")]
    public int Emit(int count, ConnectorContext context)
    {
        for (var i = 1; i <= count; i++)
        {
            context.Emit("events", new Event(i, "emitted"));
        }
        return count;
    }

    private void Record(string hook, OperatingStatus status)
    {
        Append($"{hook} {(status == OperatingStatus.Running ? "RUNNING" : "IDLE")} v{Version}");
        if (FailHook == hook)
        {
            throw new InvalidOperationException($"{hook} was told to fail");
        }
    }

    private static readonly object JournalGate = new();

    private static void Append(string line)
    {
        var journal = Environment.GetEnvironmentVariable("LIFECYCLE_JOURNAL")
            ?? throw new InvalidOperationException("Set LIFECYCLE_JOURNAL to the journal file.");
        lock (JournalGate)
        {
            File.AppendAllText(journal, line + "\n");
        }
    }
}
