using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>The command line of a connector process: commands, options, usage errors and log level switches.</summary>
public sealed class CommandLineHostTests
{
    [Fact]
    public async Task Spec_prints_exactly_one_SPEC_with_the_config_schema()
    {
        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "spec");

        Assert.Equal(0, run.ExitCode);
        var message = Assert.Single(run.Messages);
        var spec = message.GetProperty("spec");
        Assert.Equal(TestConnector.DocumentationUrl, spec.GetProperty("documentationUrl").GetString());
        using var expected = JsonDocument.Parse(TestSource.Schema);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, spec.GetProperty("connectionSpecification")));
    }

    [Fact]
    public async Task Spec_needs_no_config()
    {
        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "spec", "--debug");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.OfType("SPEC"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("read", "--help")]
    public async Task Help_prints_usage_on_stderr_and_nothing_on_stdout(params string[] args)
    {
        var run = await HostRun.RunAsync(TestConnector.WithStreams(), args);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("Usage: source-test <command> [options]", run.Stderr);
        Assert.Contains("read --config <file> --catalog <file> [--state <file>]", run.Stderr);
        Assert.Contains("--debug", run.Stderr);
    }

    [Theory]
    [InlineData("error: No command given.")]
    [InlineData("error: Unknown command 'frobnicate'.", "frobnicate")]
    [InlineData("error: Unknown option '-x'.", "check", "-x", "--config", "c.json")]
    [InlineData("error: The check command does not take --bogus.", "check", "--config", "c.json", "--bogus", "1")]
    [InlineData("error: The check command does not take --state.", "check", "--config", "c.json", "--state", "s.json")]
    [InlineData("error: The check command needs --config <file>.", "check")]
    [InlineData("error: The discover command needs --config <file>.", "discover")]
    [InlineData("error: The read command needs --config <file>.", "read", "--catalog", "catalog.json")]
    [InlineData("error: The read command needs --catalog <file>.", "read", "--config", "c.json")]
    [InlineData("error: Option --config is given twice.", "check", "--config", "a.json", "--config", "b.json")]
    [InlineData("error: Option --config is given twice.", "check", "--config=a.json", "--config", "b.json")]
    [InlineData("error: Option --config needs a value.", "check", "--config")]
    [InlineData("error: Option --config needs a value.", "check", "--config", "--debug")]
    [InlineData("error: Option --config needs a value.", "check", "--config=")]
    [InlineData("error: Option --config needs a value.", "check", "--config", "")]
    [InlineData("error: Option --catalog needs a value.", "read", "--config", "c.json", "--catalog=")]
    [InlineData("error: The spec command takes no arguments, got 'extra'.", "spec", "extra")]
    public async Task A_malformed_command_line_prints_the_problem_and_usage_on_stderr_and_exits_2(string problem, params string[] args)
    {
        var run = await HostRun.RunAsync(TestConnector.WithStreams(), args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(problem + "\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Contains("Usage: source-test <command> [options]", run.Stderr);
    }

    [Fact]
    public async Task Options_may_be_written_with_an_equals_sign()
    {
        using var files = new TempDir();
        var config = files.Write("config.json", TestConnector.ValidConfig);

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "check", "--config=" + config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SUCCEEDED", run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Options_may_come_before_the_command()
    {
        using var files = new TempDir();
        var config = files.Write("config.json", TestConnector.ValidConfig);

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "--config", config, "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.OfType("CONNECTION_STATUS"));
    }

    internal static ConnectorDescriptor<TestSource> LoggingCheck() => TestConnector.WithCheck((_, request) =>
    {
        request.Logger.LogDebug("debug detail");
        request.Logger.LogInformation("info detail");
        return CheckResult.Success();
    });

    internal static async Task<HostRun> CheckAsync(ConnectorDescriptor<TestSource> descriptor, params string[] extra)
    {
        using var files = new TempDir();
        var args = new[] { "check", "--config", files.Write("config.json", TestConnector.ValidConfig) };
        return await HostRun.RunAsync(descriptor, [.. args, .. extra]);
    }

    [Fact]
    public async Task Debug_option_enables_DEBUG_log_messages()
    {
        var run = await CheckAsync(LoggingCheck(), "--debug");

        Assert.Contains(run.Logs, l => l.GetProperty("level").GetString() == "DEBUG" && l.GetProperty("message").GetString() == "debug detail");
        Assert.Contains(run.Logs, l => l.GetProperty("level").GetString() == "INFO" && l.GetProperty("message").GetString() == "info detail");
    }
}

/// <summary>Tests that read or change the process environment run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection
{
}

[Collection(nameof(EnvironmentCollection))]
public sealed class LogLevelEnvironmentTests
{
    [Fact]
    public async Task Default_level_is_INFO()
    {
        var saved = System.Environment.GetEnvironmentVariable("LOG_LEVEL");
        System.Environment.SetEnvironmentVariable("LOG_LEVEL", null);
        try
        {
            var run = await CommandLineHostTests.CheckAsync(CommandLineHostTests.LoggingCheck());

            Assert.Contains(run.Logs, l => l.GetProperty("message").GetString() == "info detail");
            Assert.DoesNotContain(run.Logs, l => l.GetProperty("level").GetString() == "DEBUG");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("LOG_LEVEL", saved);
        }
    }

    [Fact]
    public async Task LOG_LEVEL_debug_enables_DEBUG_log_messages()
    {
        var saved = System.Environment.GetEnvironmentVariable("LOG_LEVEL");
        System.Environment.SetEnvironmentVariable("LOG_LEVEL", "DEBUG");
        try
        {
            var run = await CommandLineHostTests.CheckAsync(CommandLineHostTests.LoggingCheck());

            Assert.Contains(run.Logs, l => l.GetProperty("level").GetString() == "DEBUG" && l.GetProperty("message").GetString() == "debug detail");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("LOG_LEVEL", saved);
        }
    }

    [Theory]
    [InlineData("warn", Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData("WARN", Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData("Warning", Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData("error", Microsoft.Extensions.Logging.LogLevel.Error)]
    [InlineData("verbose", Microsoft.Extensions.Logging.LogLevel.Information)]
    public void LOG_LEVEL_names_a_level_in_any_case_and_WARN_too(string text, Microsoft.Extensions.Logging.LogLevel expected)
    {
        var saved = System.Environment.GetEnvironmentVariable("LOG_LEVEL");
        System.Environment.SetEnvironmentVariable("LOG_LEVEL", text);
        try
        {
            using var host = new CommandTestHost();

            Assert.Equal(expected, host.Context.LogLevel.Minimum);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("LOG_LEVEL", saved);
        }
    }
}
