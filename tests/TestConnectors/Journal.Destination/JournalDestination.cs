using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Microsoft.Extensions.Logging;

namespace Journal;

/// <summary>
/// A destination for tests. It keeps written batches in memory and appends them to a journal file only when the runtime
/// commits, so the journal holds exactly what was committed: one line per record (<c>{"stream":…,"batch":n,"data":…}</c>),
/// a <c>{"commit":n}</c> line per commit, a line per stream start, a line per stream end (<c>{"end":…}</c>, the stream
/// completed) and a line per stream that did not (<c>{"incomplete":…,"reason":…}</c>). Its config makes it fail where a test
/// wants. Without a journal it does nothing at all, which makes it the no-op destination of the reader benchmark.
/// </summary>
[Connector("destination-journal", Version = "0.1.0", Title = "Journal Test Destination", Kind = ConnectorKind.Destination)]
public sealed partial class JournalDestination : IDisposable
{
    private readonly List<(string Stream, int Batch, byte[] Data)> _pending = new();
    private FileStream? _journal;
    private int _writes;
    private int _commits;

    /// <summary>Where to journal committed records; none makes the destination a no-op.</summary>
    [ConfigProperty(Order = 0)]
    public string? Journal { get; set; }

    /// <summary>A secret that failure messages contain, so tests can prove it is masked.</summary>
    [ConfigProperty(Secret = true, Order = 1)]
    public string? ApiKey { get; set; }

    /// <summary>The write call (1-based) that throws; 0 never.</summary>
    [ConfigProperty(Minimum = 0, Order = 2)]
    public int FailOnWrite { get; set; } = 0;

    /// <summary>The commit call (1-based) that throws; 0 never.</summary>
    [ConfigProperty(Minimum = 0, Order = 3)]
    public int FailOnCommit { get; set; } = 0;

    /// <summary>The failure is a ConfigException (a config_error) rather than an unexpected exception.</summary>
    [ConfigProperty(Order = 4)]
    public bool FailAsConfigError { get; set; } = false;

    /// <summary>How long each commit takes, in milliseconds (it honours cancellation).</summary>
    [ConfigProperty(Minimum = 0, Order = 5)]
    public int CommitDelayMs { get; set; } = 0;

    /// <summary>Records per batch (0: the runtime default).</summary>
    [ConfigProperty(Minimum = 0, Order = 6)]
    public int MaxBatchRecords { get; set; } = 0;

    /// <summary>Bytes per batch (0: the runtime default).</summary>
    [ConfigProperty(Minimum = 0, Order = 7)]
    public int MaxBatchBytes { get; set; } = 0;

    /// <summary>Splits every record into the stream's columns with a RecordFieldReader, as a SQL destination does.</summary>
    [ConfigProperty(Order = 8)]
    public bool ReadFields { get; set; } = false;

    private readonly Dictionary<DestinationStream, RecordFieldReader> _readers = new();

    [StreamStart]
    public void Start(DestinationStream stream)
    {
        if (MaxBatchRecords > 0)
        {
            stream.MaxBatchRecords = MaxBatchRecords;
        }
        if (MaxBatchBytes > 0)
        {
            stream.MaxBatchBytes = MaxBatchBytes;
        }
        Append($"{{\"start\":\"{stream}\",\"mode\":\"{stream.SyncMode}\",\"generation\":{stream.GenerationId?.ToString() ?? "null"}}}");
    }

    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup)]
    public void Write(DestinationStream stream, RecordBatch batch)
    {
        if (++_writes == FailOnWrite)
        {
            throw Failure($"write {_writes} of stream {stream.Name}");
        }
        if (ReadFields)
        {
            SplitFields(stream, batch);
        }
        if (Journal is null)
        {
            return;
        }
        foreach (var record in batch)
        {
            _pending.Add((stream.ToString(), _writes, record.Data.ToArray()));
        }
    }

    [Commit]
    public async Task CommitAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (CommitDelayMs > 0)
        {
            // Tests wait for this line to signal the process while the commit is under way.
            logger.LogInformation("Commit {Commit} takes {Delay} ms.", _commits + 1, CommitDelayMs);
            await Task.Delay(CommitDelayMs, cancellationToken);
        }
        if (++_commits == FailOnCommit)
        {
            throw Failure($"commit {_commits}");
        }
        foreach (var (stream, batch, data) in _pending)
        {
            Append($"{{\"stream\":\"{stream}\",\"batch\":{batch},\"data\":{Encoding.UTF8.GetString(data)}}}");
        }
        _pending.Clear();
        Append($"{{\"commit\":{_commits}}}");
        _journal?.Flush(flushToDisk: true);
    }

    [StreamEnd]
    public void End(DestinationStream stream) => Append($"{{\"end\":\"{stream}\"}}");

    [StreamIncomplete]
    public void Incomplete(DestinationStream stream, StreamIncompleteReason reason) =>
        Append($"{{\"incomplete\":\"{stream}\",\"reason\":\"{reason}\"}}");

    public void Dispose() => _journal?.Dispose();

    /// <summary>What the reader benchmark's `fields` variant measures: each record's columns located, nothing stored.</summary>
    private void SplitFields(DestinationStream stream, RecordBatch batch)
    {
        if (!_readers.TryGetValue(stream, out var reader))
        {
            var names = new List<string>();
            foreach (var field in stream.Fields)
            {
                names.Add(field.Name);
            }
            _readers[stream] = reader = new RecordFieldReader(names);
        }
        foreach (var record in batch)
        {
            reader.Read(record);
        }
    }

    private Exception Failure(string where)
    {
        var message = $"The journal failed at {where} (api key {ApiKey}).";
        return FailAsConfigError ? new ConfigException(message) : new IOException(message);
    }

    private void Append(string line)
    {
        if (Journal is null)
        {
            return;
        }
        _journal ??= new FileStream(Journal, FileMode.Append, FileAccess.Write, FileShare.Read);
        _journal.Write(Encoding.UTF8.GetBytes(line + "\n"));
    }
}
