using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Connectors.Execution.Ssh;
using Connectors.Execution.Tests.Infrastructure;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>Logging in (key, password), the host key (known-hosts file, pinned fingerprint, unknown, changed), timeouts and lost connections.</summary>
[Collection(SshHostsCollection.Name)]
public sealed class SshConnectTests(SshHostsFixture hosts)
{
    [Fact]
    public async Task Connects_with_a_key_file()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { PrivateKey = null, PrivateKeyFile = hosts.Servers.ClientKeyFile });

        await host.ConnectAsync();

        Assert.True(host.IsConnected);
        Assert.Equal([SshServers.SudoUser], (await host.RunAsync(new ShellCommand("id -un"))).Stdout);
    }

    [Fact]
    public async Task Connects_with_a_password()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First, SshServers.PlainUser) with { PrivateKey = null, Password = hosts.Servers.Password });

        await host.ConnectAsync();

        Assert.Equal([SshServers.PlainUser], (await host.RunAsync(new ShellCommand("id -un"))).Stdout);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_naming_the_host_and_user()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First, SshServers.PlainUser) with { PrivateKey = null, Password = "wrong" });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.StartsWith($"Cannot log in to host 'alpha' at 127.0.0.1:{hosts.First.Port} as '{SshServers.PlainUser}': the host refused the credentials", error.Message);
        Assert.False(host.IsConnected);
    }

    [Fact]
    public async Task A_host_key_in_the_known_hosts_file_is_accepted()
    {
        var settings = hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null, KnownHostsFile = hosts.Servers.KnownHosts(hosts.Second, hosts.First) };
        await using var host = new SshHostConnection("alpha", settings);

        await host.ConnectAsync();

        Assert.True(host.IsConnected);
    }

    [Fact]
    public async Task A_hashed_known_hosts_entry_is_accepted()
    {
        var file = hosts.Servers.KnownHosts(hosts.First);
        SshServers.Run("ssh-keygen", "-H", "-f", file);
        Assert.StartsWith("|1|", File.ReadAllText(file));
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null, KnownHostsFile = file });

        await host.ConnectAsync();

        Assert.True(host.IsConnected);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused()
    {
        // The known-hosts file lists the second host's key under the first host's name: an impostor, as far as it can tell.
        var file = Path.Combine(hosts.Servers.Folder, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllText(file, $"[127.0.0.1]:{hosts.First.Port} {hosts.Second.KeyType} {hosts.Second.Key}\n");
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null, KnownHostsFile = file });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.Equal($"The host 'alpha' (127.0.0.1:{hosts.First.Port}) presented a ssh-ed25519 key with fingerprint {hosts.First.Fingerprint}, "
            + $"which differs from the key '{file}' lists for [127.0.0.1]:{hosts.First.Port}. "
            + "Refusing to connect: the host may be an impostor (or its key was changed; then update the file).", error.Message);
        Assert.False(host.IsConnected);
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_by_default()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.Contains($"presented a ssh-ed25519 key with fingerprint {hosts.First.Fingerprint}, and no known-hosts file or pinned fingerprint", error.Message);
    }

    [Fact]
    public async Task A_host_missing_from_the_known_hosts_file_is_refused()
    {
        var file = hosts.Servers.KnownHosts(hosts.Second);
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null, KnownHostsFile = file });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.EndsWith($"which is not in the known-hosts file '{file}'. Add it (ssh-keyscan) or pin the fingerprint.", error.Message);
    }

    [Fact]
    public async Task Accept_new_adds_an_unknown_host_once_and_then_holds_it_to_that_key()
    {
        var file = Path.Combine(hosts.Servers.Folder, $"known_hosts-{Guid.NewGuid():N}");
        var settings = hosts.KeySettings(hosts.First) with { HostKeyFingerprint = null, KnownHostsFile = file, AcceptNewHostKeys = true };
        await using (var first = new SshHostConnection("alpha", settings))
        {
            await first.ConnectAsync();
        }
        File.WriteAllText(file, File.ReadAllText(file).Replace(hosts.First.Key, hosts.Second.Key, StringComparison.Ordinal));
        await using var second = new SshHostConnection("alpha", settings);

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => second.ConnectAsync());

        Assert.Contains("differs from the key", error.Message);
    }

    [Fact]
    public async Task A_wrong_pinned_fingerprint_is_refused()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First) with { HostKeyFingerprint = hosts.Second.Fingerprint });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.Contains($"not the pinned {hosts.Second.Fingerprint}", error.Message);
    }

    [Fact]
    public async Task A_host_that_does_not_answer_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var settings = hosts.KeySettings(hosts.First) with { Port = port, ConnectTimeout = TimeSpan.FromSeconds(1) };
        await using var host = new SshHostConnection("mute", settings);

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.Equal($"Cannot connect to host 'mute' at 127.0.0.1:{port}: no answer within 1 s.", error.Message);
    }

    [Fact]
    public async Task A_closed_port_is_refused_at_once()
    {
        await using var host = new SshHostConnection("closed", hosts.KeySettings(hosts.First) with { Port = 1 });

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.ConnectAsync());

        Assert.StartsWith("Cannot connect to host 'closed' at 127.0.0.1:1: Connection refused", error.Message);
    }

    [Fact]
    public async Task A_host_that_goes_down_mid_command_loses_its_connection()
    {
        var server = await hosts.Servers.StartAsync("doomed");
        await using var host = await hosts.ConnectAsync(server);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = host.RunAsync(new ShellCommand("echo started; sleep 30") { Timeout = TimeSpan.FromSeconds(60) }, _ => started.TrySetResult());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        server.Stop();

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => run);
        Assert.StartsWith("The connection to host 'doomed' was lost", error.Message);
        Assert.False(host.IsConnected);
        await Assert.ThrowsAsync<HostConnectionException>(() => host.RunAsync(new ShellCommand("true")));
    }

    [Fact]
    public async Task Commands_are_refused_before_connecting()
    {
        await using var host = new SshHostConnection("alpha", hosts.KeySettings(hosts.First));

        var error = await Assert.ThrowsAsync<HostConnectionException>(() => host.RunAsync(new ShellCommand("true")));

        Assert.Equal("Host 'alpha' is not connected.", error.Message);
    }
}
