using System;
using System.Threading.Tasks;
using Connectors.Client.Progress;

namespace Connectors.Cli.Display;

/// <summary>Shows a read or sync while it runs, then its summary.</summary>
internal interface IProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing the progress it reports.</summary>
    Task<T> RunAsync<T>(string title, Func<IProgress<SyncProgress>, Task<T>> work);

    /// <summary>The final summary.</summary>
    void Summary(Summary summary);

    /// <summary>A failure, after the display stopped.</summary>
    void Failed(SyncProgress? last, string message);
}

/// <summary>What a finished sync says.</summary>
internal sealed record Summary(string Title, SyncProgress Progress, string Target, string? Detail);
