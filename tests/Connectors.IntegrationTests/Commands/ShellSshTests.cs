using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Connectors.TestHosts;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// The Shell sample against real SSH hosts (sshd instances on 127.0.0.1, see <see cref="ShellHosts"/>), as a process
/// under the command host: parallel runs over a group or all hosts with per-host results, output logged while commands
/// run, every run option, timeouts that leave nothing on the host, hosts that cannot connect or go down mid-run, large
/// files, facts, and no secret in any output.
/// </summary>
public sealed class ShellSshTests(ShellHosts hosts) : IClassFixture<ShellHosts>, IDisposable
{
    private const string Run = "Shell.Connector.RunShellCommand";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_group_runs_in_parallel_and_each_host_reports_on_its_own()
    {
        await using var process = await ServeAsync([
            ShellHosts.Host("alpha", hosts.Alpha, ["web"]),
            ShellHosts.Host("beta", hosts.Beta, ["web"]),
            ShellHosts.Host("gamma", hosts.Gamma, ["db"]),
        ]);

        var web = Hosts(await process.CommandAsync("1", Run, new { command = "echo $SSH_CONNECTION | cut -d' ' -f4; sleep 1", group = "web" }));
        var one = Hosts(await process.CommandAsync("2", Run, new { command = "id -un", host = "gamma" }));
        var all = Hosts(await process.CommandAsync("3", Run, new { command = "exit 0" }));

        Assert.Contains("info: Connected to 3 of 3 host(s): alpha, beta, gamma.", process.LogMessages);
        Assert.Equal([$"alpha {hosts.Alpha.Port}", $"beta {hosts.Beta.Port}"],
            web.Select(h => $"{h.GetProperty("host").GetString()} {h.GetProperty("stdout")[0].GetString()}"));
        Assert.Equal("gamma", Assert.Single(one).GetProperty("host").GetString());
        Assert.Equal(SshServers.SudoUser, one[0].GetProperty("stdout")[0].GetString());
        Assert.Equal(["alpha", "beta", "gamma"], all.Select(h => h.GetProperty("host").GetString()));
        hosts.AssertNoSecretIn(process.Describe());
    }

    [Fact]
    public async Task Output_lines_are_logged_while_the_command_runs()
    {
        await using var process = await ServeAsync([ShellHosts.Host("alpha", hosts.Alpha)]);
        var release = $"/tmp/connectors-release-{Guid.NewGuid():N}";

        process.Send("1", Run, new { command = $"echo first; while [ ! -e {release} ]; do sleep 0.05; done; echo second" });
        await process.UntilAsync(() => process.LogMessages.Contains("info: [alpha] stdout: first"), "the first line in the log");
        var answeredEarly = process.Responses.Any(r => r.GetProperty("commandId").GetString() == "1");
        File.WriteAllText(release, "");
        var response = await process.ResponseAsync("1");
        File.Delete(release);

        Assert.False(answeredEarly);
        Assert.Equal(["first", "second"], Hosts(response)[0].GetProperty("stdout").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains("info: [alpha] stdout: second", process.LogMessages);
    }

    [Fact]
    public async Task Sudo_su_env_folder_pty_and_stdin_reach_the_host_and_no_secret_reaches_any_output()
    {
        await using var process = await ServeAsync([ShellHosts.Host("alpha", hosts.Alpha)]);

        var sudo = Hosts(await process.CommandAsync("1", Run, new
        {
            command = $"id -un; echo \"$ROLE\"; pwd; cat; echo {hosts.Servers.Password}",
            sudo = true,
            env = new { ROLE = "worker" },
            working_directory = "/tmp",
            stdin = "input\n",
        }))[0];
        var su = Hosts(await process.CommandAsync("2", Run, new { command = "id -un", sudo = true, su_user = SshServers.PlainUser }))[0];
        var asPlain = Hosts(await process.CommandAsync("3", Run, new { command = "id -un", sudo = true, sudo_user = SshServers.PlainUser }))[0];
        var pty = Hosts(await process.CommandAsync("4", Run, new { command = "[ -t 1 ] && echo terminal", pty = true }))[0];

        Assert.Equal(["root", "worker", "/tmp", "input", "****"], Lines(sudo, "stdout"));
        Assert.Equal([SshServers.PlainUser], Lines(su, "stdout"));
        Assert.Equal([SshServers.PlainUser], Lines(asPlain, "stdout"));
        Assert.Equal(["terminal"], Lines(pty, "stdout"));
        Assert.Contains(process.LogMessages, m => m.StartsWith("info: [alpha] Running: sudo sh -c 'cd -- /tmp || exit 1; export ROLE=worker; id -un;", StringComparison.Ordinal));
        Assert.Contains("info: [alpha] stdout: ****", process.LogMessages);
        hosts.AssertNoSecretIn(process.Describe());
    }

    [Fact]
    public async Task A_timeout_kills_the_command_on_every_host_and_leaves_nothing_running()
    {
        await using var process = await ServeAsync([ShellHosts.Host("alpha", hosts.Alpha), ShellHosts.Host("beta", hosts.Beta)]);
        var sleep = HostProcesses.UniqueSleep();

        var response = await process.CommandAsync("1", Run, new { command = $"{sleep} & echo started; {sleep}", timeout_seconds = 3, sudo = true });

        Assert.All(Hosts(response), h =>
        {
            Assert.True(h.GetProperty("timed_out").GetBoolean());
            Assert.Equal(JsonValueKind.Null, h.GetProperty("exit_code").ValueKind);
            Assert.Equal(["started"], Lines(h, "stdout"));
        });
        Assert.Empty(HostProcesses.GoneWithin(sleep, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_host_stopped_mid_run_fails_alone_and_is_refused_until_it_connects_again()
    {
        var doomed = await hosts.Servers.StartAsync("doomed");
        var knownHosts = hosts.Servers.KnownHosts(hosts.Alpha, doomed, hosts.Beta);
        await using var process = await ServeAsync(
            [ShellHosts.Host("alpha", hosts.Alpha), ShellHosts.Host("doomed", doomed), ShellHosts.Host("beta", hosts.Beta)],
            new { ssh_known_hosts_file = knownHosts });
        var release = $"/tmp/connectors-release-{Guid.NewGuid():N}";

        process.Send("1", Run, new { command = $"echo started; while [ ! -e {release} ]; do sleep 0.05; done; echo done" });
        await process.UntilAsync(() => process.LogMessages.Count(m => m.EndsWith("] stdout: started", StringComparison.Ordinal)) == 3, "the command to start on every host");
        doomed.Stop();
        File.WriteAllText(release, "");
        var during = Hosts(await process.ResponseAsync("1"));
        var after = Hosts(await process.CommandAsync("2", Run, new { command = "echo again" }));
        var listed = Hosts(await process.CommandAsync("3", "Shell.Connector.ListHosts", new { }));
        var reconnect = Hosts(await process.CommandAsync("4", "Shell.Connector.Connect", new { host = "doomed" }));
        File.Delete(release);

        Assert.Equal(["started", "done"], Lines(during[0], "stdout"));
        Assert.Equal(["started", "done"], Lines(during[2], "stdout"));
        Assert.StartsWith("The connection to host 'doomed' was lost", during[1].GetProperty("error").GetString());
        Assert.Equal(["again"], Lines(after[0], "stdout"));
        Assert.Equal(["again"], Lines(after[2], "stdout"));
        Assert.StartsWith("Host 'doomed' is not connected: The connection to host 'doomed' was lost", after[1].GetProperty("error").GetString());
        Assert.Equal(["connected", "failed", "connected"], listed.Select(h => h.GetProperty("status").GetString()));
        Assert.StartsWith($"Cannot connect to host 'doomed' at 127.0.0.1:{doomed.Port}: Connection refused", reconnect[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Hosts_that_cannot_connect_at_start_are_refused_with_the_reason_and_the_others_serve()
    {
        var hostsList = new[]
        {
            ShellHosts.Host("alpha", hosts.Alpha),
            ShellHosts.Unreachable("nowhere"),
            ShellHosts.Host("impostor", hosts.Beta, data: new { ssh_host_key_fingerprint = hosts.Alpha.Fingerprint }),
        };
        await using var process = await ServeAsync(hostsList);

        var results = Hosts(await process.CommandAsync("1", Run, new { command = "echo ok" }));
        var check = await Connector.Shell.RunAsync("check", "--config", _folder.File("config.json"));

        Assert.Contains(process.LogMessages, m => m.StartsWith("error: Cannot connect to host nowhere: Cannot connect to host 'nowhere' at 127.0.0.1:1: Connection refused", StringComparison.Ordinal));
        Assert.Contains("info: Connected to 1 of 3 host(s): alpha.", process.LogMessages);
        Assert.Equal(["ok"], Lines(results[0], "stdout"));
        Assert.StartsWith("Host 'nowhere' is not connected: Cannot connect to host 'nowhere' at 127.0.0.1:1: Connection refused", results[1].GetProperty("error").GetString());
        Assert.StartsWith($"Host 'impostor' is not connected: The host 'impostor' (127.0.0.1:{hosts.Beta.Port}) presented a ssh-ed25519 key with fingerprint {hosts.Beta.Fingerprint}, not the pinned {hosts.Alpha.Fingerprint}.",
            results[2].GetProperty("error").GetString());
        var status = Assert.Single(check.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.StartsWith("Cannot connect to 2 of 3 host(s): ", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_password_login_with_the_user_from_the_host_data()
    {
        await using var process = await ServeAsync(
            [ShellHosts.Host("plain", hosts.Alpha, data: new { ssh_user = SshServers.PlainUser })],
            new { ssh_private_key = (string?)null });

        var result = Hosts(await process.CommandAsync("1", Run, new { command = "id -un" }))[0];

        Assert.Equal([SshServers.PlainUser], Lines(result, "stdout"));
        hosts.AssertNoSecretIn(process.Describe());
    }

    [Fact]
    public async Task A_hundred_megabyte_file_goes_up_and_comes_back_streamed_with_flat_memory()
    {
        await using var process = await ServeAsync([ShellHosts.Host("alpha", hosts.Alpha)]);
        var source = _folder.File("large.bin");
        WriteRandom(source, 100L * 1024 * 1024);
        var folder = $"/tmp/connectors-large-{Guid.NewGuid():N}";
        AssertSuccess(await process.CommandAsync("0", Run, new { command = $"mkdir {folder}" }));
        var before = PeakMemory(process.Id);

        var put = Hosts(await process.CommandAsync("1", "Shell.Connector.PutFile", new { path = $"{folder}/large.bin", local_path = source, mode = "640" }))[0];
        var get = Hosts(await process.CommandAsync("2", "Shell.Connector.GetFile", new { path = $"{folder}/large.bin", local_path = _folder.File("copy-{host}.bin") }))[0];
        var listing = Hosts(await process.CommandAsync("3", Run, new { command = $"ls -A {folder}; stat -c '%a %s' {folder}/large.bin; rm -rf {folder}" }))[0];
        var after = PeakMemory(process.Id);

        var expected = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source))).ToLowerInvariant();
        Assert.Equal((104857600L, expected), (put.GetProperty("bytes").GetInt64(), put.GetProperty("sha256").GetString()));
        Assert.Equal(expected, get.GetProperty("sha256").GetString());
        Assert.Equal(_folder.File("copy-alpha.bin"), get.GetProperty("local_path").GetString());
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_folder.File("copy-alpha.bin")))).ToLowerInvariant());
        Assert.Equal(["large.bin", "640 104857600"], Lines(listing, "stdout"));
        // Holding the file in memory would add at least 100 MiB to the connector's peak; streaming adds buffers only.
        Assert.True(after - before < 48L * 1024 * 1024, $"The connector's peak memory grew by {(after - before) / 1024 / 1024} MiB moving 2 × 100 MiB (from {before / 1024 / 1024} MiB).");
    }

    [Fact]
    public async Task Facts_read_as_a_stream_one_record_per_host()
    {
        var config = hosts.Config(_folder, [ShellHosts.Host("alpha", hosts.Alpha), ShellHosts.Unreachable("nowhere")]);

        var run = await Connector.Shell.RunAsync("read", "--config", config, "--catalog", await Connector.Shell.CatalogAsync("full_refresh", "facts"));

        Assert.True(run.ExitCode == 0, run.Describe());
        var records = run.Records("facts").Select(r => r.GetProperty("data")).ToList();
        Assert.Equal(["alpha", "nowhere"], records.Select(r => r.GetProperty("host").GetString()));
        var facts = records[0].GetProperty("facts");
        Assert.Equal((Environment.MachineName, "Linux", SshServers.SudoUser),
            (facts.GetProperty("hostname").GetString(), facts.GetProperty("kernel_name").GetString(), facts.GetProperty("user").GetString()));
        Assert.Contains(facts.GetProperty("users").EnumerateArray(), u => u.GetProperty("name").GetString() == SshServers.PlainUser);
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("facts").ValueKind);
        Assert.StartsWith("Cannot connect to host 'nowhere' at 127.0.0.1:1", records[1].GetProperty("error").GetString());
        hosts.AssertNoSecretIn(run.Describe());
    }

    [Fact]
    public async Task GatherFacts_emits_a_facts_record_per_host()
    {
        await using var process = await ServeAsync([ShellHosts.Host("alpha", hosts.Alpha, ["web"]), ShellHosts.Host("beta", hosts.Beta, ["web"])]);

        var response = await process.CommandAsync("1", "Shell.Connector.GatherFacts", new { group = "web" });

        AssertSuccess(response);
        Assert.True(response.GetProperty("body").GetProperty("success").GetBoolean());
        Assert.Equal(["alpha", "beta"], process.Records.Where(r => r.GetProperty("stream").GetString() == "facts")
            .Select(r => r.GetProperty("data").GetProperty("host").GetString()).Order());
    }

    public void Dispose() => _folder.Dispose();

    private async Task<ConnectorProcess> ServeAsync(object[] inventory, object? overrides = null)
    {
        var config = hosts.Config(_folder, inventory, overrides);
        var process = ConnectorProcess.Start(Connector.Shell, ["serve", "--config", config]);
        AssertSuccess(await process.CommandAsync("ready", "TetraScience.Connector.ListCustomCommands"));
        return process;
    }

    private static JsonElement[] Hosts(JsonElement response)
    {
        AssertSuccess(response);
        return response.GetProperty("body").GetProperty("hosts").EnumerateArray().ToArray();
    }

    private static string[] Lines(JsonElement host, string stream) =>
        host.GetProperty(stream).EnumerateArray().Select(l => l.GetString()!).ToArray();

    private static void WriteRandom(string path, long size)
    {
        var random = new Random(42);
        var buffer = new byte[1024 * 1024];
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer);
        }
    }

    /// <summary>A process's peak resident memory (VmHWM), in bytes.</summary>
    private static long PeakMemory(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
