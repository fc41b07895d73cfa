using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary><c>check</c>: exactly one CONNECTION_STATUS for anything the user can fix; a crash is a TRACE ERROR.</summary>
public sealed class CheckTests
{
    private static async Task<HostRun> CheckAsync(ConnectorDescriptor<TestSource> descriptor, string config, string file = "config.json")
    {
        using var files = new TempDir();
        return await HostRun.RunAsync(descriptor, "check", "--config", files.Write(file, config));
    }

    [Fact]
    public async Task A_working_config_is_SUCCEEDED_with_the_check_message()
    {
        var descriptor = TestConnector.WithCheck((source, _) => CheckResult.Success($"Connected with count {source.Count}."));

        var run = await CheckAsync(descriptor, TestConnector.ValidConfig);

        Assert.Equal(0, run.ExitCode);
        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.Equal("SUCCEEDED", status.GetProperty("status").GetString());
        Assert.Equal("Connected with count 2.", status.GetProperty("message").GetString());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task A_connector_without_a_check_method_succeeds_when_its_config_binds()
    {
        var run = await CheckAsync(TestConnector.WithStreams(), TestConnector.ValidConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SUCCEEDED", run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_config_that_does_not_bind_is_FAILED_naming_the_file_and_every_problem_with_its_path()
    {
        var checkRan = false;
        var descriptor = TestConnector.WithCheck((_, _) =>
        {
            checkRan = true;
            return CheckResult.Success();
        });
        using var files = new TempDir();
        var config = files.Write("my-config.json", """{"count":-1,"host":"not a uri"}""");

        var run = await HostRun.RunAsync(descriptor, "check", "--config", config);

        Assert.Equal(0, run.ExitCode);
        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        var message = status.GetProperty("message").GetString()!;
        Assert.Contains($"'{config}'", message);
        Assert.Contains("$.api_key: required", message);
        Assert.Contains("$.count: must be at least 0, got -1", message);
        Assert.Contains("$.host: expected an absolute URI, got \"not a uri\"", message);
        Assert.False(checkRan);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task A_config_that_is_not_an_object_is_FAILED()
    {
        var run = await CheckAsync(TestConnector.WithStreams(), "[1,2]");

        Assert.Equal(0, run.ExitCode);
        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Contains("$: expected an object, got an array", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_failed_check_result_is_FAILED_with_its_message_and_exit_code_0()
    {
        var descriptor = TestConnector.WithCheck((_, _) => CheckResult.Failed("The account is locked."));

        var run = await CheckAsync(descriptor, TestConnector.ValidConfig);

        Assert.Equal(0, run.ExitCode);
        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal("The account is locked.", status.GetProperty("message").GetString());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task A_ConfigException_is_FAILED_with_its_message_and_exit_code_0()
    {
        var descriptor = TestConnector.WithCheck((_, _) => throw new ConfigException("The API key was revoked."));

        var run = await CheckAsync(descriptor, TestConnector.ValidConfig);

        Assert.Equal(0, run.ExitCode);
        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal("The API key was revoked.", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_async_check_that_throws_ConfigException_is_FAILED()
    {
        var descriptor = TestConnector.Create(check: async (_, _) =>
        {
            await Task.Yield();
            throw new ConfigException("Unknown workspace.");
        });

        var run = await CheckAsync(descriptor, TestConnector.ValidConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Unknown workspace.", run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Any_other_exception_is_one_TRACE_system_error_with_exit_code_1_and_no_status()
    {
        var descriptor = TestConnector.WithCheck((_, _) => throw new InvalidOperationException("socket exploded"));

        var run = await CheckAsync(descriptor, TestConnector.ValidConfig);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.OfType("CONNECTION_STATUS"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("socket exploded", error.GetProperty("message").GetString());
        Assert.Contains("System.InvalidOperationException: socket exploded", error.GetProperty("internal_message").GetString());
        Assert.Contains("InvalidOperationException", error.GetProperty("stack_trace").GetString());
    }

    [Fact]
    public async Task A_missing_config_file_is_a_TRACE_config_error_naming_the_file_and_exit_code_1()
    {
        using var files = new TempDir();
        var missing = files.Missing("nope.json");

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "check", "--config", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.OfType("CONNECTION_STATUS"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Equal($"The config file '{missing}' does not exist.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_malformed_config_file_is_a_TRACE_config_error_naming_the_file_and_position()
    {
        using var files = new TempDir();
        var config = files.Write("config.json", "{\n  \"api_key\": x\n}");

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "check", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.OfType("CONNECTION_STATUS"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith($"The config file '{config}' is not valid JSON: ", message);
        Assert.Contains("(line 2,", message);
    }

    [Fact]
    public async Task The_connector_is_disposed_after_the_check()
    {
        var created = new ConcurrentQueue<TestSource>();
        var descriptor = TestConnector.Create(check: (_, _) => new ValueTask<CheckResult>(CheckResult.Success()), created: created);

        await CheckAsync(descriptor, TestConnector.ValidConfig);

        var source = Assert.Single(created);
        Assert.True(source.Disposed);
    }
}
