using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// A served connector's reports on stdout: the first heartbeat at once, and the metrics a last time when the session
/// shuts down or closes, so the platform sees the final counts before the connector's last line.
/// </summary>
public sealed class CommandSessionReportingTests
{
    private static string[] Reports(CommandServerHarness host) =>
        host.Stdout.Where(l => l.TryGetProperty("report", out _)).Select(l => l.GetProperty("report").GetString()!).ToArray();

    [Fact]
    public async Task Shutdown_reports_the_metrics_a_last_time_before_it_answers()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));
        host.Context.LogLevel.Minimum = LogLevel.Debug;

        session.StartReporting();
        var result = await session.ShutdownAsync("s", System.TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded);
        // The first heartbeat is sent at once and the last metrics at the end (a slow machine may fit a periodic one between).
        var reports = Reports(host);
        Assert.Equal("HEARTBEAT", reports[0]);
        Assert.Equal("METRICS", reports[^1]);
        Assert.Contains(host.Stderr.Split('\n'), l => l.Contains("\"message\":\"Reporting a heartbeat every ") && l.Contains("\"context\":\"served.host.platform\""));
    }

    [Fact]
    public async Task Closing_without_a_shutdown_stops_the_reports_with_the_last_metrics()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));

        session.StartReporting();
        await session.CloseAsync();

        var reports = Reports(host);
        Assert.Equal("HEARTBEAT", reports[0]);
        Assert.Equal("METRICS", reports[^1]);
    }

    [Fact]
    public async Task Closing_after_the_shutdown_reports_nothing_more()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));

        session.StartReporting();
        await session.ShutdownAsync("s", System.TimeSpan.FromSeconds(30));
        var reported = Reports(host);
        await session.CloseAsync();

        Assert.Equal("METRICS", reported[^1]);
        Assert.Equal(reported, Reports(host));
    }
}
