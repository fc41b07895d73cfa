using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Execution;
using Connectors.Execution.Inventory;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Shell;

/// <summary>
/// An inventory-and-execution connector in the style of pyinfra's connectors. The inventory (hosts, groups, per-host
/// data) reads as the <c>hosts</c> and <c>groups</c> streams and the hosts' facts as the <c>facts</c> stream; under the
/// command host the connector connects to every host while RUNNING and runs shell commands and moves files on the hosts
/// a command selects (one host, a group, or all), in parallel, each host's result reported on its own.
/// </summary>
[Connector("shell", Version = "0.2.0", Title = "Shell Inventory and Execution")]
public sealed partial class ShellConnector
{
    /// <summary>A JSON inventory file: an array of {"name", "data", "groups"}, or {"data", "groups", "hosts"}. Without one, the inventory is the local machine, @local.</summary>
    [ConfigProperty(Order = 0)]
    public string? InventoryFile { get; set; }

    /// <summary>The user to log in as, unless a host's data.ssh_user says otherwise; default: the connector's own user.</summary>
    [ConfigProperty(Order = 1, Group = "ssh")]
    public string? SshUser { get; set; }

    /// <summary>The SSH port, unless a host's data.ssh_port says otherwise.</summary>
    [ConfigProperty(Order = 2, Minimum = 1, Maximum = 65535, Group = "ssh")]
    public int SshPort { get; set; } = 22;

    /// <summary>The password to log in with (password and keyboard-interactive authentication).</summary>
    [ConfigProperty(Secret = true, Order = 3, Group = "ssh")]
    public string? SshPassword { get; set; }

    /// <summary>A private key's text (OpenSSH or PEM) to log in with.</summary>
    [ConfigProperty(Secret = true, Order = 4, Group = "ssh")]
    public string? SshPrivateKey { get; set; }

    /// <summary>A private key file to log in with, unless a host's data.ssh_key_file says otherwise.</summary>
    [ConfigProperty(Order = 5, Group = "ssh")]
    public string? SshKeyFile { get; set; }

    /// <summary>The passphrase of the private key.</summary>
    [ConfigProperty(Secret = true, Order = 6, Group = "ssh")]
    public string? SshKeyPassphrase { get; set; }

    /// <summary>An OpenSSH known_hosts file with the hosts' keys. A host whose key is neither there nor pinned (data.ssh_host_key_fingerprint) is refused.</summary>
    [ConfigProperty(Order = 7, Group = "ssh")]
    public string? SshKnownHostsFile { get; set; }

    /// <summary>Trust a host whose key is not in the known-hosts file yet, and add it there (OpenSSH's accept-new). A changed key is always refused.</summary>
    [ConfigProperty(Order = 8, Group = "ssh")]
    public bool SshAcceptNewHostKeys { get; set; } = false;

    /// <summary>Seconds connecting to a host (TCP, key exchange, login) may take.</summary>
    [ConfigProperty(Minimum = 0.1, Order = 9, Group = "ssh")]
    public double ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds between keep-alives on an idle connection; 0 for none.</summary>
    [ConfigProperty(Minimum = 0, Order = 10, Group = "ssh")]
    public double KeepAliveSeconds { get; set; } = 30;

    /// <summary>The password sudo asks for. It is written to sudo's standard input when sudo prompts, never put on a command line.</summary>
    [ConfigProperty(Secret = true, Order = 11)]
    public string? SudoPassword { get; set; }

    /// <summary>How many hosts a command runs on at once.</summary>
    [ConfigProperty(Minimum = 1, Order = 12)]
    public int Parallel { get; set; } = 10;

    /// <summary>Seconds a command may run when RunShellCommand gives no timeout; then it is killed on the host with everything it started.</summary>
    [ConfigProperty(Minimum = 0.1, Order = 13)]
    public double DefaultTimeoutSeconds { get; set; } = 60;

    /// <summary>The shell that runs commands (with -c), unless RunShellCommand names another.</summary>
    [ConfigProperty(Order = 14)]
    public string Shell { get; set; } = "sh";

    /// <summary>The most lines of each output stream a command's result keeps per host (every line is still logged).</summary>
    [ConfigProperty(Minimum = 0, Order = 15)]
    public int MaxOutputLines { get; set; } = 10_000;

    /// <summary>The largest file GetFile returns inline (without local_path), in bytes.</summary>
    [ConfigProperty(Minimum = 1, Order = 16)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    private readonly object _gate = new();
    private Hosts? _hosts;

    /// <summary>Every host of the inventory can be connected to (each one that cannot is named).</summary>
    [Check]
    public async Task<CheckResult> Check(CancellationToken cancellationToken)
    {
        var inventory = LoadInventory();
        await using var pool = new HostPool(new HostConnections(this).Create);
        var results = await pool.ConnectAsync(inventory.Hosts, Parallel, cancellationToken);
        var failed = results.Where(r => !r.Succeeded).ToList();
        return failed.Count == 0
            ? CheckResult.Success($"Connected to {results.Count} host(s).")
            : CheckResult.Failed($"Cannot connect to {failed.Count} of {results.Count} host(s): {string.Join(" ", failed.Select(f => f.Error))}");
    }

    /// <summary>The inventory: one record per host, with its merged data and its groups.</summary>
    [Stream("hosts", PrimaryKey = nameof(InventoryHost.Name))]
    public IEnumerable<InventoryHost> HostsStream() => LoadInventory().Hosts;

    /// <summary>The inventory's groups: their hosts and their data.</summary>
    [Stream("groups", PrimaryKey = nameof(InventoryGroup.Name))]
    public IEnumerable<InventoryGroup> GroupsStream() => LoadInventory().Groups;

    /// <summary>One record per host: its facts (OS, kernel, architecture, users), or why they could not be gathered.</summary>
    [Stream("facts", PrimaryKey = nameof(FactsRecord.Host))]
    public async IAsyncEnumerable<FactsRecord> FactsStream(ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inventory = LoadInventory();
        await using var pool = new HostPool(new HostConnections(this).Create);
        foreach (var record in await GatherFactsAsync(pool, inventory.Hosts, Parallel, logger, cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>An inventory that cannot be read, or a host whose connection data is wrong, is refused before the config is applied.</summary>
    [ValidateConfig]
    public CheckResult ValidateConfig()
    {
        new HostConnections(this).Validate(LoadInventory());
        return CheckResult.Success();
    }

    /// <summary>
    /// After every config change: disconnect from every host and read the inventory again; when RUNNING, connect to every
    /// host. A host that cannot be connected is logged and refused commands; the others are connected all the same.
    /// </summary>
    [OnConnectorUpdated]
    public async Task ConnectorUpdated(OperatingStatus status, ILogger logger, CancellationToken cancellationToken)
    {
        await DisconnectAllAsync();
        if (status != OperatingStatus.Running)
        {
            logger.LogInformation("Disconnected: the operating status is IDLE.");
            return;
        }
        var hosts = Current();
        var results = await hosts.Pool.ConnectAsync(hosts.Inventory.Hosts, Parallel, cancellationToken);
        foreach (var failure in results.Where(r => !r.Succeeded))
        {
            logger.LogError("Cannot connect to host {Host}: {Problem}", failure.Host, failure.Error);
        }
        logger.LogInformation("Connected to {Count} of {Total} host(s): {Hosts}.", results.Count(r => r.Succeeded), results.Count,
            string.Join(", ", results.Where(r => r.Succeeded).Select(r => r.Host)));
    }

    /// <summary>Disconnect from every host; like pyinfra's disconnect, this never fails.</summary>
    [OnShutdown]
    public async Task Shutdown(ILogger logger)
    {
        await DisconnectAllAsync();
        logger.LogInformation("Disconnected.");
    }

    /// <summary>Disconnects every host and forgets the inventory (the next use reads it again).</summary>
    private async Task DisconnectAllAsync()
    {
        Hosts? hosts;
        lock (_gate)
        {
            hosts = _hosts;
            _hosts = null;
        }
        if (hosts is not null)
        {
            await hosts.Pool.DisposeAsync();
        }
    }

    /// <summary>The inventory and the connections of the running config, made on first use.</summary>
    private Hosts Current()
    {
        lock (_gate)
        {
            return _hosts ??= new Hosts(LoadInventory(), new HostPool(new HostConnections(this).Create));
        }
    }

    private HostInventory LoadInventory()
    {
        var inventory = string.IsNullOrEmpty(InventoryFile) ? HostInventory.Local : HostInventory.Load(InventoryFile);
        new HostConnections(this).Validate(inventory);
        return inventory;
    }

    private int Limit(int? parallel) => parallel switch
    {
        null => Parallel,
        >= 1 => parallel.Value,
        _ => throw new ConfigException($"parallel must be 1 or more, got {parallel}."),
    };

    private static async Task<IReadOnlyList<FactsRecord>> GatherFactsAsync(HostPool pool, IReadOnlyList<InventoryHost> hosts, int parallel,
        ILogger? logger, CancellationToken cancellationToken)
    {
        var results = await pool.RunAsync(hosts, parallel, (_, connection, token) => HostFacts.GatherAsync(connection, token), cancellationToken);
        foreach (var failure in results.Where(r => !r.Succeeded))
        {
            logger?.LogWarning("No facts from host {Host}: {Problem}", failure.Host, failure.Error);
        }
        return results.Select(r => new FactsRecord(r.Host, r.Value, r.Error)).ToList();
    }

    private sealed record Hosts(HostInventory Inventory, HostPool Pool);
}
