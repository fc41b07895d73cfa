using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <see cref="ConnectorContext.StartPoll"/>: the poll runs at once, and every poll started through the context, however
/// many, is stopped at shutdown.
/// </summary>
public sealed class ConnectorContextPollTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_running_poll_started_through_the_context_is_stopped_at_shutdown()
    {
        using var host = new CommandTestHost();
        var context = host.Lifecycle.Context;
        var ticked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stoppedEarly = context.StartPoll(_ => Task.CompletedTask, Hour, "early");
        await stoppedEarly.StopAsync().WaitAsync(Patience);

        var first = context.StartPoll(_ => { ticked.TrySetResult(); return Task.CompletedTask; }, Hour, "first");
        var second = context.StartPoll(_ => Task.CompletedTask, Hour, "second");
        Assert.True(first.IsRunning);
        Assert.True(second.IsRunning);
        Assert.Equal("first", first.Name);
        await ticked.Task.WaitAsync(Patience);

        await context.StopPollsAsync().WaitAsync(Patience);

        Assert.False(first.IsRunning);
        Assert.False(second.IsRunning);
    }
}
