using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>What the command hosts share: startup, shutdown within the grace period, --status, and console lines as logs.</summary>
public sealed class CommandSessionTests
{
    [Theory]
    [InlineData("RUNNING", new[] { "OnInitializing RUNNING v1", "OnConnectorUpdated RUNNING v3", "OnStart RUNNING v3", "OnInitialized RUNNING v3" })]
    [InlineData("IDLE", new[] { "OnInitializing IDLE v1", "OnInitialized IDLE v3" })]
    public async Task Initializing_runs_the_startup_hooks_in_order(string status, string[] journal)
    {
        await using var host = new CommandServerHarness("""{"version":3}""");
        var session = host.NewSession();

        var problem = await session.InitializeAsync(status == "RUNNING" ? OperatingStatus.Running : OperatingStatus.Idle);

        Assert.Null(problem);
        Assert.Equal(journal, host.Script.Journal);
    }

    [Fact]
    public async Task A_config_that_does_not_bind_stops_the_start_with_a_critical_log()
    {
        await using var host = new CommandServerHarness("""{"version":"three"}""");
        var session = host.NewSession();

        var problem = await session.InitializeAsync(OperatingStatus.Running);

        Assert.Equal($"The connector could not start: The config file '{host.ConfigPath}' is invalid: $.version: expected an integer, got \"three\"", problem);
        Assert.Contains("""{"level":"critical","message":"The connector could not start: The config file""", host.Stderr);
        Assert.DoesNotContain("\"exception\"", host.Stderr);
        Assert.Equal(["OnInitializing RUNNING v1"], host.Script.Journal);
    }

    [Fact]
    public async Task A_startup_hook_that_throws_leaves_the_connector_up_IDLE_with_its_health_at_error_and_logs_the_exception()
    {
        await using var host = new CommandServerHarness("""{"version":1,"fail_hook":"OnStart"}""");
        var session = host.NewSession();

        var problem = await session.InitializeAsync(OperatingStatus.Running);

        Assert.Null(problem);
        Assert.Equal(OperatingStatus.Idle, session.Lifecycle.Status);
        Assert.Equal(Connectors.Runtime.Platform.HealthStatus.Error, session.Platform.Health.Status);
        Assert.Equal("The connector could not start RUNNING: The [OnStart] hook failed: OnStart was told to fail (api key )",
            session.Platform.Health.Current.Message);
        Assert.Contains("\"exception\":\"System.InvalidOperationException: OnStart was told to fail", host.Stderr);
    }

    [Fact]
    public async Task Shutdown_calls_the_hook_disposes_the_connector_and_answers_the_status()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));

        var result = await session.ShutdownAsync("s", System.TimeSpan.FromSeconds(5));

        Assert.True(result.Succeeded);
        Assert.Equal("OnShutdown IDLE v1", host.Script.Journal[^1]);
        Assert.True(session.Lifecycle.Connector.Disposed);
        Assert.True(session.Lifecycle.IsShuttingDown);
        Assert.True(session.Lifecycle.ShutdownToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_shutdown_that_outlasts_the_grace_period_fails_and_the_connector_is_not_disposed_under_it()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Running));
        host.Script.Hold("OnShutdown");

        var result = await session.ShutdownAsync("s", System.TimeSpan.FromSeconds(0.2));

        Assert.Equal("The shutdown did not finish within 0.2 s; the connector exits anyway.", result.Message);
        Assert.False(session.Lifecycle.Connector.Disposed);
        Assert.Contains("""{"level":"error","message":"The shutdown did not finish within 0.2 s; exiting anyway.""", host.Stderr);
        host.Script.Open("hook:OnShutdown");
    }

    [Theory]
    [InlineData(null, true, OperatingStatus.Idle)]
    [InlineData("RUNNING", true, OperatingStatus.Running)]
    [InlineData("running", true, OperatingStatus.Running)]
    [InlineData("Idle", true, OperatingStatus.Idle)]
    [InlineData("paused", false, OperatingStatus.Idle)]
    public async Task The_status_option_is_RUNNING_or_IDLE_in_any_case(string? given, bool valid, OperatingStatus status)
    {
        await using var host = new CommandServerHarness(extraArgs: given is null ? [] : ["--status", given]);

        var ok = CommandSession<ServedConnector>.TryReadStatus(host.Context, OperatingStatus.Idle, out var read);

        Assert.Equal(valid, ok);
        Assert.Equal(status, read);
        Assert.Equal(valid ? "" : "error: --status must be RUNNING or IDLE, got 'paused'.\n", host.Stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Lines_printed_on_the_console_become_log_entries_masked()
    {
        await using var host = new CommandServerHarness("""{"version":1,"api_key":"console-secret"}""", captureConsole: true);
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));

        host.Console!.Out.WriteLine("printed {not a template} console-secret");
        host.Console.Error.Write("first\nsecond\n\n");

        var lines = host.Stderr.Split('\n').Where(l => l.Contains("\"console\"") || l.Contains(".console")).ToList();
        Assert.Equal(
        [
            """{"level":"info","message":"printed {not a template} ****","extra":{"context":"served.console","stream":"stdout"}}""",
            """{"level":"info","message":"first","extra":{"context":"served.console","stream":"stderr"}}""",
            """{"level":"info","message":"second","extra":{"context":"served.console","stream":"stderr"}}""",
        ], lines);
    }

    [Fact]
    public async Task A_secret_too_short_to_mask_safely_is_warned_about_once_naming_its_path()
    {
        await using var host = new CommandServerHarness("""{"version":1,"api_key":"abc"}""");
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Running));

        await session.Router.RunAsync("1", TetraScienceActions.Stop, CommandEnvelope.EmptyPayload);

        var warnings = host.Stderr.Split('\n').Where(l => l.Contains("too short to mask safely")).ToList();
        var warning = Assert.Single(warnings);
        Assert.StartsWith("""{"level":"warning","message":"The secret at $.api_key is only 3 character(s) long, too short to mask safely: it is masked only where no letter or digit touches it, and its base64 forms are not masked. Use a secret of at least 6 characters.","extra":{"context":"served","Path":"$.api_key","Length":3,"Minimum":6}}""",
            warning);
    }

    [Fact]
    public async Task A_startup_hook_that_throws_stops_the_start_with_a_critical_log_of_the_hooks_own_exception()
    {
        await using var host = new CommandServerHarness("""{"version":2,"fail_hook":"OnInitialized"}""");
        var session = host.NewSession();

        var problem = await session.InitializeAsync(OperatingStatus.Idle);

        Assert.Equal("The connector could not start: The [OnInitialized] hook failed: OnInitialized was told to fail (api key )", problem);
        // The exception logged is the connector's, not the runtime's wrapper around it; the host's own log says it.
        Assert.Contains("""{"level":"critical","message":"The connector could not start: The [OnInitialized] hook failed: OnInitialized was told to fail (api key )","extra":{"context":"served.host","Problem":"The [OnInitialized] hook failed: OnInitialized was told to fail (api key )","exception":"System.InvalidOperationException: OnInitialized was told to fail""",
            host.Stderr);
    }

    [Fact]
    public async Task Any_other_exception_at_startup_is_logged_with_the_critical_line()
    {
        // A [ValidateConfig] that throws (rather than rejecting) while the config file is judged.
        await using var host = new CommandServerHarness("""{"version":-666}""");
        var session = host.NewSession();

        var problem = await session.InitializeAsync(OperatingStatus.Idle);

        Assert.Equal("The connector could not start: the validator crashed", problem);
        Assert.Contains("""{"level":"critical","message":"The connector could not start: the validator crashed","extra":{"context":"served.host","Problem":"the validator crashed","exception":"System.InvalidOperationException: the validator crashed""",
            host.Stderr);
    }
}
