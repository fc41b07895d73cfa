using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>The Shell sample: shell commands with exit codes, output lines and timeouts; files; the inventory and connecting to it.</summary>
public sealed class ShellSampleTests : IDisposable
{
    private const string RunShellCommand = "Shell.Connector.RunShellCommand";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task RunShellCommand_reports_the_exit_code_and_the_output_lines()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "echo one; echo two; echo oops >&2; exit 3" });

        AssertSuccess(response);
        CustomCommandTests.AssertJson("""
            {"success": false, "exit_code": 3, "timed_out": false, "stdout": ["one", "two"], "stderr": ["oops"]}
            """, response.GetProperty("body"));
    }

    [Fact]
    public async Task RunShellCommand_counts_the_given_success_exit_codes_as_success()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "exit 3", success_exit_codes = new[] { 0, 3 } });

        Assert.True(response.GetProperty("body").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task RunShellCommand_kills_a_command_that_runs_past_its_timeout()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "echo started; sleep 600", timeout_seconds = 0.5 });

        AssertSuccess(response);
        CustomCommandTests.AssertJson("""
            {"success": false, "exit_code": null, "timed_out": true, "stdout": ["started"], "stderr": []}
            """, response.GetProperty("body"));
    }

    [Fact]
    public async Task RunShellCommand_does_not_wait_for_a_background_child_that_keeps_the_output_open()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "sleep 20 & echo detached" });

        AssertSuccess(response);
        Assert.Equal(0, response.GetProperty("body").GetProperty("exit_code").GetInt32());
        Assert.Equal(["detached"], response.GetProperty("body").GetProperty("stdout").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task RunShellCommand_runs_pipes_in_the_working_directory()
    {
        await using var process = await ServeAsync();
        _folder.Write("data.txt", "b\na\n");

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "sort data.txt | head -1", working_directory = _folder.Path });

        Assert.Equal(["a"], response.GetProperty("body").GetProperty("stdout").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task PutFile_then_GetFile_round_trips_text_and_base64()
    {
        await using var process = await ServeAsync();
        var path = _folder.File("put.bin");

        var put = await process.CommandAsync("1", "Shell.Connector.PutFile", new { path, content = Convert.ToBase64String([0, 1, 2, 255]), base64 = true });
        var get = await process.CommandAsync("2", "Shell.Connector.GetFile", new { path, base64 = true });
        var text = await process.CommandAsync("3", "Shell.Connector.PutFile", new { path, content = "héllo\n" });
        var read = await process.CommandAsync("4", "Shell.Connector.GetFile", new { path });

        AssertSuccess(put);
        Assert.Equal(4, put.GetProperty("body").GetProperty("bytes").GetInt32());
        Assert.Equal("AAEC/w==", get.GetProperty("body").GetProperty("content").GetString());
        Assert.Equal(put.GetProperty("body").GetProperty("sha256").GetString(), get.GetProperty("body").GetProperty("sha256").GetString());
        AssertSuccess(text);
        Assert.Equal("héllo\n", read.GetProperty("body").GetProperty("content").GetString());
        Assert.DoesNotContain(Directory.GetFiles(_folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task File_commands_name_the_path_they_cannot_use()
    {
        await using var process = await ServeAsync();
        var missing = _folder.File("missing.txt");
        var nowhere = Path.Combine(_folder.Path, "no", "such", "file.txt");

        AssertFailure(await process.CommandAsync("1", "Shell.Connector.GetFile", new { path = missing }),
            $"'Shell.Connector.GetFile' failed: The file '{missing}' does not exist.");
        AssertFailure(await process.CommandAsync("2", "Shell.Connector.PutFile", new { path = nowhere, content = "x" }),
            $"'Shell.Connector.PutFile' failed: The folder '{Path.GetDirectoryName(nowhere)}' does not exist.");
    }

    [Fact]
    public async Task Start_connects_to_every_host_and_names_the_ones_it_cannot_reach()
    {
        var inventory = _folder.Write("inventory.json", """
            [{"name": "@local"}, {"name": "nowhere", "data": {"address": "127.0.0.1", "port": 1}, "groups": ["remote"]}]
            """);
        await using var process = await ServeAsync(new { inventory_file = inventory, connect_timeout_seconds = 5 }, "IDLE");

        var start = await process.CommandAsync("1", "TetraScience.Connector.Start");
        var local = await process.CommandAsync("2", "TetraScience.Connector.UpdateConfig", new { config = new { } });
        var again = await process.CommandAsync("3", "TetraScience.Connector.Start");

        AssertFailure(start, "The [OnConnectorUpdated] hook failed: Cannot connect to host 'nowhere' at 127.0.0.1:1: Connection refused."
            + " The operating status stays IDLE.");
        Assert.Equal("IDLE", local.GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Equal("RUNNING", again.GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Contains("info: Connected to 1 host(s): @local.", process.LogMessages);
    }

    [Fact]
    public async Task The_hosts_stream_is_the_inventory()
    {
        var output = Connector.Shell.OutputDirectory;
        var config = _folder.Write("config.json", JsonSerializer.Serialize(new { inventory_file = Path.Combine(output, "inventory.json") }));

        var run = await Connector.Shell.RunAsync("read", "--config", config, "--catalog", Path.Combine(output, "catalog.json"));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal([
            """{"name":"@local","data":{},"groups":["@local"]}""",
            """{"name":"loopback","data":{"address":"127.0.0.1","port":1,"role":"example"},"groups":["examples"]}""",
        ], run.Records("hosts").Select(r => r.GetProperty("data").GetRawText()));
    }

    [Fact]
    public async Task Check_fails_naming_an_unreachable_host()
    {
        var output = Connector.Shell.OutputDirectory;
        var config = _folder.Write("config.json", JsonSerializer.Serialize(new { inventory_file = Path.Combine(output, "inventory.json") }));

        var run = await Connector.Shell.RunAsync("check", "--config", config);

        var status = Assert.Single(run.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal("Cannot connect to host 'loopback' at 127.0.0.1:1: Connection refused.", status.GetProperty("message").GetString());
    }

    public void Dispose() => _folder.Dispose();

    private async Task<ConnectorProcess> ServeAsync(object? config = null, string status = "RUNNING")
    {
        var path = _folder.Write("config.json", JsonSerializer.Serialize(config ?? new { }));
        var process = ConnectorProcess.Start(Connector.Shell, ["serve", "--config", path, "--status", status]);
        AssertSuccess(await process.CommandAsync("ready", "TetraScience.Connector.ListCustomCommands"));
        return process;
    }
}
