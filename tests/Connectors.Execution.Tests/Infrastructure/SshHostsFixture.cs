using System;
using System.Threading.Tasks;
using Connectors.Execution.Ssh;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests.Infrastructure;

/// <summary>The run's SSH servers, with two hosts started up front and helpers to connect to them.</summary>
public sealed class SshHostsFixture : IAsyncLifetime
{
    private SshServers? _servers;

    public SshServers Servers => _servers ?? throw new InvalidOperationException("Not started.");

    /// <summary>A host every test may use (never stopped).</summary>
    public SshServer First { get; private set; } = null!;

    /// <summary>Another host every test may use (never stopped).</summary>
    public SshServer Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _servers = new SshServers();
        First = await _servers.StartAsync("alpha");
        Second = await _servers.StartAsync("beta");
    }

    public Task DisposeAsync()
    {
        _servers?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Settings that log in to <paramref name="server"/> as <paramref name="user"/> with the run's key and trust its pinned key.</summary>
    public SshSettings KeySettings(SshServer server, string user = SshServers.SudoUser) => new()
    {
        Hostname = server.Hostname,
        Port = server.Port,
        User = user,
        PrivateKey = Servers.ClientKey,
        HostKeyFingerprint = server.Fingerprint,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A connected SSH connection to <paramref name="server"/>.</summary>
    public async Task<SshHostConnection> ConnectAsync(SshServer server, string user = SshServers.SudoUser)
    {
        var connection = new SshHostConnection(server.Name, KeySettings(server, user));
        await connection.ConnectAsync();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class SshHostsCollection : ICollectionFixture<SshHostsFixture>
{
    public const string Name = "SSH hosts";
}
