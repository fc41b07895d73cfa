using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Execution.Inventory;
using Connectors.Execution.Ssh;
using Connectors.Execution.Tests.Infrastructure;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>
/// Work over several real hosts: in parallel up to a limit, each host's result on its own, a host that cannot be
/// reached or goes down never stopping the others, and a host that failed to connect refused until connected again.
/// </summary>
[Collection(SshHostsCollection.Name)]
public sealed class HostPoolTests(SshHostsFixture hosts)
{
    [Fact]
    public async Task Runs_on_every_host_at_most_the_limit_at_once()
    {
        var third = await hosts.Servers.StartAsync("gamma");
        var inventory = Inventory(hosts.First, hosts.Second, third);
        await using var pool = Pool(inventory);
        var running = 0;
        var most = 0;

        var results = await pool.RunAsync(inventory.Hosts, 2, async (host, connection, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            var outcome = await connection.RunAsync(new ShellCommand("sleep 0.5; echo $((6 * 7))"), cancellationToken: token);
            Interlocked.Decrement(ref running);
            return outcome.Stdout.Single();
        });

        Assert.Equal(["alpha=42", "beta=42", "gamma=42"], results.Select(r => $"{r.Host}={r.Value}"));
        Assert.Equal(2, most);
        third.Stop();
    }

    [Fact]
    public async Task A_host_that_cannot_connect_is_reported_and_the_others_run()
    {
        var inventory = Inventory(hosts.First, hosts.Second);
        await using var pool = new HostPool(host => host.Name == "beta"
            ? new SshHostConnection(host.Name, hosts.KeySettings(hosts.Second) with { HostKeyFingerprint = hosts.First.Fingerprint })
            : new SshHostConnection(host.Name, hosts.KeySettings(hosts.First)));

        var connected = await pool.ConnectAsync(inventory.Hosts, 4);
        var results = await pool.RunAsync(inventory.Hosts, 4, (_, connection, token) => connection.RunAsync(new ShellCommand("echo ok"), cancellationToken: token));

        Assert.Equal([true, false], connected.Select(c => c.Succeeded));
        Assert.Equal(["ok"], results[0].Value!.Stdout);
        Assert.Null(results[1].Value);
        Assert.StartsWith("Host 'beta' is not connected: The host 'beta' (127.0.0.1:", results[1].Error);
        Assert.Contains("not the pinned", results[1].Error);
        Assert.Equal(HostStatus.Failed, pool.State("beta").Status);
        Assert.Equal(HostStatus.Connected, pool.State("alpha").Status);
    }

    [Fact]
    public async Task A_host_stopped_mid_run_fails_alone_and_is_refused_afterwards_until_it_connects_again()
    {
        var doomed = await hosts.Servers.StartAsync("doomed");
        var inventory = Inventory(hosts.First, doomed, hosts.Second);
        await using var pool = Pool(inventory);
        var release = $"/tmp/connectors-release-{Guid.NewGuid():N}";
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = pool.RunAsync(inventory.Hosts, 3, (host, connection, token) => connection.RunAsync(
            new ShellCommand($"echo started; while [ ! -e {release} ]; do sleep 0.05; done; echo done") { Timeout = TimeSpan.FromSeconds(60) },
            _ =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    allStarted.TrySetResult();
                }
            }, token));
        await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        doomed.Stop();
        File.WriteAllText(release, "");
        var results = await run;
        var after = await pool.RunAsync(inventory.Hosts, 3, (_, connection, token) => connection.RunAsync(new ShellCommand("echo again"), cancellationToken: token));
        File.Delete(release);

        Assert.Equal(["started", "done"], results[0].Value!.Stdout);
        Assert.Equal(["started", "done"], results[2].Value!.Stdout);
        Assert.StartsWith("The connection to host 'doomed' was lost", results[1].Error);
        Assert.True(after[0].Succeeded && after[2].Succeeded);
        Assert.StartsWith("Host 'doomed' is not connected: The connection to host 'doomed' was lost", after[1].Error);
        var reconnect = await pool.ConnectAsync([inventory.Hosts[1]], 1);
        Assert.StartsWith("Cannot connect to host 'doomed' at 127.0.0.1:", reconnect[0].Error);
    }

    [Fact]
    public async Task A_host_connects_when_first_needed_and_disconnects_on_request()
    {
        var inventory = Inventory(hosts.First);
        await using var pool = Pool(inventory);

        Assert.Equal(HostStatus.NotConnected, pool.State("alpha").Status);
        var results = await pool.RunAsync(inventory.Hosts, 1, (_, connection, token) => connection.RunAsync(new ShellCommand("true"), cancellationToken: token));
        Assert.True(results[0].Value!.Success);
        Assert.Equal(HostStatus.Connected, pool.State("alpha").Status);
        await pool.DisconnectAsync(inventory.Hosts);
        Assert.Equal(HostStatus.NotConnected, pool.State("alpha").Status);
    }

    /// <summary>A pool whose hosts are the inventory's, each reached at its data's port and trusted by its fingerprint.</summary>
    private HostPool Pool(HostInventory inventory) => new(host => new SshHostConnection(host.Name, hosts.KeySettings(hosts.First) with
    {
        Port = host.GetInt32("ssh_port")!.Value,
        HostKeyFingerprint = host.GetString("fingerprint"),
    }));

    private static HostInventory Inventory(params SshServer[] servers)
    {
        var json = JsonSerializer.Serialize(servers.Select(s => new { name = s.Name, data = new { ssh_port = s.Port, fingerprint = s.Fingerprint } }));
        using var document = JsonDocument.Parse(json);
        return HostInventory.Parse(document.RootElement, "test");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
