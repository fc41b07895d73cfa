using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Execution;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Shell;

public sealed partial class ShellConnector
{
    /// <summary>Runs a shell command on the selected hosts, in parallel, and reports each host's exit code and output lines.</summary>
    /// <param name="command">The command line, run by the shell with -c (pipes, &amp;&amp; and redirects work).</param>
    /// <param name="host">Run on this host only.</param>
    /// <param name="group">Run on the hosts of this group. Neither host nor group: every host.</param>
    /// <param name="sudo">Run through sudo (as root, or as sudo_user), with the config's sudo_password if sudo asks for one.</param>
    /// <param name="sudoUser">The user sudo runs the command as.</param>
    /// <param name="suUser">Run as this user through su (inside sudo when sudo is set).</param>
    /// <param name="env">Environment variables for the command: an object of strings.</param>
    /// <param name="workingDirectory">The folder the command runs in; default: the login folder.</param>
    /// <param name="shell">The shell that runs the command; default: the config's shell.</param>
    /// <param name="pty">Run on a pseudo-terminal (standard error is then merged into standard output).</param>
    /// <param name="stdin">Text written to the command's standard input, which is then closed; without it, standard input is closed at once.</param>
    /// <param name="timeoutSeconds">Seconds before the command is killed on the host, with everything it started; default: default_timeout_seconds.</param>
    /// <param name="successExitCodes">The exit codes that mean success; default: 0.</param>
    /// <param name="retries">How many times to run it again after an unsuccessful attempt.</param>
    /// <param name="retryDelaySeconds">Seconds between attempts.</param>
    /// <param name="parallel">How many hosts to run on at once; default: the config's parallel.</param>
    /// <param name="printOutput">Log each output line as it arrives.</param>
    [Command("Shell.Connector.RunShellCommand")]
    public async Task<RunResult> RunShellCommand(string command, string? host = null, string? group = null, bool sudo = false,
        string? sudoUser = null, string? suUser = null, JsonElement env = default, string? workingDirectory = null, string? shell = null,
        bool pty = false, string? stdin = null, double? timeoutSeconds = null, int[]? successExitCodes = null, int retries = 0,
        double retryDelaySeconds = 5, int? parallel = null, bool printOutput = true, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var timeout = timeoutSeconds ?? DefaultTimeoutSeconds;
        if (!(timeout > 0))
        {
            throw new ConfigException($"timeout_seconds must be more than 0, got {timeout}.");
        }
        if (retries < 0 || !(retryDelaySeconds >= 0))
        {
            throw new ConfigException("retries and retry_delay_seconds cannot be negative.");
        }
        var shellCommand = new ShellCommand(command)
        {
            Sudo = sudo,
            SudoUser = sudoUser,
            SudoPassword = sudo ? SudoPassword : null,
            SuUser = suUser,
            Environment = Environment(env),
            WorkingDirectory = workingDirectory,
            Shell = shell ?? Shell,
            Pty = pty,
            Stdin = stdin,
            Timeout = TimeSpan.FromSeconds(timeout),
            SuccessExitCodes = successExitCodes ?? [0],
            Retries = retries,
            RetryDelay = TimeSpan.FromSeconds(retryDelaySeconds),
            MaxOutputLines = MaxOutputLines,
        };
        var hosts = Current();
        var selected = hosts.Inventory.Select(host, group);
        var results = await hosts.Pool.RunAsync(selected, Limit(parallel), async (target, connection, token) =>
        {
            // The command line goes through the logger, so the runtime masks every secret in it.
            logger?.LogInformation("[{Host}] Running: {CommandLine}", target.Name, shellCommand.ToString());
            var outcome = await connection.RunAsync(shellCommand, printOutput && logger is not null
                ? line => logger.LogInformation("[{Host}] {Stream}: {Line}", target.Name, line.Stream == OutputStreamKind.Stdout ? "stdout" : "stderr", line.Text)
                : null, token);
            logger?.LogInformation("[{Host}] Exit code {ExitCode}, success {Success}, timed out {TimedOut}, attempts {Attempts}.",
                target.Name, outcome.ExitCode, outcome.Success, outcome.TimedOut, outcome.Attempts);
            return outcome;
        }, cancellationToken);
        var runs = results.Select(r => r.Value is { } o
            ? new HostRun(r.Host, o.Success, o.ExitCode, o.TimedOut, o.Attempts, o.Stdout, o.Stderr, o.Truncated, null)
            : new HostRun(r.Host, false, null, false, 0, [], [], false, r.Error)).ToList();
        foreach (var failure in runs.Where(r => r.Error is not null))
        {
            logger?.LogError("[{Host}] {Problem}", failure.Host, failure.Error);
        }
        return new RunResult(runs.All(r => r.Success), runs);
    }

    /// <summary>Connects (again) to the selected hosts: the way back for a host that failed to connect or lost its connection.</summary>
    /// <param name="host">Connect this host only.</param>
    /// <param name="group">Connect the hosts of this group. Neither: every host.</param>
    [Command("Shell.Connector.Connect")]
    public async Task<ConnectionsResult> Connect(string? host = null, string? group = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var hosts = Current();
        var selected = hosts.Inventory.Select(host, group);
        var results = await hosts.Pool.ConnectAsync(selected, Parallel, cancellationToken);
        foreach (var failure in results.Where(r => !r.Succeeded))
        {
            logger?.LogError("Cannot connect to host {Host}: {Problem}", failure.Host, failure.Error);
        }
        return Statuses(hosts, selected);
    }

    /// <summary>Disconnects from the selected hosts (they connect again when a command needs them).</summary>
    /// <param name="host">Disconnect this host only.</param>
    /// <param name="group">Disconnect the hosts of this group. Neither: every host.</param>
    [Command("Shell.Connector.Disconnect")]
    public async Task<ConnectionsResult> Disconnect(string? host = null, string? group = null)
    {
        var hosts = Current();
        var selected = hosts.Inventory.Select(host, group);
        await hosts.Pool.DisconnectAsync(selected);
        return Statuses(hosts, selected);
    }

    /// <summary>Lists the selected hosts with their groups and whether they are connected (and if not, why).</summary>
    /// <param name="host">This host only.</param>
    /// <param name="group">The hosts of this group. Neither: every host.</param>
    [Command("Shell.Connector.ListHosts")]
    public ConnectionsResult ListHosts(string? host = null, string? group = null)
    {
        var hosts = Current();
        return Statuses(hosts, hosts.Inventory.Select(host, group));
    }

    /// <summary>Gathers the selected hosts' facts (OS, kernel, architecture, users), emits them as records of the facts stream and returns them.</summary>
    /// <param name="host">This host only.</param>
    /// <param name="group">The hosts of this group. Neither: every host.</param>
    [Command("Shell.Connector.GatherFacts")]
    public async Task<FactsResult> GatherFacts(string? host = null, string? group = null, ConnectorContext? context = null, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var hosts = Current();
        var records = await GatherFactsAsync(hosts.Pool, hosts.Inventory.Select(host, group), Parallel, logger, cancellationToken);
        foreach (var record in records)
        {
            context?.Emit("facts", record);
        }
        return new FactsResult(records.All(r => r.Error is null), records);
    }

    private static ConnectionsResult Statuses(Hosts hosts, IReadOnlyList<Connectors.Execution.Inventory.InventoryHost> selected)
    {
        var statuses = selected.Select(h =>
        {
            var state = hosts.Pool.State(h.Name);
            var status = state.Status switch
            {
                HostStatus.Connected => "connected",
                HostStatus.Failed => "failed",
                _ => "not_connected",
            };
            return new HostConnectionStatus(h.Name, h.Groups, status, state.Failure);
        }).ToList();
        return new ConnectionsResult(statuses.All(s => s.Status == "connected"), statuses);
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static Dictionary<string, string>? Environment(JsonElement env)
    {
        if (env.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        if (env.ValueKind != JsonValueKind.Object || env.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw new ConfigException("env must be an object of strings, like {\"LANG\": \"C\"}.");
        }
        if (env.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !IsVariableName(n)) is { } bad)
        {
            throw new ConfigException($"env: '{bad}' is not a valid environment variable name.");
        }
        return env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
