using System;
using System.Collections.Generic;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>What a command registers for a forced exit (final statuses, a flush) runs when the process must exit anyway.</summary>
public sealed class HostContextTests
{
    [Fact]
    public void Forced_exit_actions_run_in_the_order_registered_and_one_that_fails_does_not_stop_the_rest()
    {
        using var host = new CommandTestHost();
        var ran = new List<string>();
        host.Context.OnForcedExit(() => ran.Add("statuses"));
        host.Context.OnForcedExit(() => throw new InvalidOperationException("stdout is gone"));
        host.Context.OnForcedExit(() => ran.Add("flush"));

        host.Context.RunForcedExitActions();

        Assert.Equal(["statuses", "flush"], ran);
    }
}
