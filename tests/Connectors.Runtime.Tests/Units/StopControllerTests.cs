using System;
using System.Threading;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class StopControllerTests
{
    [Fact]
    public void A_stop_request_cancels_the_token_and_keeps_the_exit_code()
    {
        using var stop = new StopController(TimeSpan.FromMinutes(5));

        stop.Request(ExitCodes.Interrupted);

        Assert.True(stop.Token.IsCancellationRequested);
        Assert.Equal(130, stop.ExitCode);
    }

    [Fact]
    public void A_command_that_finished_in_time_is_not_forced_to_exit_after_the_grace_period()
    {
        // In-process hosts (and tests) outlive the command: its watchdog must not end the process later.
        using var forced = new ManualResetEventSlim();
        using (var stop = new StopController(TimeSpan.FromMilliseconds(20)))
        {
            stop.BeforeForcedExit = forced.Set;
            stop.Request(ExitCodes.Terminated);
        }

        Assert.False(forced.Wait(TimeSpan.FromMilliseconds(500)));
    }
}
