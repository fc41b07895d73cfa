using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// The router runs one command of any kind and never throws: every outcome is a <see cref="CommandResult"/> whose message
/// says what went wrong, where.
/// </summary>
public sealed class CommandRouterTests
{
    private static async Task<(CommandServerHarness Host, CommandRouter<ServedConnector> Router)> RouterAsync(string config = """{"version":1}""",
        string status = "RUNNING")
    {
        var host = new CommandServerHarness(config, status: status);
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(status == "RUNNING" ? OperatingStatus.Running : OperatingStatus.Idle));
        return (host, session.Router);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Body(CommandResult result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (result.WriteBody is { } write)
            {
                write(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task An_unknown_action_lists_every_action_the_connector_answers()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", "Test.Nope", CommandEnvelope.EmptyPayload);

        Assert.False(result.Succeeded);
        Assert.Equal("Unknown action 'Test.Nope'. This connector answers: TetraScience.Connector.Start, TetraScience.Connector.Stop, "
            + "TetraScience.Connector.Shutdown, TetraScience.Connector.UpdateConfig, TetraScience.Connector.ValidateConfig, "
            + "TetraScience.Connector.ListCustomCommands, TetraScience.Connector.SetLogLevel, Test.Echo, Test.Wait, Test.Config, Test.Throw, Test.Block, Test.Greet.",
            result.Message);
    }

    [Fact]
    public async Task A_custom_command_runs_with_its_payload()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", "Test.Echo", Json("""{"text":"hello"}"""));

        Assert.True(result.Succeeded);
        Assert.Equal("""{"text":"hello"}""", Body(result));
    }

    [Fact]
    public async Task A_payload_that_is_not_an_object_is_refused_with_its_path()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", "Test.Echo", Json("[1]"));

        Assert.Equal("The payload of 'Test.Echo' is invalid: $: expected an object, got an array", result.Message);
    }

    [Fact]
    public async Task A_command_that_throws_fails_with_its_message_and_the_exception_is_logged()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("7", "Test.Throw", Json("""{"message":"boom"}"""));

        Assert.Equal("'Test.Throw' failed: boom", result.Message);
        Assert.Contains("""{"level":"error","message":"Test.Throw failed: boom","extra":{"context":"served.commands","commandId":"7","action":"Test.Throw","Problem":"boom","exception":"System.InvalidOperationException: boom""",
            host.Stderr);
    }

    [Fact]
    public async Task A_command_cancelled_through_its_ticket_says_why()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;
        var ticket = new CommandTicket("1", "Test.Wait");

        var running = router.RunAsync("1", "Test.Wait", Json("""{"gate":"g"}"""), ticket);
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g"), "the wait");
        ticket.Cancel("the test said so");
        ticket.Cancel("a second reason is ignored");
        var result = await running;

        Assert.Equal("'Test.Wait' was cancelled: the test said so.", result.Message);
        Assert.Equal("the test said so", ticket.CancelReason);
        Assert.Contains("wait cancelled g", host.Script.Journal);
        Assert.Contains("""{"level":"warning","message":"Test.Wait was cancelled: the test said so.","extra":{"context":"served.commands","commandId":"1","action":"Test.Wait","Reason":"the test said so"}}""",
            host.Stderr);
    }

    [Fact]
    public async Task A_command_cancelled_by_the_shutdown_says_the_connector_is_shutting_down()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var running = router.RunAsync("1", "Test.Wait", Json("""{"gate":"g"}"""), new CommandTicket("1", "Test.Wait"));
        await host.UntilAsync(() => host.Script.Journal.Contains("wait started g"), "the wait");
        var shutdown = await router.RunAsync("2", TetraScienceActions.Shutdown, CommandEnvelope.EmptyPayload);
        var result = await running;

        Assert.True(shutdown.Succeeded);
        Assert.Equal("'Test.Wait' was cancelled: the connector is shutting down.", result.Message);
        Assert.Contains("""{"level":"warning","message":"Test.Wait was cancelled by the shutdown.","extra":{"context":"served.commands","commandId":"1","action":"Test.Wait"}}""",
            host.Stderr);
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug, "DEBUG")]
    [InlineData("INFO", LogLevel.Information, "INFO")]
    [InlineData("Warning", LogLevel.Warning, "WARNING")]
    [InlineData("ERROR", LogLevel.Error, "ERROR")]
    [InlineData("critical", LogLevel.Critical, "CRITICAL")]
    public async Task SetLogLevel_sets_the_level_and_answers_it(string given, LogLevel level, string answered)
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", TetraScienceActions.SetLogLevel, Json($$"""{"level":"{{given}}"}"""));

        Assert.Equal($$"""{"level":"{{answered}}"}""", Body(result));
        Assert.Equal(level, host.Context.LogLevel.Minimum);
    }

    [Theory]
    [InlineData("{}", "$.level: required")]
    [InlineData("""{"level":5}""", "$.level: expected a string, got 5")]
    [InlineData("""{"level":"LOUD"}""", "$.level: expected one of \"DEBUG\", \"INFO\", \"WARNING\", \"ERROR\", \"CRITICAL\", got \"LOUD\"")]
    [InlineData("[]", "$: expected an object, got an array")]
    public async Task SetLogLevel_with_a_bad_payload_changes_nothing_and_names_the_path(string payload, string problem)
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", TetraScienceActions.SetLogLevel, Json(payload));

        Assert.Equal("The payload of 'TetraScience.Connector.SetLogLevel' is invalid: " + problem, result.Message);
        Assert.Equal(LogLevel.Information, host.Context.LogLevel.Minimum);
    }

    [Fact]
    public async Task ListCustomCommands_lists_each_command_with_its_description_and_schema()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", TetraScienceActions.ListCustomCommands, CommandEnvelope.EmptyPayload);

        var commands = JsonDocument.Parse(Body(result)).RootElement.GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(["Test.Echo", "Test.Wait", "Test.Config", "Test.Throw", "Test.Block", "Test.Greet"], commands.Select(c => c.GetProperty("action").GetString()));
        Assert.Equal("""{"action":"Test.Echo","description":"Returns its text.","payloadSchema":{}}""", commands[0].GetRawText());
    }

    [Fact]
    public async Task A_failing_hook_fails_the_lifecycle_command_with_the_hooks_message()
    {
        var (host, router) = await RouterAsync("""{"version":1,"fail_hook":"OnStop"}""");
        await using var _ = host;

        var result = await router.RunAsync("1", TetraScienceActions.Stop, CommandEnvelope.EmptyPayload);

        Assert.Equal("The [OnStop] hook failed: OnStop was told to fail (api key ) The operating status stays RUNNING.", result.Message);
        Assert.Equal(OperatingStatus.Running, host.Session!.Lifecycle.Status);
        Assert.Contains("""{"level":"error","message":"TetraScience.Connector.Stop failed: The [OnStop] hook failed""", host.Stderr);
    }

    [Fact]
    public async Task Anything_else_a_built_in_throws_fails_it_with_the_exceptions_message()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", TetraScienceActions.UpdateConfig, Json("""{"config":{"version":-666}}"""));

        Assert.Equal("'TetraScience.Connector.UpdateConfig' failed: the validator crashed", result.Message);
    }

    [Fact]
    public async Task ValidateConfig_judges_without_applying()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var rejected = await router.RunAsync("1", TetraScienceActions.ValidateConfig, Json("""{"config":{"version":-13}}"""));
        var accepted = await router.RunAsync("2", TetraScienceActions.ValidateConfig, Json("""{"config":{"version":2}}"""));
        var config = await router.RunAsync("3", "Test.Config", CommandEnvelope.EmptyPayload);

        Assert.Equal("""{"valid":false,"message":"The config in the payload was rejected by [ValidateConfig]: -13 is unlucky"}""", Body(rejected));
        Assert.Equal("""{"valid":true}""", Body(accepted));
        Assert.Equal("""{"version":1,"status":"RUNNING"}""", Body(config));
    }

    /// <summary>The structured log lines (stderr) of one logger context, as written.</summary>
    private static string[] LogLines(CommandServerHarness host, string context) =>
        host.Stderr.Split('\n').Where(l => l.Contains($"\"context\":\"{context}\"")).ToArray();

    [Fact]
    public async Task At_debug_level_each_command_logs_its_start_and_success_with_its_id_and_action()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;
        host.Context.LogLevel.Minimum = LogLevel.Debug;

        var result = await router.RunAsync("c1", "Test.Echo", Json("""{"text":"hi"}"""));

        Assert.True(result.Succeeded);
        Assert.Equal(
        [
            """{"level":"debug","message":"Running Test.Echo.","extra":{"context":"served.commands","commandId":"c1","action":"Test.Echo"}}""",
            """{"level":"debug","message":"Test.Echo succeeded.","extra":{"context":"served.commands","commandId":"c1","action":"Test.Echo"}}""",
        ], LogLines(host, "served.commands"));
    }

    [Fact]
    public async Task A_command_that_fails_without_throwing_logs_a_warning_with_the_problem_and_no_success()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;
        host.Context.LogLevel.Minimum = LogLevel.Debug;

        var result = await router.RunAsync("c2", TetraScienceActions.SetLogLevel, Json("{}"));

        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            """{"level":"debug","message":"Running TetraScience.Connector.SetLogLevel.","extra":{"context":"served.commands","commandId":"c2","action":"TetraScience.Connector.SetLogLevel"}}""",
            """{"level":"warning","message":"TetraScience.Connector.SetLogLevel failed: The payload of 'TetraScience.Connector.SetLogLevel' is invalid: $.level: required","extra":{"context":"served.commands","commandId":"c2","action":"TetraScience.Connector.SetLogLevel","Problem":"The payload of 'TetraScience.Connector.SetLogLevel' is invalid: $.level: required"}}""",
        ], LogLines(host, "served.commands"));
    }

    [Fact]
    public async Task SetLogLevel_logs_the_new_level()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        await router.RunAsync("1", TetraScienceActions.SetLogLevel, Json("""{"level":"debug"}"""));

        Assert.Contains("""{"level":"info","message":"The log level is DEBUG.","extra":{"context":"served","Level":"DEBUG"}}""", LogLines(host, "served"));
    }

    [Fact]
    public async Task A_payload_field_the_command_does_not_declare_is_refused_naming_it_and_the_known_fields()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("1", "Test.Greet", Json("""{"title":"Dr"}"""));

        Assert.Equal("The payload of 'Test.Greet' is invalid: $.title: unknown field. Known fields: name.", result.Message);
        Assert.DoesNotContain("Greeting", host.Stderr);
    }

    [Fact]
    public async Task A_custom_command_logs_under_its_own_name_with_its_id_and_action()
    {
        var (host, router) = await RouterAsync();
        await using var _ = host;

        var result = await router.RunAsync("g1", "Test.Greet", Json("""{"name":"Ada"}"""));

        Assert.Equal("""{"greeting":"hello Ada"}""", Body(result));
        Assert.Equal(["""{"level":"info","message":"Greeting Ada.","extra":{"context":"served.Greet","commandId":"g1","action":"Test.Greet","Name":"Ada"}}"""],
            LogLines(host, "served.Greet"));
    }
}
