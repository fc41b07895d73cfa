using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// Three real SSH hosts for the Shell sample (sshd instances from <see cref="SshServers"/>), a known_hosts file listing
/// them, and the sample's config and inventory for them: connectors-sudo logs in with the run's key, and the secrets
/// (key, password, sudo password) are config properties the runtime masks.
/// </summary>
public sealed class ShellHosts : IAsyncLifetime
{
    private SshServers? _servers;

    public SshServers Servers => _servers ?? throw new InvalidOperationException("Not started.");

    public SshServer Alpha { get; private set; } = null!;

    public SshServer Beta { get; private set; } = null!;

    public SshServer Gamma { get; private set; } = null!;

    /// <summary>A known_hosts file with the three hosts' keys.</summary>
    public string KnownHosts { get; private set; } = "";

    /// <summary>Every secret the configs hold, to look for in the connector's output.</summary>
    public IReadOnlyList<string> Secrets => [Servers.Password, .. KeyLines];

    /// <summary>The private key's base64 lines (its header and footer are no secret).</summary>
    private IEnumerable<string> KeyLines => Servers.ClientKey.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        _servers = new SshServers();
        Alpha = await _servers.StartAsync("alpha");
        Beta = await _servers.StartAsync("beta");
        Gamma = await _servers.StartAsync("gamma");
        KnownHosts = _servers.KnownHosts(Alpha, Beta, Gamma);
    }

    public Task DisposeAsync()
    {
        _servers?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An inventory entry for a host: its address and port, its groups, and more data.</summary>
    public static object Host(string name, SshServer server, string[]? groups = null, object? data = null)
    {
        var merged = new Dictionary<string, object?> { ["ssh_hostname"] = server.Hostname, ["ssh_port"] = server.Port };
        if (data is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(data).EnumerateObject())
            {
                merged[property.Name] = property.Value;
            }
        }
        return new { name, data = merged, groups = groups ?? [] };
    }

    /// <summary>A host that refuses connections (nothing listens on port 1).</summary>
    public static object Unreachable(string name) => new { name, data = new { ssh_hostname = "127.0.0.1", ssh_port = 1 } };

    /// <summary>Writes an inventory and a config for it into <paramref name="folder"/>; returns the config's path.</summary>
    internal string Config(TempFolder folder, IEnumerable<object> hosts, object? overrides = null)
    {
        var inventory = folder.Write("inventory.json", JsonSerializer.Serialize(new { hosts }));
        var config = new Dictionary<string, object?>
        {
            ["inventory_file"] = inventory,
            ["ssh_user"] = SshServers.SudoUser,
            ["ssh_private_key"] = Servers.ClientKey,
            ["ssh_password"] = Servers.Password,
            ["ssh_known_hosts_file"] = KnownHosts,
            ["sudo_password"] = Servers.Password,
            ["connect_timeout_seconds"] = 10,
        };
        if (overrides is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(overrides).EnumerateObject())
            {
                config[property.Name] = property.Value;
            }
        }
        return folder.Write("config.json", JsonSerializer.Serialize(config));
    }

    /// <summary>Asserts that no secret of the configs appears in <paramref name="output"/>.</summary>
    public void AssertNoSecretIn(string output)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"A secret leaked into the output:\n{output}");
        }
    }
}
