using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Execution.Tests.Infrastructure;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>Facts gathered from a real host agree with what the machine itself says.</summary>
[Collection(SshHostsCollection.Name)]
public sealed class HostFactsTests(SshHostsFixture hosts)
{
    [Fact]
    public async Task Facts_name_the_host_its_system_its_kernel_and_its_users()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var facts = await HostFacts.GatherAsync(host);

        var release = File.ReadAllLines("/etc/os-release").ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..].Trim('"'));
        Assert.Equal(Environment.MachineName, facts.Hostname);
        Assert.Equal((release["PRETTY_NAME"], release["ID"]), (facts.OsName, facts.OsId));
        Assert.Equal("Linux", facts.KernelName);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), facts.KernelRelease);
        Assert.Equal(SshServers.SudoUser, facts.User);
        var user = Assert.Single(facts.Users, u => u.Name == SshServers.SudoUser);
        Assert.Equal("/home/" + SshServers.SudoUser, user.Home);
        Assert.Contains(facts.Users, u => u is { Name: "root", Uid: 0 });
    }

    [Fact]
    public async Task The_local_machine_has_facts_too()
    {
        await using var local = new LocalHostConnection();
        await local.ConnectAsync();

        var facts = await HostFacts.GatherAsync(local);

        Assert.Equal(Environment.MachineName, facts.Hostname);
        Assert.Equal(Environment.UserName, facts.User);
    }
}
