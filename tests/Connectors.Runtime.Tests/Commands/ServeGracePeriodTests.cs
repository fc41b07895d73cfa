using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Host;
using Connectors.Runtime.Tests.Support;
using Xunit;
using static Connectors.Runtime.Tests.Support.CommandServerHarness;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <c>serve</c> from its command line with the host's stop grace period (<see cref="ConnectorHost.StopGracePeriod"/>):
/// a cancelled command has at most a second to answer, and a shutdown that outlives the grace period still ends with
/// the last metrics report. Runs alone: it changes that process-wide setting.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ServeGracePeriodTests
{
    private static async Task<CommandHostRun> ServeAsync(CommandHostRun run, string stdin, TimeSpan grace)
    {
        var saved = ConnectorHost.StopGracePeriod;
        ConnectorHost.StopGracePeriod = grace;
        try
        {
            return await run.RunAsync(CommandServer<ServedConnector>.RunAsync, ["serve"], stdin);
        }
        finally
        {
            ConnectorHost.StopGracePeriod = saved;
        }
    }

    private static string Message(System.Text.Json.JsonElement response) => response.GetProperty("body").GetProperty("message").GetString()!;

    [Fact]
    public async Task A_cancelled_command_has_the_grace_period_to_answer_when_that_is_shorter_than_a_second()
    {
        using var run = new CommandHostRun();

        await ServeAsync(run, Envelope("w", "Test.Wait", new { gate = "g1", ignore_cancel = true }) + "\n", TimeSpan.FromSeconds(0.3));
        run.Script.Open("g1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var response = run.Stdout.Single(m => m.TryGetProperty("commandId", out _));
        Assert.Equal("'Test.Wait' was cancelled: the connector is shutting down (the end of input came while it ran, and it did not finish within the grace"
            + " period of 0.3 s); it did not stop within 0.3 s, so its result, if it ever has one, will not be written.", Message(response));
    }

    [Fact]
    public async Task A_shutdown_hook_that_outlives_the_grace_period_still_ends_with_the_last_metrics_report()
    {
        using var run = new CommandHostRun();
        run.Script.Hold("OnShutdown");

        await ServeAsync(run, Envelope("c", "Test.Config") + "\n", TimeSpan.FromSeconds(0.3));
        run.Script.Open("hook:OnShutdown");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("The shutdown did not finish within 0.3 s; exiting anyway.", run.Stderr);
        Assert.Equal("METRICS", run.Stdout[^1].GetProperty("report").GetString());
    }
}
