using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// The Shell sample on the local machine (its default inventory, @local): commands with exit codes and output lines,
/// strict payloads, files, the inventory streams, check. <see cref="ShellSshTests"/> covers real SSH hosts.
/// </summary>
public sealed class ShellSampleTests : IDisposable
{
    private const string RunShellCommand = "Shell.Connector.RunShellCommand";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task RunShellCommand_reports_each_hosts_exit_code_and_output_lines()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "echo one; echo two; echo oops >&2; exit 3" });

        AssertSuccess(response);
        CustomCommandTests.AssertJson("""
            {"success": false, "hosts": [{"host": "@local", "success": false, "exit_code": 3, "timed_out": false, "attempts": 1,
              "stdout": ["one", "two"], "stderr": ["oops"], "truncated": false, "error": null}]}
            """, response.GetProperty("body"));
        Assert.Contains("info: [@local] Running: sh -c 'echo one; echo two; echo oops >&2; exit 3'", process.LogMessages);
        Assert.Contains("info: [@local] stdout: two", process.LogMessages);
    }

    [Fact]
    public async Task RunShellCommand_takes_every_option_of_the_payload()
    {
        await using var process = await ServeAsync();
        _folder.Write("data.txt", "b\na\n");

        var response = await process.CommandAsync("1", RunShellCommand, new
        {
            command = "sort data.txt | head -1; echo \"$GREETING\"; cat; exit 3",
            working_directory = _folder.Path,
            env = new { GREETING = "hello" },
            stdin = "from stdin\n",
            success_exit_codes = new[] { 0, 3 },
            retries = 2,
            retry_delay_seconds = 0.1,
            timeout_seconds = 30,
        });

        var host = Host(response);
        Assert.True(host.GetProperty("success").GetBoolean(), host.ToString());
        Assert.Equal(["a", "hello", "from stdin"], host.GetProperty("stdout").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(1, host.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_payload_field_the_command_does_not_know_is_refused()
    {
        await using var process = await ServeAsync();

        var response = await process.CommandAsync("1", RunShellCommand, new { command = "touch never", sudo_pasword = "x", enviroment = new { A = "1" } });

        AssertFailure(response, "The payload of 'Shell.Connector.RunShellCommand' is invalid: $.sudo_pasword: unknown field; $.enviroment: unknown field. "
            + "Known fields: command, env, group, host, parallel, print_output, pty, retries, retry_delay_seconds, shell, stdin, su_user, "
            + "success_exit_codes, sudo, sudo_user, timeout_seconds, working_directory.");
        Assert.False(File.Exists(Path.Combine(TestFiles.Directory, "never")));
    }

    [Fact]
    public async Task Bad_options_are_refused_before_anything_runs()
    {
        await using var process = await ServeAsync();

        AssertFailure(await process.CommandAsync("1", RunShellCommand, new { command = "true", env = new { A = 1 } }),
            "'Shell.Connector.RunShellCommand' failed: env must be an object of strings, like {\"LANG\": \"C\"}.");
        AssertFailure(await process.CommandAsync("2", RunShellCommand, new { command = "true", host = "elsewhere" }),
            "'Shell.Connector.RunShellCommand' failed: There is no host 'elsewhere' in the inventory. Hosts: @local.");
        AssertFailure(await process.CommandAsync("3", RunShellCommand, new { command = "true", timeout_seconds = 0 }),
            "'Shell.Connector.RunShellCommand' failed: timeout_seconds must be more than 0, got 0.");
    }

    [Fact]
    public async Task PutFile_then_GetFile_round_trips_text_and_base64()
    {
        await using var process = await ServeAsync();
        var path = _folder.File("put.bin");

        var put = await process.CommandAsync("1", "Shell.Connector.PutFile", new { path, content = Convert.ToBase64String([0, 1, 2, 255]), base64 = true, mode = "600" });
        var get = await process.CommandAsync("2", "Shell.Connector.GetFile", new { path, base64 = true });
        var text = await process.CommandAsync("3", "Shell.Connector.PutFile", new { path, content = "héllo\n" });
        var read = await process.CommandAsync("4", "Shell.Connector.GetFile", new { path });

        var written = Host(put);
        Assert.Equal(4, written.GetProperty("bytes").GetInt32());
        Assert.Equal("AAEC/w==", Host(get).GetProperty("content").GetString());
        Assert.Equal(written.GetProperty("sha256").GetString(), Host(get).GetProperty("sha256").GetString());
        Assert.Equal("héllo\n", Host(read).GetProperty("content").GetString());
        Assert.True(Host(text).GetProperty("error").ValueKind == JsonValueKind.Null);
        Assert.Equal(["config.json", "put.bin"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task File_commands_name_the_path_and_the_host_they_failed_on()
    {
        await using var process = await ServeAsync();
        var missing = _folder.File("missing.txt");
        var nowhere = Path.Combine(_folder.Path, "no", "such", "file.txt");

        var get = await process.CommandAsync("1", "Shell.Connector.GetFile", new { path = missing });
        var put = await process.CommandAsync("2", "Shell.Connector.PutFile", new { path = nowhere, content = "x" });

        Assert.False(get.GetProperty("body").GetProperty("success").GetBoolean());
        Assert.StartsWith($"Cannot read '{missing}' on @local: Could not find file", Host(get).GetProperty("error").GetString());
        Assert.StartsWith($"Cannot write '{nowhere}' on @local: Could not find a part of the path", Host(put).GetProperty("error").GetString());
        Assert.Contains(process.LogMessages, m => m.StartsWith($"error: [@local] Cannot read '{missing}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hosts_and_groups_streams_are_the_inventory()
    {
        var output = Connector.Shell.OutputDirectory;
        var config = _folder.Write("config.json", JsonSerializer.Serialize(new { inventory_file = Path.Combine(output, "inventory.json") }));

        var run = await Connector.Shell.RunAsync("read", "--config", config, "--catalog", Path.Combine(output, "catalog.json"));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal([
            """{"name":"@local","data":{"ssh_user":"deploy","env":"staging"},"groups":["control"]}""",
            """{"name":"web1","data":{"ssh_user":"deploy","env":"staging","role":"web","ssh_hostname":"192.0.2.11","tags":["eu"]},"groups":["web"]}""",
            """{"name":"web2","data":{"ssh_user":"deploy","env":"staging","role":"web","ssh_hostname":"192.0.2.12","ssh_port":2222,"tags":["us"]},"groups":["web"]}""",
            """{"name":"db1","data":{"ssh_user":"postgres","env":"staging","role":"db","ssh_hostname":"192.0.2.21","ssh_host_key_fingerprint":"SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"},"groups":["db"]}""",
        ], run.Records("hosts").Select(r => r.GetProperty("data").GetRawText()));
        Assert.Equal([
            """{"name":"web","hosts":["web1","web2"],"data":{"role":"web"}}""",
            """{"name":"db","hosts":["db1"],"data":{"role":"db","ssh_user":"postgres"}}""",
            """{"name":"control","hosts":["@local"],"data":{}}""",
        ], run.Records("groups").Select(r => r.GetProperty("data").GetRawText()));
    }

    [Fact]
    public async Task Check_names_each_host_it_cannot_connect_to()
    {
        var inventory = _folder.Write("inventory.json", """[{"name": "@local"}, {"name": "nowhere", "data": {"ssh_hostname": "127.0.0.1", "ssh_port": 1}}]""");
        var config = _folder.Write("config.json", JsonSerializer.Serialize(new { inventory_file = inventory, ssh_password = "irrelevant" }));

        var run = await Connector.Shell.RunAsync("check", "--config", config);

        var status = Assert.Single(run.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.StartsWith("Cannot connect to 1 of 2 host(s): Cannot connect to host 'nowhere' at 127.0.0.1:1: Connection refused",
            status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_inventory_with_a_password_or_a_misspelt_setting_is_refused()
    {
        var secret = _folder.Write("secret.json", """[{"name": "web", "data": {"ssh_password": "hunter2"}}]""");
        var typo = _folder.Write("typo.json", """[{"name": "web", "data": {"ssh_prot": 22}}]""");

        var withSecret = await Connector.Shell.RunAsync("check", "--config", _folder.Write("a.json", JsonSerializer.Serialize(new { inventory_file = secret })));
        var withTypo = await Connector.Shell.RunAsync("check", "--config", _folder.Write("b.json", JsonSerializer.Serialize(new { inventory_file = typo })));

        Assert.Contains("Host 'web': data.ssh_password is a secret; put it in the connector's config (ssh_password), where it is masked, not in the inventory.",
            withSecret.Describe());
        Assert.DoesNotContain("hunter2", withSecret.Describe());
        Assert.Contains("Host 'web': data.ssh_prot is not a connection setting.", withTypo.Describe());
    }

    [Fact]
    public async Task The_hand_written_entry_point_stops_on_SIGTERM_as_a_generated_one_does()
    {
        await using var process = await ServeAsync();

        process.Terminate();
        await process.WaitForExitAsync();

        Assert.Equal(143, process.ExitCode);
        Assert.Contains("info: Disconnected.", process.LogMessages);
    }

    public void Dispose() => _folder.Dispose();

    private static JsonElement Host(JsonElement response)
    {
        AssertSuccess(response);
        return Assert.Single(response.GetProperty("body").GetProperty("hosts").EnumerateArray());
    }

    private async Task<ConnectorProcess> ServeAsync(object? config = null, string status = "RUNNING")
    {
        var path = _folder.Write("config.json", JsonSerializer.Serialize(config ?? new { }));
        var process = ConnectorProcess.Start(Connector.Shell, ["serve", "--config", path, "--status", status]);
        AssertSuccess(await process.CommandAsync("ready", "TetraScience.Connector.ListCustomCommands"));
        return process;
    }
}
