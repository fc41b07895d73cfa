using Connectors;

namespace Example;

/// <summary>
/// The destination-example connector. It stores each stream's records as JSON lines in
/// <c>&lt;destination_path&gt;/&lt;stream&gt;.jsonl</c>, so that it runs out of the box: replace the file handling with
/// calls to the system you write to, keeping the same shape — write batches, make them durable in [Commit], and keep
/// replaced data visible until [StreamEnd].
/// </summary>
[Connector("destination-example", Version = "0.1.0", Title = "Example", Kind = ConnectorKind.Destination)]
public sealed partial class ExampleDestination : IDisposable
{
    private readonly Dictionary<DestinationStream, OpenFile> _files = new();

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
    /// Runs before the stream's first record. An overwrite writes to a staging file, swapped in at the stream's end, so
    /// the previous sync's data stays readable until the new data is complete.
    /// </summary>
    [StreamStart]
    public void Start(DestinationStream stream)
    {
        Directory.CreateDirectory(DestinationPath);
        var final = Path.Combine(DestinationPath, stream.Name + ".jsonl");
        var target = stream.ReplacesData ? final + ".staging" : final;
        _files[stream] = new OpenFile(final, target, new FileStream(target, stream.ReplacesData ? FileMode.Create : FileMode.Append));
    }

    /// <summary>
    /// Called with a batch of one stream's records (up to 10,000 or 8 MiB), and before every checkpoint. A record's
    /// <c>Data</c> is its <c>data</c> object as raw UTF-8 JSON.
    /// </summary>
    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite)]
    public void Write(DestinationStream stream, RecordBatch batch)
    {
        var file = _files[stream].Stream;
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
        foreach (var file in _files.Values)
        {
            file.Stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Runs once the stream is complete and committed: an overwrite's staging file replaces the old data.</summary>
    [StreamEnd]
    public void End(DestinationStream stream)
    {
        if (!_files.Remove(stream, out var file))
        {
            return;
        }
        file.Stream.Dispose();
        if (file.WritingPath != file.FinalPath)
        {
            File.Move(file.WritingPath, file.FinalPath, overwrite: true);
        }
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Stream.Dispose();
        }
        _files.Clear();
    }

    private sealed record OpenFile(string FinalPath, string WritingPath, FileStream Stream);
}
