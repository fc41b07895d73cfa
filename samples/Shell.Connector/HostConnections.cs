using System;
using System.Collections.Generic;
using System.Linq;
using Connectors;
using Connectors.Execution;
using Connectors.Execution.Inventory;
using Connectors.Execution.Ssh;

namespace Shell;

/// <summary>
/// Turns a host of the inventory into a connection: the local machine for <c>@local</c> (or <c>"connector": "local"</c>),
/// SSH otherwise, with the host's <c>ssh_*</c> data over the connector's defaults. Credentials come only from the
/// connector's config, whose secret properties the runtime masks; an inventory that holds a password is refused.
/// </summary>
internal sealed class HostConnections
{
    /// <summary>The connection settings a host's data may hold; any other <c>ssh_*</c> key is a mistake worth naming.</summary>
    private static readonly string[] SshKeys =
    [
        "ssh_hostname", "ssh_port", "ssh_user", "ssh_key_file", "ssh_known_hosts_file", "ssh_host_key_fingerprint",
        "ssh_accept_new_host_keys", "ssh_connect_timeout", "ssh_keep_alive",
    ];

    private static readonly string[] SecretKeys = ["ssh_password", "ssh_private_key", "ssh_key_passphrase", "sudo_password"];

    private readonly ShellConnector _config;

    public HostConnections(ShellConnector config) => _config = config;

    /// <summary>Checks every host's connection data without connecting.</summary>
    public void Validate(HostInventory inventory)
    {
        foreach (var host in inventory.Hosts)
        {
            Settings(host);
        }
    }

    public IHostConnection Create(InventoryHost host) =>
        IsLocal(host) ? new LocalHostConnection(host.Name) : new SshHostConnection(host.Name, Settings(host)!);

    /// <summary>The SSH settings of a host (null for a local one).</summary>
    /// <exception cref="ConfigException">The host's data is not valid.</exception>
    public SshSettings? Settings(InventoryHost host)
    {
        if (host.Keys().FirstOrDefault(k => SecretKeys.Contains(k)) is { } secret)
        {
            throw new ConfigException($"Host '{host.Name}': data.{secret} is a secret; put it in the connector's config ({secret}), where it is masked, not in the inventory.");
        }
        if (host.Keys().FirstOrDefault(k => k.StartsWith("ssh_", StringComparison.Ordinal) && !SshKeys.Contains(k)) is { } unknown)
        {
            throw new ConfigException($"Host '{host.Name}': data.{unknown} is not a connection setting. Known: {string.Join(", ", SshKeys)}.");
        }
        if (IsLocal(host))
        {
            return null;
        }
        var port = host.GetInt32("ssh_port") ?? _config.SshPort;
        if (port is < 1 or > 65535)
        {
            throw new ConfigException($"Host '{host.Name}': data.ssh_port must be between 1 and 65535, got {port}.");
        }
        return new SshSettings
        {
            Hostname = host.GetString("ssh_hostname") ?? host.Name,
            Port = port,
            User = host.GetString("ssh_user") ?? _config.SshUser ?? Environment.UserName,
            Password = Blank(_config.SshPassword),
            PrivateKey = Blank(_config.SshPrivateKey),
            PrivateKeyFile = host.GetString("ssh_key_file") ?? Blank(_config.SshKeyFile),
            PrivateKeyPassphrase = Blank(_config.SshKeyPassphrase),
            KnownHostsFile = host.GetString("ssh_known_hosts_file") ?? Blank(_config.SshKnownHostsFile),
            HostKeyFingerprint = host.GetString("ssh_host_key_fingerprint"),
            AcceptNewHostKeys = host.GetBoolean("ssh_accept_new_host_keys") ?? _config.SshAcceptNewHostKeys,
            ConnectTimeout = Seconds(host, "ssh_connect_timeout", _config.ConnectTimeoutSeconds, positive: true),
            KeepAliveInterval = Seconds(host, "ssh_keep_alive", _config.KeepAliveSeconds, positive: false),
        };
    }

    private static bool IsLocal(InventoryHost host) => (host.GetString("connector") ?? (host.IsLocal ? "local" : "ssh")) switch
    {
        "local" => true,
        "ssh" => false,
        var other => throw new ConfigException($"Host '{host.Name}': data.connector must be \"ssh\" or \"local\", got \"{other}\"."),
    };

    private static TimeSpan Seconds(InventoryHost host, string key, double fallback, bool positive)
    {
        var seconds = host.GetDouble(key) ?? fallback;
        if (positive ? !(seconds > 0) : !(seconds >= 0))
        {
            throw new ConfigException($"Host '{host.Name}': data.{key} must be {(positive ? "more than 0" : "0 or more")} seconds, got {seconds}.");
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
