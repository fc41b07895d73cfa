using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Shell;

/// <summary>
/// An inventory-and-execution connector in the style of pyinfra's connectors. The <c>hosts</c> stream is the inventory
/// (name, data, groups); the connector connects to the hosts while RUNNING (a clear error names every host it cannot
/// reach) and disconnects when IDLE or shut down; commands run shell commands and move files on the local machine.
/// </summary>
[Connector("shell", Version = "0.1.0", Title = "Shell Inventory and Execution")]
public sealed partial class ShellConnector
{
    /// <summary>A JSON file listing the hosts: [{"name", "data", "groups"}]. Without one, the inventory is the local machine, @local.</summary>
    [ConfigProperty(Order = 0)]
    public string? InventoryFile { get; set; }

    /// <summary>The shell that runs commands (with -c).</summary>
    [ConfigProperty(Order = 1)]
    public string Shell { get; set; } = "/bin/sh";

    /// <summary>Seconds a command may run when RunShellCommand gives no timeout.</summary>
    [ConfigProperty(Minimum = 0.1, Order = 2)]
    public double DefaultTimeoutSeconds { get; set; } = 60;

    /// <summary>Seconds to wait for a host to accept a connection.</summary>
    [ConfigProperty(Minimum = 0.1, Order = 3)]
    public double ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>The largest file GetFile returns, in bytes.</summary>
    [ConfigProperty(Minimum = 1, Order = 4)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    private readonly Connections _connections = new();

    /// <summary>Every host of the inventory can be reached.</summary>
    [Check]
    public async Task<CheckResult> Check(CancellationToken cancellationToken)
    {
        var hosts = Inventory.Load(InventoryFile);
        var probe = new Connections();
        await probe.ConnectAsync(hosts, TimeSpan.FromSeconds(ConnectTimeoutSeconds), cancellationToken);
        return CheckResult.Success($"Reached {hosts.Count} host(s).");
    }

    /// <summary>The inventory: one record per host.</summary>
    [Stream("hosts", PrimaryKey = nameof(InventoryHost.Name))]
    public IEnumerable<InventoryHost> Hosts() => Inventory.Load(InventoryFile);

    /// <summary>An inventory file that cannot be read is rejected before it replaces the running config.</summary>
    [ValidateConfig]
    public CheckResult ValidateConfig()
    {
        Inventory.Load(InventoryFile);
        return CheckResult.Success();
    }

    /// <summary>RUNNING: connect to every host (again, after a config update); IDLE: disconnect.</summary>
    [OnConnectorUpdated]
    public async Task ConnectorUpdated(OperatingStatus status, ILogger logger, CancellationToken cancellationToken)
    {
        _connections.Disconnect();
        if (status != OperatingStatus.Running)
        {
            logger.LogInformation("Disconnected: the operating status is IDLE.");
            return;
        }
        var hosts = Inventory.Load(InventoryFile);
        await _connections.ConnectAsync(hosts, TimeSpan.FromSeconds(ConnectTimeoutSeconds), cancellationToken);
        logger.LogInformation("Connected to {Count} host(s): {Hosts}.", hosts.Count, string.Join(", ", _connections.Connected));
    }

    /// <summary>Disconnect from every host; like pyinfra's disconnect, this never fails.</summary>
    [OnShutdown]
    public void Disconnect(ILogger logger)
    {
        _connections.Disconnect();
        logger.LogInformation("Disconnected.");
    }

    /// <summary>Runs a shell command on the local machine and reports its exit code and output lines.</summary>
    /// <param name="command">The command line, run by the configured shell with -c (so pipes, &amp;&amp; and redirects work).</param>
    /// <param name="timeoutSeconds">Seconds before the command and its children are killed; default: default_timeout_seconds.</param>
    /// <param name="successExitCodes">The exit codes that mean success; default: 0.</param>
    /// <param name="workingDirectory">The folder the command runs in; default: the connector's.</param>
    [Command("Shell.Connector.RunShellCommand")]
    public async Task<CommandOutput> RunShellCommand(string command, double? timeoutSeconds = null, int[]? successExitCodes = null,
        string? workingDirectory = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var timeout = timeoutSeconds ?? DefaultTimeoutSeconds;
        if (!(timeout > 0))
        {
            throw new ConfigException($"timeout_seconds must be more than 0, got {timeout}.");
        }
        var output = await LocalShell.RunAsync(Shell, command, workingDirectory, TimeSpan.FromSeconds(timeout), successExitCodes ?? [0], cancellationToken);
        logger?.LogInformation("Ran a command: exit code {ExitCode}, success {Success}, timed out {TimedOut}.", output.ExitCode, output.Success, output.TimedOut);
        return output;
    }

    /// <summary>Writes a file on the local machine (through a temporary file, so it appears whole).</summary>
    /// <param name="path">Where to write; the folder must exist.</param>
    /// <param name="content">The content: text, or base64 when base64 is true.</param>
    /// <param name="base64">The content is base64-encoded bytes.</param>
    [Command("Shell.Connector.PutFile")]
    public Task<FileTransfer> PutFile(string path, string content, bool base64 = false, CancellationToken cancellationToken = default) =>
        LocalShell.PutAsync(path, Decode(content, base64), cancellationToken);

    /// <summary>Reads a file on the local machine.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="base64">Return the content base64-encoded (for binary files) rather than as UTF-8 text.</param>
    [Command("Shell.Connector.GetFile")]
    public async Task<FileTransfer> GetFile(string path, bool base64 = false, CancellationToken cancellationToken = default)
    {
        var (file, content) = await LocalShell.GetAsync(path, MaxFileBytes, cancellationToken);
        return file with { Content = base64 ? Convert.ToBase64String(content) : Encoding.UTF8.GetString(content) };
    }

    private static byte[] Decode(string content, bool base64)
    {
        if (!base64)
        {
            return Encoding.UTF8.GetBytes(content);
        }
        try
        {
            return Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw new ConfigException("content is not valid base64.");
        }
    }
}
