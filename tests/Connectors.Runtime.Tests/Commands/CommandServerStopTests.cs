using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;
using static Connectors.Runtime.Commands.TetraScienceActions;
using static Connectors.Runtime.Tests.Support.CommandServerHarness;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <c>serve</c> stopping at once: a stop signal, a stdout nobody reads any more, a forced exit. Running commands are
/// cancelled with the reason, what waits behind a stuck built-in is answered with it, and every command gets an answer
/// before the server returns.
/// </summary>
public sealed class CommandServerStopTests
{
    [Fact]
    public async Task A_stop_signal_cancels_a_running_custom_command_at_once_with_the_signal_as_its_reason()
    {
        // The grace period is far longer than the test: only the signal's own cancellation can answer the command.
        await using var host = await new CommandServerHarness(grace: 30).StartAsync();
        host.Send("w", "Test.Wait", new { gate = "g1" });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the command to start");

        host.Signal();

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal("'Test.Wait' was cancelled: the connector received a stop signal.", Message(Assert.Single(host.Responses)));
        Assert.Equal(["wait started g1", "wait cancelled g1", "OnShutdown RUNNING v1"], host.Script.Journal.Skip(4));
    }

    [Fact]
    public async Task A_command_that_ignores_the_stop_signal_is_answered_for_with_the_signal_as_its_reason()
    {
        await using var host = await new CommandServerHarness(grace: 1, cancelWait: 0.1).StartAsync();
        host.Send("w", "Test.Wait", new { gate = "g1", ignore_cancel = true });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the command to start");

        host.Signal();

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal("'Test.Wait' was cancelled: the connector received a stop signal; it did not stop within 0.1 s, so its result, if it ever has one,"
            + " will not be written.", Message(Assert.Single(host.Responses)));
        host.Script.Open("g1");
    }

    [Fact]
    public async Task A_built_in_still_running_at_a_stop_signal_is_answered_before_the_server_returns()
    {
        await using var host = await new CommandServerHarness(grace: 0.2, cancelWait: 0.2, status: "IDLE").StartAsync();
        host.Script.Hold("OnStart");
        host.Send("start", Start);
        await host.UntilAsync(() => host.Script.Journal.Contains("OnStart RUNNING v1"), "the Start to reach its hook");

        host.Signal();

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal($"'{Start}' has no result: the connector exited first (the connector received a stop signal).",
            Message(Assert.Single(host.Responses)));
        host.Script.Open("hook:OnStart");
    }

    [Fact]
    public async Task What_waited_behind_a_stuck_built_in_at_a_stop_signal_is_refused_with_the_signal_as_the_reason()
    {
        // The custom command ignores its cancellation, so the shutdown waits for it (the cancel wait outlasts the test):
        // the stuck Start can be let go after the shutdown gave up on it, and the built-in behind it then runs or not.
        await using var host = await new CommandServerHarness(grace: 0.2, cancelWait: 60, status: "IDLE").StartAsync();
        host.Script.Hold("OnStart");
        host.Send("w", "Test.Wait", new { gate = "g1", ignore_cancel = true });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the custom command to start");
        host.SendLines(Envelope("start", Start), Envelope("level", SetLogLevel, new { level = "DEBUG" }));
        await host.UntilAsync(() => host.Script.Journal.Contains("OnStart RUNNING v1"), "the Start to reach its hook");

        host.Signal();
        await host.UntilAsync(() => host.Stderr.Contains("A built-in command still runs after 0.2 s; shutting down without it."), "the shutdown to give up on Start");
        host.Script.Open("hook:OnStart");
        var level = await host.ResponseAsync("level");
        host.Script.Open("g1");

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal($"'{SetLogLevel}' was not run: the connector received a stop signal.", Message(level));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, host.Context.LogLevel.Minimum);
    }

    [Fact]
    public async Task A_stop_signal_during_Shutdown_does_not_start_a_second_shutdown()
    {
        await using var host = await new CommandServerHarness(grace: 30).StartAsync();
        host.Send("w", "Test.Wait", new { gate = "g1" });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the command to start");
        host.Send("bye", Shutdown);
        await host.UntilAsync(() => host.Stderr.Contains("Waiting up to 30 s for 1 running command(s): 'w'."), "the Shutdown to wait for the command");

        host.Signal();

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal(["w", "bye"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Wait' was cancelled: the connector received a stop signal.", Message(host.Responses[0]));
        Assert.Equal("SUCCESS", Status(host.Responses[1]));
        Assert.Contains("Shutting down (Shutdown) once the commands received before have been answered.", host.Stderr);
        Assert.DoesNotContain("Shutting down (the connector received a stop signal)", host.Stderr);
        Assert.Single(host.Script.Journal, e => e.StartsWith("OnShutdown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stdout_that_closes_while_serving_stops_the_connector_at_once_with_exit_141()
    {
        await using var host = await new CommandServerHarness(grace: 30).StartAsync();
        host.Send("w", "Test.Wait", new { gate = "g1" });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the command to start");

        host.BreakStdout();
        host.Send("echo", "Test.Echo", new { text = "nobody reads this" });

        Assert.Equal(ExitCodes.OutputClosed, await host.ExitAsync());
        Assert.Contains("Stopping at once: stdout is closed.", host.Stderr);
        Assert.Contains("Test.Wait was cancelled: stdout is closed.", host.Stderr);
        Assert.Equal(["wait started g1", "wait cancelled g1", "OnShutdown RUNNING v1"], host.Script.Journal.Skip(4));
    }

    [Fact]
    public async Task A_record_a_command_emits_into_a_closed_stdout_stops_the_connector_with_exit_141()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.BreakStdout();
        host.Send("emit", "Test.Echo", new { text = "x", emit_bytes = 100_000 });

        Assert.Equal(ExitCodes.OutputClosed, await host.ExitAsync());
        Assert.Contains("Stopping at once: stdout is closed.", host.Stderr);
        Assert.Equal("OnShutdown RUNNING v1", host.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_Shutdown_whose_response_finds_stdout_closed_exits_141()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.BreakStdout();
        host.Send("bye", Shutdown);

        Assert.Equal(ExitCodes.OutputClosed, await host.ExitAsync());
        Assert.Equal("OnShutdown RUNNING v1", host.Script.Journal[^1]);
    }

    [Fact]
    public async Task A_forced_exit_answers_every_command_still_in_flight_in_arrival_order()
    {
        await using var host = await new CommandServerHarness(status: "IDLE").StartAsync();
        host.Script.Hold("OnStart");
        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1", ignore_cancel = true }), Envelope("start", Start));
        await host.UntilAsync(() => host.Script.Journal.Contains("OnStart RUNNING v1"), "the Start to reach its hook");

        // What the stop controller runs when the commands ignored the stop signal for too long, just before it exits the process.
        host.Context.RunForcedExitActions();

        Assert.Equal(["w", "start"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Wait' has no result: the connector exited first (the grace period after the stop signal ran out).", Message(host.Responses[0]));
        Assert.Equal($"'{Start}' has no result: the connector exited first (the grace period after the stop signal ran out).", Message(host.Responses[1]));
        host.Script.Open("g1");
        host.Script.Open("hook:OnStart");
        await host.CommandAsync("after", "Test.Echo", new { text = "x" });
        Assert.Equal(["w", "start", "after"], host.Responses.Select(CommandId));
    }
}
