using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Client.Progress;

namespace Connectors.Cli.Display;

/// <summary>
/// <c>--json</c>: one JSON object per line — <c>{"event":"progress",…}</c> at each phase change and every second,
/// then <c>{"event":"summary",…}</c> or <c>{"event":"failed",…}</c>.
/// </summary>
internal sealed class JsonProgressDisplay : IProgressDisplay
{
    private readonly TextWriter _out;
    private readonly object _gate = new();
    private SyncPhase? _phase;
    private TimeSpan _last;
    private SyncProgress? _latest;

    public JsonProgressDisplay(TextWriter output) => _out = output;

    public async Task<T> RunAsync<T>(string title, Func<IProgress<SyncProgress>, Task<T>> work) =>
        await work(new Reporter<SyncProgress>(Report)).ConfigureAwait(false);

    private void Report(SyncProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            if (progress.Phase == _phase && progress.Elapsed - _last < TimeSpan.FromSeconds(1))
            {
                return;
            }
            _phase = progress.Phase;
            _last = progress.Elapsed;
            Write("progress", progress, null);
        }
    }

    public void Summary(Summary summary)
    {
        lock (_gate)
        {
            Write("summary", summary.Progress, writer =>
            {
                writer.WriteString("target", summary.Target);
                if (summary.Detail is not null)
                {
                    writer.WriteString("detail", summary.Detail);
                }
            });
        }
    }

    public void Failed(SyncProgress? last, string message)
    {
        lock (_gate)
        {
            Write("failed", last ?? _latest, writer => writer.WriteString("error", message));
        }
    }

    private void Write(string name, SyncProgress? progress, Action<Utf8JsonWriter>? extra)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            if (progress is not null)
            {
                writer.WriteString("phase", Format.Phase(progress.Phase));
                writer.WriteNumber("elapsed_seconds", Math.Round(progress.Elapsed.TotalSeconds, 3));
                writer.WriteNumber("records", progress.Records);
                writer.WriteNumber("bytes", progress.Bytes);
                writer.WriteNumber("records_per_second", Math.Round(progress.RecordsPerSecond, 1));
                writer.WriteNumber("megabytes_per_second", Math.Round(progress.MegabytesPerSecond, 3));
                writer.WriteStartArray("streams");
                foreach (var stream in progress.Streams)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", stream.Name);
                    writer.WriteString("status", stream.Status);
                    writer.WriteNumber("records", stream.Records);
                    writer.WriteNumber("bytes", stream.Bytes);
                    writer.WriteNumber("states", stream.States);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            extra?.Invoke(writer);
            writer.WriteEndObject();
        }
        _out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        _out.Flush();
    }
}
