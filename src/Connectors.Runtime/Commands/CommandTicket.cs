using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Commands;

/// <summary>
/// One command the server accepted: its id and action, its own cancellation (with the reason a cancelled command gives),
/// and whether it has been answered. Whoever claims it first writes the one response it gets.
/// </summary>
internal sealed class CommandTicket
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private int _claimed;
    private string? _cancelReason;

    /// <param name="id">The command's id.</param>
    /// <param name="action">Its action.</param>
    /// <param name="line">The line it came on (so what is left can be answered in arrival order).</param>
    public CommandTicket(string? id, string action, long line = 0)
    {
        Id = id;
        Action = action;
        Line = line;
    }

    public string? Id { get; }

    public long Line { get; }

    public string Action { get; }

    /// <summary>Cancelled when the command must stop; the command's token is linked to it.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    /// <summary>Why the command was cancelled, once it was.</summary>
    public string? CancelReason => Volatile.Read(ref _cancelReason);

    /// <summary>Completes once the command has been answered.</summary>
    public Task Answered => _answered.Task;

    public bool IsAnswered => _answered.Task.IsCompleted;

    /// <summary>Completes once the command has started (run up to its first wait) or was answered without running.</summary>
    public Task Started => _started.Task;

    public void MarkStarted() => _started.TrySetResult();

    /// <summary>Cancels the command; the first reason given is the one it reports.</summary>
    public void Cancel(string reason)
    {
        Interlocked.CompareExchange(ref _cancelReason, reason, null);
        _cancellation.Cancel();
    }

    /// <summary>True for the one caller that may answer the command.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Records that the response was written (or could not be: stdout is closed).</summary>
    public void MarkAnswered()
    {
        // The source is not disposed: a late Cancel must stay harmless, and without timers it holds nothing to free.
        _answered.TrySetResult();
    }
}
