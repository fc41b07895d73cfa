using Connectors;
using Microsoft.Extensions.Logging;

namespace Example;

/// <summary>
/// The destination-example connector. It stores each stream's records as JSON lines in
/// <c>&lt;destination_path&gt;/&lt;stream&gt;.jsonl</c>, so that it runs out of the box: replace the file handling with
/// calls to the system you write to, keeping the same shape — write batches, make them durable in [Commit], replace old
/// data only in [StreamEnd] (called once the source reported the stream complete), and leave it in [StreamIncomplete].
/// </summary>
[Connector("destination-example", Version = "0.1.0", Title = "Example", Kind = ConnectorKind.Destination)]
public sealed partial class ExampleDestination : IDisposable
{
    private readonly Dictionary<DestinationStream, FileStream> _appends = new();
    private readonly Dictionary<DestinationStream, StagingFile> _overwrites = new();

    /// <summary>The directory to write one <c>&lt;stream&gt;.jsonl</c> file per stream into (created if missing).</summary>
    /// <remarks>
    /// Every [ConfigProperty] becomes a field of the connector's spec. Add your own: a host, a password (with
    /// Secret = true, so it is masked in every log), a schema name.
    /// </remarks>
    [ConfigProperty(Order = 0)]
    public string DestinationPath { get; set; } = "output";

    /// <summary>
    /// Tries the configuration: can a file be created in the directory? Return CheckResult.Failed("why") for a problem
    /// the user must fix; any other exception is reported as a connector failure.
    /// </summary>
    [Check]
    public CheckResult Check()
    {
        try
        {
            Directory.CreateDirectory(DestinationPath);
            var probe = Path.Combine(DestinationPath, $".check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return CheckResult.Success($"Can write to {Path.GetFullPath(DestinationPath)}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CheckResult.Failed($"Cannot write to {DestinationPath}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs before the stream's first record. An overwrite (or a refresh) writes to a staging file, swapped in once the
    /// stream is complete, so the previous sync's data stays readable until the new data is all there; a retry of the
    /// same generation resumes what an interrupted attempt committed (see <see cref="StagingFile"/>).
    /// </summary>
    [StreamStart]
    public void Start(DestinationStream stream)
    {
        Directory.CreateDirectory(DestinationPath);
        if (stream.ReplacesData)
        {
            _overwrites[stream] = StagingFile.Open(FinalPath(stream), stream.GenerationId);
        }
        else
        {
            _appends[stream] = new FileStream(FinalPath(stream), FileMode.Append);
        }
    }

    /// <summary>
    /// Called with a batch of one stream's records (up to 10,000 or 8 MiB), and before every checkpoint. A record's
    /// <c>Data</c> is its <c>data</c> object as raw UTF-8 JSON.
    /// </summary>
    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite)]
    public void Write(DestinationStream stream, RecordBatch batch)
    {
        var file = _overwrites.TryGetValue(stream, out var staging) ? staging.Stream : _appends[stream];
        foreach (var record in batch)
        {
            file.Write(record.Data.Span);
            file.WriteByte((byte)'\n');
        }
    }

    /// <summary>Makes everything written so far durable: the runtime acknowledges a checkpoint only after this returns.</summary>
    [Commit]
    public void Commit()
    {
        foreach (var file in _appends.Values)
        {
            file.Flush(flushToDisk: true);
        }
        foreach (var staging in _overwrites.Values)
        {
            staging.Commit();
        }
    }

    /// <summary>
    /// Runs once the source reported the stream COMPLETE and its records are committed: an overwrite's staging file
    /// replaces the old data. Never called for a stream that did not complete.
    /// </summary>
    [StreamEnd]
    public void End(DestinationStream stream)
    {
        if (_overwrites.Remove(stream, out var staging))
        {
            staging.SwapIn();
        }
        else if (_appends.Remove(stream, out var file))
        {
            file.Dispose();
        }
    }

    /// <summary>
    /// Runs for a stream that did not complete (the source failed or was stopped, the input ended early, this write
    /// failed). Replace nothing: the old data stays readable, and the committed part of the staging file stays for a
    /// retry to resume. Only release what the stream holds.
    /// </summary>
    [StreamIncomplete]
    public void Incomplete(DestinationStream stream, StreamIncompleteReason reason, ILogger logger)
    {
        if (_overwrites.Remove(stream, out var staging))
        {
            staging.Dispose();
            logger.LogInformation("{Stream} did not complete ({Reason}); what was committed stays in {Path} for a retry to resume.",
                stream.Name, reason, staging.Path);
        }
        else if (_appends.Remove(stream, out var file))
        {
            file.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var file in _appends.Values)
        {
            file.Dispose();
        }
        foreach (var staging in _overwrites.Values)
        {
            staging.Dispose();
        }
        _appends.Clear();
        _overwrites.Clear();
    }

    private string FinalPath(DestinationStream stream) => Path.Combine(DestinationPath, stream.Name + ".jsonl");
}
