using System;
using System.Threading;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into cancellation. If the running command has not finished a few seconds later (author code
/// that ignores its token), it runs the host's last-words actions and exits the process anyway; a second signal exits
/// at once.
/// </summary>
internal sealed class StopController : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ManualResetEventSlim _finished = new();
    private readonly TimeSpan _grace;
    private readonly Action<int> _exit;
    private int _requests;

    /// <param name="grace">How long the command may take to end after the first request.</param>
    /// <param name="exit">Ends the process with a code (<see cref="Environment.Exit"/>; tests observe it instead).</param>
    public StopController(TimeSpan grace, Action<int>? exit = null)
    {
        _grace = grace;
        _exit = exit ?? Environment.Exit;
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code of the first stop request.</summary>
    public int ExitCode { get; private set; } = ExitCodes.Terminated;

    /// <summary>What to do before a forced exit (write final statuses, flush).</summary>
    public Action? BeforeForcedExit { get; set; }

    public void Request(int exitCode)
    {
        if (Interlocked.Increment(ref _requests) > 1)
        {
            _exit(exitCode);
            return;
        }
        ExitCode = exitCode;
        _cancellation.Cancel();
        var watchdog = new Thread(() =>
        {
            // The command ended in time (Dispose): an in-process host must live on.
            if (_finished.Wait(_grace))
            {
                return;
            }
            var lastWords = new Thread(() => BeforeForcedExit?.Invoke()) { IsBackground = true };
            lastWords.Start();
            lastWords.Join(TimeSpan.FromSeconds(1));
            _exit(exitCode);
        })
        { IsBackground = true, Name = "connector-stop-watchdog" };
        watchdog.Start();
    }

    public void Dispose()
    {
        _finished.Set();
        _cancellation.Dispose();
    }
}
