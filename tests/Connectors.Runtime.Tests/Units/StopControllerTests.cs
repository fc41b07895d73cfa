using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// SIGTERM/SIGINT handling: the first request cancels, a command that ignores it is ended after the grace period (after
/// the host's last words), a second request ends the process at once. The process exit is a fake here.
/// </summary>
public sealed class StopControllerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_stop_request_cancels_the_token_and_keeps_the_exit_code()
    {
        using var stop = new StopController(TimeSpan.FromMinutes(5), _ => { });

        stop.Request(ExitCodes.Interrupted);

        Assert.True(stop.Token.IsCancellationRequested);
        Assert.Equal(130, stop.ExitCode);
    }

    [Fact]
    public void A_command_that_finished_in_time_is_not_forced_to_exit_after_the_grace_period()
    {
        // In-process hosts (and tests) outlive the command: its watchdog must not end the process later.
        using var forced = new ManualResetEventSlim();
        using (var stop = new StopController(TimeSpan.FromMilliseconds(20), _ => forced.Set()))
        {
            stop.BeforeForcedExit = forced.Set;
            stop.Request(ExitCodes.Terminated);
        }

        Assert.False(forced.Wait(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void A_second_request_exits_at_once_with_its_code_and_the_first_code_stays()
    {
        var exits = new System.Collections.Concurrent.ConcurrentQueue<int>();
        using var stop = new StopController(TimeSpan.FromMinutes(5), exits.Enqueue);

        stop.Request(ExitCodes.Terminated);
        Assert.Empty(exits);
        stop.Request(ExitCodes.Interrupted);

        Assert.Equal([ExitCodes.Interrupted], exits);
        Assert.Equal(ExitCodes.Terminated, stop.ExitCode);
    }

    [Fact]
    public async Task A_command_that_ignores_the_request_is_ended_after_the_hosts_last_words()
    {
        var exited = new TaskCompletionSource<(int Code, bool LastWordsDone)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastWordsDone = 0;
        using var stop = new StopController(TimeSpan.Zero, code => exited.TrySetResult((code, Volatile.Read(ref lastWordsDone) == 1)));
        stop.BeforeForcedExit = () => Volatile.Write(ref lastWordsDone, 1);

        stop.Request(ExitCodes.Interrupted);
        var (code, lastWordsFirst) = await exited.Task.WaitAsync(Patience);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.True(lastWordsFirst, "the last words must run before the process exits");
    }

    [Fact]
    public async Task Last_words_that_hang_do_not_keep_the_process_from_exiting()
    {
        // Only the first second of them is waited for; the process then exits, which ends them.
        var hang = new TaskCompletionSource();
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new StopController(TimeSpan.Zero, code => exited.TrySetResult(code));
        stop.BeforeForcedExit = () => hang.Task.Wait();

        stop.Request(ExitCodes.Terminated);

        Assert.Equal(ExitCodes.Terminated, await exited.Task.WaitAsync(Patience));
        hang.SetResult();
    }
}
