using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Progress;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Connectors.Cli.Display;

/// <summary>
/// A terminal: a table of the streams (status, records, MB, records/s, MB/s) redrawn in place ten times a second, with the
/// phase and elapsed time in its title; the summary table after it.
/// </summary>
internal sealed class LiveProgressDisplay : IProgressDisplay
{
    private readonly IAnsiConsole _console;
    private SyncProgress? _latest;

    public LiveProgressDisplay(IAnsiConsole console) => _console = console;

    public async Task<T> RunAsync<T>(string title, Func<IProgress<SyncProgress>, Task<T>> work)
    {
        var progress = new Progress(this);
        var result = default(T)!;
        await _console.Live(Render(title, null)).AutoClear(false).StartAsync(async context =>
        {
            var task = work(progress);
            while (!task.IsCompleted)
            {
                context.UpdateTarget(Render(title, Volatile.Read(ref _latest)));
                await Task.WhenAny(task, Task.Delay(100)).ConfigureAwait(false);
            }
            context.UpdateTarget(Render(title, Volatile.Read(ref _latest)));
            result = await task.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    public void Summary(Summary summary)
    {
        var progress = summary.Progress;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[green]{Markup.Escape(summary.Title)}[/]: {Format.Count(progress.Records)} records in {Format.Elapsed(progress.Elapsed)}")
            .AddColumn("stream").AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("MB").RightAligned())
            .AddColumn(new TableColumn("records/s").RightAligned()).AddColumn(new TableColumn("states").RightAligned());
        foreach (var stream in progress.Streams)
        {
            table.AddRow(Markup.Escape(stream.Name), Format.Count(stream.Records), Format.Megabytes(stream.Bytes),
                Format.Rate(stream.RecordsPerSecond), Format.Count(stream.States));
        }
        table.AddRow("[bold]total[/]", $"[bold]{Format.Count(progress.Records)}[/]", Format.Megabytes(progress.Bytes),
            Format.Rate(progress.RecordsPerSecond), "");
        _console.Write(table);
        _console.MarkupLine($"Into {Markup.Escape(summary.Target)}");
        if (summary.Detail is not null)
        {
            _console.MarkupLine(Markup.Escape(summary.Detail));
        }
    }

    public void Failed(SyncProgress? last, string message) => _console.MarkupLine($"[red]Failed[/]: {Markup.Escape(message.Split('\n')[0])}");

    private static IRenderable Render(string title, SyncProgress? progress)
    {
        var phase = progress is null ? "starting" : Format.Phase(progress.Phase);
        var elapsed = progress is null ? "0.0s" : Format.Elapsed(progress.Elapsed);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(title)} — {phase} — {elapsed}")
            .AddColumn("stream").AddColumn("status").AddColumn(new TableColumn("records").RightAligned())
            .AddColumn(new TableColumn("MB").RightAligned()).AddColumn(new TableColumn("records/s").RightAligned())
            .AddColumn(new TableColumn("MB/s").RightAligned());
        if (progress is not null)
        {
            foreach (var stream in progress.Streams)
            {
                table.AddRow(Markup.Escape(stream.Name), stream.Status.ToLowerInvariant(), Format.Count(stream.Records),
                    Format.Megabytes(stream.Bytes), Format.Rate(stream.RecordsPerSecond), Format.MegabytesPerSecond(stream.MegabytesPerSecond));
            }
            table.AddRow("[bold]total[/]", "", $"[bold]{Format.Count(progress.Records)}[/]", Format.Megabytes(progress.Bytes),
                Format.Rate(progress.RecordsPerSecond), Format.MegabytesPerSecond(progress.MegabytesPerSecond));
        }
        return table;
    }

    private sealed class Progress : IProgress<SyncProgress>
    {
        private readonly LiveProgressDisplay _display;

        public Progress(LiveProgressDisplay display) => _display = display;

        public void Report(SyncProgress value) => Volatile.Write(ref _display._latest, value);
    }
}
