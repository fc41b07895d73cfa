using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Connectors;

namespace Broken;

/// <summary>
/// A destination that keeps every rule of the acceptance kit: JSON lines per stream in <see cref="Folder"/>. A file's
/// committed length is recorded beside it at every commit (<c>&lt;stream&gt;.jsonl.committed</c>); readers read only
/// that much, and a restart cuts off what was written after it. An overwrite writes a staging file, swapped in only
/// when the stream completes.
/// </summary>
[Connector("destination-reference", Version = "0.1.0", Title = "Reference Destination", Kind = ConnectorKind.Destination)]
public sealed partial class ReferenceDestination : IDisposable
{
    private readonly Dictionary<DestinationStream, StreamFile> _files = new();

    /// <summary>The folder of the stream files.</summary>
    [ConfigProperty(Order = 0)]
    public required string Folder { get; set; }

    /// <summary>A token (unused, but a secret: it must appear in no output).</summary>
    [ConfigProperty(Secret = true, Order = 1)]
    public string? Token { get; set; }

    /// <summary>The folder can be created and written.</summary>
    [Check]
    public CheckResult Check()
    {
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Path.Combine(Folder, ".check"), "");
            return CheckResult.Success();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CheckResult.Failed($"Cannot write to {Folder}: {ex.Message}");
        }
    }

    [StreamStart]
    public void Start(DestinationStream stream)
    {
        Directory.CreateDirectory(Folder);
        var final = Path.Combine(Folder, stream.Name + ".jsonl");
        var staging = stream.ReplacesData && !BrokenCase.Is("overwrite-truncates-first");
        var file = new StreamFile(final, staging ? final + ".staging" : final);
        if (stream.ReplacesData || BrokenCase.Is("restart-truncates"))
        {
            file.Truncate();
        }
        else
        {
            // A restart resumes after the last commit: what was written after it never counted.
            file.CutToCommitted();
        }
        _files[stream] = file;
    }

    [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.Overwrite)]
    public void Write(DestinationStream stream, RecordBatch batch)
    {
        if (BrokenCase.Is("conduit-write-fails"))
        {
            throw new IOException("the disk is full (a broken destination: every write fails)");
        }
        foreach (var record in batch)
        {
            _files[stream].Append(record.Data.Span);
        }
    }

    [Commit]
    public void Commit()
    {
        foreach (var file in _files.Values)
        {
            file.Commit(publishLate: BrokenCase.Is("echo-before-commit"));
        }
    }

    [StreamEnd]
    public void End(DestinationStream stream)
    {
        if (_files.Remove(stream, out var file))
        {
            file.Commit(publishLate: false);
            file.Dispose();
            file.SwapIn();
        }
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
        _files.Clear();
    }

    /// <summary>The committed lines of a stream's file (what the acceptance tests read back).</summary>
    public static IEnumerable<string> CommittedLines(string folder, string stream)
    {
        var path = Path.Combine(folder, stream + ".jsonl");
        if (!File.Exists(path))
        {
            return [];
        }
        var committed = StreamFile.CommittedLength(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[Math.Min(committed, file.Length)];
        file.ReadExactly(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class StreamFile(string finalPath, string writingPath) : IDisposable
    {
        private FileStream? _stream;
        private long _pending = -1;

        private FileStream Stream => _stream ??= new FileStream(writingPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

        public static long CommittedLength(string path) =>
            File.Exists(path + ".committed") ? long.Parse(File.ReadAllText(path + ".committed"), System.Globalization.CultureInfo.InvariantCulture) : 0;

        public void Truncate()
        {
            Stream.SetLength(0);
            Record(0);
        }

        public void CutToCommitted()
        {
            var committed = CommittedLength(writingPath);
            // A batch written durably but published late (the broken variant) is published on restart.
            if (File.Exists(writingPath + ".pending"))
            {
                committed = long.Parse(File.ReadAllText(writingPath + ".pending"), System.Globalization.CultureInfo.InvariantCulture);
                File.Delete(writingPath + ".pending");
            }
            Stream.SetLength(Math.Min(committed, Stream.Length));
            Record(Stream.Length);
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            Stream.Seek(0, SeekOrigin.End);
            Stream.Write(data);
            Stream.WriteByte((byte)'\n');
        }

        public void Commit(bool publishLate)
        {
            Stream.Flush(flushToDisk: true);
            if (publishLate)
            {
                // Durable, but visible only at the next commit: the state is echoed before its records can be read.
                if (_pending >= 0)
                {
                    Record(_pending);
                }
                _pending = Stream.Length;
                File.WriteAllText(writingPath + ".pending", _pending.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            Record(Stream.Length);
            File.Delete(writingPath + ".pending");
        }

        public void SwapIn()
        {
            if (writingPath == finalPath)
            {
                return;
            }
            File.Move(writingPath, finalPath, overwrite: true);
            File.Move(writingPath + ".committed", finalPath + ".committed", overwrite: true);
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }

        private void Record(long length)
        {
            var temporary = writingPath + ".committed.tmp";
            File.WriteAllText(temporary, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(temporary, writingPath + ".committed", overwrite: true);
        }
    }
}
