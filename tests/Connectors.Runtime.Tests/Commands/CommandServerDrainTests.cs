using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;
using static Connectors.Runtime.Commands.TetraScienceActions;
using static Connectors.Runtime.Tests.Support.CommandServerHarness;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// How Stop and Shutdown wait for the commands that came before them: the log says which they wait for, those that
/// outlive the grace period are cancelled with a reason naming what came, a command that tidies up after its cancellation
/// answers for itself, and one that ignores it is answered for.
/// </summary>
public sealed class CommandServerDrainTests
{
    [Fact]
    public async Task Shutdown_cancels_a_custom_command_that_outlives_the_grace_period_naming_itself_in_the_reason()
    {
        await using var host = await new CommandServerHarness(grace: 0.2).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("bye", Shutdown));

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["w", "bye"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Wait' was cancelled: the connector is shutting down (Shutdown came while it ran, and it did not finish within the grace period of 0.2 s).",
            Message(host.Responses[0]));
        Assert.Equal("SUCCESS", Status(host.Responses[1]));
        Assert.Contains("Shutting down (Shutdown) once the commands received before have been answered.", host.Stderr);
    }

    [Fact]
    public async Task A_built_in_behind_one_that_Shutdown_gave_up_on_is_not_run()
    {
        // The custom command ignores its cancellation, so the shutdown waits for it (the cancel wait outlasts the test):
        // the stuck Start can be let go after the shutdown gave up on it, and the built-in behind it then runs or not.
        await using var host = await new CommandServerHarness(grace: 0.2, cancelWait: 60, status: "IDLE").StartAsync();
        host.Script.Hold("OnStart");
        host.Send("w", "Test.Wait", new { gate = "g1", ignore_cancel = true });
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g1"), "the custom command to start");
        host.SendLines(Envelope("start", Start), Envelope("level", SetLogLevel, new { level = "DEBUG" }), Envelope("bye", Shutdown));

        await host.UntilAsync(() => host.Stderr.Contains("A built-in command still runs after 0.2 s; shutting down without it."), "the shutdown to give up on Start");
        host.Script.Open("hook:OnStart");
        var level = await host.ResponseAsync("level");
        host.Script.Open("g1");

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["start", "level", "w", "bye"], host.Responses.Select(CommandId));
        Assert.Equal("SUCCESS", Status(host.Responses[0]));
        Assert.Equal($"'{SetLogLevel}' was not run: the connector is shutting down.", Message(level));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, host.Context.LogLevel.Minimum);
    }

    [Fact]
    public async Task Stop_names_the_running_commands_it_waits_for_and_waits_for_none_when_none_runs()
    {
        await using var host = await new CommandServerHarness(grace: 30).StartAsync();

        Assert.Equal("SUCCESS", Status(await host.CommandAsync("idle", Stop)));
        Assert.DoesNotContain("Waiting up to", host.Stderr);

        host.SendLines(Envelope("a", "Test.Wait", new { gate = "ga" }), Envelope("b", "Test.Wait", new { gate = "gb" }), Envelope("stop", Stop));
        await host.UntilAsync(() => host.Stderr.Contains("Waiting up to 30 s for 2 running command(s): 'a', 'b'."), "the Stop to wait for both");
        host.Script.Open("gb");
        await host.ResponseAsync("b");
        host.Script.Open("ga");
        await host.ResponseAsync("stop");

        Assert.Equal(["idle", "b", "a", "stop"], host.Responses.Select(CommandId));
        Assert.All(host.Responses, r => Assert.Equal("SUCCESS", Status(r)));
    }

    [Fact]
    public async Task A_cancelled_command_that_tidies_up_first_is_waited_for_and_answers_for_itself()
    {
        await using var host = await new CommandServerHarness(grace: 0.2, cancelWait: 60).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1", cancel_gate = "tidy" }), Envelope("stop", Stop));
        await host.UntilAsync(() => host.Script.Journal.Contains("wait cancelled g1"), "the command to be cancelled");
        Assert.Empty(host.Responses);
        host.Script.Open("tidy");
        await host.ResponseAsync("stop");

        Assert.Equal(["w", "stop"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Wait' was cancelled: the connector is stopping (Stop came while it ran, and it did not finish within the grace period of 0.2 s).",
            Message(host.Responses[0]));
        Assert.DoesNotContain("ignored its cancellation", host.Stderr);
    }

    [Fact]
    public async Task A_command_that_ignores_its_cancellation_is_logged_and_the_periods_are_given_to_the_millisecond()
    {
        await using var host = await new CommandServerHarness(grace: 0.1234, cancelWait: 0.0506).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1", ignore_cancel = true }), Envelope("stop", Stop));
        await host.ResponseAsync("stop");
        host.Script.Open("g1");

        Assert.Equal("'Test.Wait' was cancelled: the connector is stopping (Stop came while it ran, and it did not finish within the grace period of 0.123 s);"
            + " it did not stop within 0.051 s, so its result, if it ever has one, will not be written.", Message(host.Responses[0]));
        Assert.Contains("'Test.Wait' ignored its cancellation; it is no longer waited for.", host.Stderr);
        Assert.Contains("Waiting up to 0.123 s for 1 running command(s): 'w'.", host.Stderr);
    }
}
