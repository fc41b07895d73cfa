using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Client.Progress;

namespace Connectors.Cli.Display;

/// <summary>
/// Not a terminal (a pipe, a CI log): plain lines, one at each phase change and one every few seconds while reading, then
/// one per stream and a total at the end. No escape sequences.
/// </summary>
internal sealed class PlainProgressDisplay : IProgressDisplay
{
    private readonly TextWriter _out;
    private readonly TimeSpan _interval;
    private readonly object _gate = new();
    private SyncPhase? _phase;
    private TimeSpan _lastLine;

    public PlainProgressDisplay(TextWriter output, TimeSpan interval)
    {
        _out = output;
        _interval = interval;
    }

    public async Task<T> RunAsync<T>(string title, Func<IProgress<SyncProgress>, Task<T>> work)
    {
        _out.WriteLine($"{title}: starting");
        _out.Flush();
        return await work(new Reporter<SyncProgress>(Report)).ConfigureAwait(false);
    }

    private void Report(SyncProgress progress)
    {
        lock (_gate)
        {
            var changed = progress.Phase != _phase;
            if (!changed && progress.Elapsed - _lastLine < _interval)
            {
                return;
            }
            _phase = progress.Phase;
            _lastLine = progress.Elapsed;
            if (progress.Phase is SyncPhase.Completed or SyncPhase.Failed)
            {
                return;
            }
            var streams = string.Join(", ", progress.Streams.Select(s => $"{s.Name} {Format.Count(s.Records)}"));
            _out.WriteLine($"[{Format.Elapsed(progress.Elapsed)}] {Format.Phase(progress.Phase)}: {Format.Count(progress.Records)} records, "
                + $"{Format.Megabytes(progress.Bytes)} MB, {Format.Rate(progress.RecordsPerSecond)} records/s ({streams})");
            _out.Flush();
        }
    }

    public void Summary(Summary summary)
    {
        var progress = summary.Progress;
        foreach (var stream in progress.Streams)
        {
            _out.WriteLine($"stream {stream.Name}: {Format.Count(stream.Records)} records, {Format.Megabytes(stream.Bytes)} MB, {Format.Count(stream.States)} states");
        }
        _out.WriteLine($"{summary.Title}: {Format.Count(progress.Records)} records, {Format.Megabytes(progress.Bytes)} MB in {Format.Elapsed(progress.Elapsed)} "
            + $"({Format.Rate(progress.RecordsPerSecond)} records/s, {Format.MegabytesPerSecond(progress.MegabytesPerSecond)} MB/s) into {summary.Target}");
        if (summary.Detail is not null)
        {
            _out.WriteLine(summary.Detail);
        }
        _out.Flush();
    }

    public void Failed(SyncProgress? last, string message)
    {
        // The whole report goes to stderr; here only its first line.
        _out.WriteLine("failed: " + message.Split('\n')[0]);
        _out.Flush();
    }
}
