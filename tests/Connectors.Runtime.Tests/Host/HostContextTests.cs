using System;
using System.Collections.Generic;
using System.IO;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
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

    [Fact]
    public void The_host_masks_with_the_masker_its_streams_came_with_and_debug_lowers_the_level()
    {
        // HostIO.FromConsole's masker is the one Console.Out masks with: secrets added by the host must reach it.
        var masker = new SecretMasker();
        var stdout = new MemoryStream();
        Assert.True(CommandLine.TryParse(["check", "--config", "config.json", "--debug"], out var commandLine, out _));
        using var stop = new StopController(TimeSpan.FromMinutes(5), _ => { });

        var context = new HostContext<TestSource>(TestConnector.WithStreams(), commandLine,
            new HostIO(stdout, new StringWriter(), Stream.Null) { Masker = masker }, new JsonLineWriter(stdout), stop);

        Assert.Same(masker, context.Masker);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, context.LogLevel.Minimum);
    }
}
