using Connectors;
using Connectors.Runtime;
using Connectors.Runtime.Platform;

namespace Example;

/// <summary>
/// The example-connector connector, long-running: served (<c>serve</c>), it polls a folder while its operating status is
/// RUNNING, emits a record for each new file, hands the file off, and keeps a status record per file and the name of the
/// last one in its connector data, so a restart ingests only what arrived meanwhile. The store is SQLite
/// (<c>connector.db</c> in the data directory, CONNECTOR_DATA_DIR), from the Connectors.Platform.Sqlite package.
/// Replace the folder with the system you collect from.
/// </summary>
[Connector("example-connector", Version = "0.1.0", Title = "Example")]
public sealed partial class ExampleConnector
{
    /// <summary>The folder to ingest new files from.</summary>
    /// <remarks>
    /// Every [ConfigProperty] becomes a field of the connector's spec. Add your own: a base URL, an API key (with
    /// Secret = true, so it is masked in every log and response).
    /// </remarks>
    [ConfigProperty(Order = 0)]
#pragma warning disable CS8618 // Required, so no initializer; the binder always sets it.
    public string InboxFolder { get; set; }
#pragma warning restore CS8618

    /// <summary>Seconds between the end of one poll of the folder and the start of the next.</summary>
    [ConfigProperty(Minimum = 0.01, Order = 1)]
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>The connector data key that holds the name of the last file ingested.</summary>
    public const string LastFileKey = "last_file";

    private Poll? _poll;
    private ConnectorContext? _context;

    private TimeSpan Interval => TimeSpan.FromSeconds(PollIntervalSeconds);

    /// <summary>
    /// Tries the configuration. Connect to your system here: return CheckResult.Failed("why") (or throw
    /// ConfigException) for a problem the user must fix.
    /// </summary>
    [Check]
    public CheckResult Check() => Directory.Exists(InboxFolder)
        ? CheckResult.Success($"Watching {InboxFolder}: {Inbox().Count()} file(s).")
        : CheckResult.Failed($"The inbox folder {InboxFolder} does not exist.");

    /// <summary>Every file in the folder, in name order (what <c>read</c> emits, and each poll emits for a new file).</summary>
    [Stream("files", PrimaryKey = nameof(InboxFile.Name))]
    public IEnumerable<InboxFile> Files() => Inbox();

    /// <summary>RUNNING (at startup or on Start): poll the folder.</summary>
    [OnStart]
    public void StartPolling(ConnectorContext context)
    {
        _context = context;
        if (_poll is not { IsRunning: true })
        {
            _poll = context.StartPoll(IngestNewFilesAsync, Interval, "ingest");
        }
    }

    /// <summary>A config was applied (Start, Stop, UpdateConfig): a running poll takes the new interval.</summary>
    [OnConnectorUpdated]
    public void ConnectorUpdated()
    {
        if (_poll is not null)
        {
            _poll.Interval = Interval;
        }
    }

    /// <summary>IDLE (Stop): stop polling; a running poll finishes first.</summary>
    [OnStop]
    public async Task StopPolling()
    {
        if (_poll is { } poll)
        {
            _poll = null;
            await poll.StopAsync();
        }
    }

    /// <summary>What has been ingested so far, from the connector data and the file records (they survive restarts).</summary>
    [Command("Example.Status")]
    public async Task<IngestStatus> Status(ConnectorContext context, CancellationToken cancellationToken)
    {
        var last = await context.Data.GetValueAsync(LastFileKey, cancellationToken);
        var ingested = await context.Files.GetFilesAsync(new ConnectorFileQuery { Statuses = [ConnectorFileStatus.Success] }, cancellationToken);
        return new IngestStatus(ingested.Count, last?.Text, _poll is { IsRunning: true });
    }

    /// <summary>One poll: every file without a SUCCESS record is emitted, handed off and recorded.</summary>
    private async Task IngestNewFilesAsync(CancellationToken cancellationToken)
    {
        var context = _context!;
        if (!Directory.Exists(InboxFolder))
        {
            // Reported at once and with every heartbeat; the poll goes on, and the health recovers with the folder.
            context.Health.Warning($"Not ingesting: the inbox folder {InboxFolder} does not exist.");
            return;
        }
        if (context.Health.Status == HealthStatus.Warning)
        {
            context.Health.Healthy($"Watching {InboxFolder} again.");
        }
        var files = Inbox().ToList();
        var done = (await context.Files.GetFilesAsync(new ConnectorFileQuery
        {
            Ids = files.Select(f => f.Name).ToList(),
            Statuses = [ConnectorFileStatus.Success],
        }, cancellationToken)).Select(f => f.UniqueExternalId).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Where(f => !done.Contains(f.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Once a record is out, the hand-off and bookkeeping finish even during a shutdown (it waits for the poll),
            // so a restart neither loses the file nor ingests it twice.
            var path = Path.Combine(InboxFolder, file.Name);
            context.Emit("files", file);
            var handedOff = await context.Files.UploadFileAsync(FileUpload.FromPath(file.Name, path), CancellationToken.None);
            await context.Files.SaveFilesAsync([new ConnectorFile(file.Name, path, ConnectorFileStatus.Success) { FileId = handedOff.FileId }],
                CancellationToken.None);
            await context.Data.SaveAsync(LastFileKey, file.Name, cancellationToken: CancellationToken.None);
            context.Metrics.Counter("files_ingested", description: "Files emitted and handed off.").Add(1);
        }
    }

    /// <summary>The folder's files in name order; a name starting with '.' is a file still being written.</summary>
    private IEnumerable<InboxFile> Inbox() =>
        new DirectoryInfo(InboxFolder).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.'))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new InboxFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)));
}
