using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>What <c>serve</c> writes on stderr: structured JSON log lines, at a level SetLogLevel changes, secrets masked.</summary>
public sealed class StructuredLogTests
{
    [Fact]
    public async Task Logs_are_JSON_lines_with_level_message_and_extra_context()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("c1", "Lifecycle.Log", new { message = "hello" }));

        var line = process.Logs.Single(l => l.GetProperty("message").GetString() == "info: hello");
        Assert.Equal(["level", "message", "extra"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal("info", line.GetProperty("level").GetString());
        var extra = line.GetProperty("extra");
        Assert.Equal("lifecycle-test.Log", extra.GetProperty("context").GetString());
        Assert.Equal("c1", extra.GetProperty("commandId").GetString());
        Assert.Equal("Lifecycle.Log", extra.GetProperty("action").GetString());
        Assert.Equal("hello", extra.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task The_default_level_is_INFO_and_SetLogLevel_changes_what_is_logged()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Log", new { message = "first" }));
        var debug = await process.CommandAsync("2", "TetraScience.Connector.SetLogLevel", new { level = "DEBUG" });
        AssertSuccess(await process.CommandAsync("3", "Lifecycle.Log", new { message = "second" }));
        AssertSuccess(await process.CommandAsync("4", "TetraScience.Connector.SetLogLevel", new { level = "ERROR" }));
        AssertSuccess(await process.CommandAsync("5", "Lifecycle.Log", new { message = "third" }));

        Assert.Equal("DEBUG", debug.GetProperty("body").GetProperty("level").GetString());
        Assert.Equal(["info", "warning", "error", "critical"], LevelsLogged(process, "first"));
        Assert.Equal(["debug", "info", "warning", "error", "critical"], LevelsLogged(process, "second"));
        Assert.Equal(["error", "critical"], LevelsLogged(process, "third"));
    }

    [Theory]
    [InlineData("DEBUG", new[] { "debug", "info", "warning", "error", "critical" })]
    [InlineData("INFO", new[] { "info", "warning", "error", "critical" })]
    [InlineData("WARNING", new[] { "warning", "error", "critical" })]
    [InlineData("ERROR", new[] { "error", "critical" })]
    [InlineData("CRITICAL", new[] { "critical" })]
    public async Task Each_level_SetLogLevel_accepts_logs_that_level_and_above(string level, string[] logged)
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "TetraScience.Connector.SetLogLevel", new { level });
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.Log", new { message = "probe" }));

        AssertSuccess(response);
        Assert.Equal(level, response.GetProperty("body").GetProperty("level").GetString());
        Assert.Equal(logged, LevelsLogged(process, "probe"));
    }

    [Fact]
    public async Task SetLogLevel_names_the_allowed_levels_when_given_another()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var loud = await process.CommandAsync("1", "TetraScience.Connector.SetLogLevel", new { level = "LOUD" });
        var missing = await process.CommandAsync("2", "TetraScience.Connector.SetLogLevel", new { });

        AssertFailure(loud, "The payload of 'TetraScience.Connector.SetLogLevel' is invalid: $.level: expected one of \"DEBUG\", \"INFO\", \"WARNING\", \"ERROR\", \"CRITICAL\", got \"LOUD\"");
        AssertFailure(missing, "The payload of 'TetraScience.Connector.SetLogLevel' is invalid: $.level: required");
    }

    [Fact]
    public async Task Secrets_are_masked_in_logs()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync("--debug");

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Log", new { message = "m" }));
        await process.CommandAsync("2", "Lifecycle.Fail", new { message = "boom" });

        Assert.Contains("debug: debug: m ****", process.LogMessages);
        Assert.Contains(process.Logs, l => l.GetProperty("extra").TryGetProperty("ApiKey", out var key) && key.GetString() == "****");
        Assert.Contains(process.Logs, l => l.GetProperty("extra").TryGetProperty("exception", out var ex) && ex.GetString()!.Contains("(api key ****)"));
        Assert.DoesNotContain(LifecycleConnector.Secret, process.Describe());
    }

    /// <summary>The levels at which the Log command's entries for <paramref name="message"/> were written.</summary>
    private static string[] LevelsLogged(ConnectorProcess process, string message) =>
        process.Logs.Where(l => l.GetProperty("extra").TryGetProperty("Message", out var m) && m.GetString() == message)
            .Select(l => l.GetProperty("level").GetString()!).ToArray();
}
