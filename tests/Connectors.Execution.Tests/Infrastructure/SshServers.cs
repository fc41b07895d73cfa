using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.TestHosts;

/// <summary>
/// Real SSH hosts for one test run: OpenSSH's <c>sshd</c> (Debian's openssh-server) started on 127.0.0.1, one instance
/// per host on its own free port with a throwaway host key, all accepting one client key made for this run and the
/// password of two local users: <see cref="SudoUser"/> (may run anything as root with its password, and as
/// <see cref="PlainUser"/> without one) and <see cref="PlainUser"/> (no sudo rights). The machine is prepared once by
/// <c>.ci/setup-ssh-test-hosts</c> (as root; <c>.ci/run</c> calls it); the tests run as root, because only root's sshd
/// can log users in. Without that preparation they fail with a message saying so.
/// </summary>
public sealed partial class SshServers : IDisposable
{
    public const string SudoUser = "connectors-sudo";
    public const string PlainUser = "connectors-plain";
    private const string PasswordFile = "/etc/connectors-tests/password";
    private const string Setup = "Run `sudo .ci/setup-ssh-test-hosts` once (it installs openssh-server and sudo, and creates the users "
        + SudoUser + " and " + PlainUser + "; .ci/run does it), and run the tests as root: only root's sshd can log other users in.";

    private readonly List<SshServer> _servers = new();

    public SshServers()
    {
        Require(geteuid() == 0, "The SSH tests must run as root.");
        Require(File.Exists("/usr/sbin/sshd"), "OpenSSH's server is not installed (/usr/sbin/sshd).");
        Require(File.Exists("/usr/bin/sudo"), "sudo is not installed.");
        Require(File.Exists(PasswordFile) && UserExists(SudoUser) && UserExists(PlainUser), $"The test users are missing ({PasswordFile}).");
        Password = File.ReadAllText(PasswordFile).Trim();
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory("/run/sshd");
        ClientKeyFile = Path.Combine(Folder, "client_ed25519");
        KeyGen(ClientKeyFile, "connectors-tests-client");
        AuthorizedKeysFile = Path.Combine(Folder, "authorized_keys");
        File.Copy(ClientKeyFile + ".pub", AuthorizedKeysFile);
        ClientKey = File.ReadAllText(ClientKeyFile);
    }

    /// <summary>This run's folder: keys, configs, known_hosts files.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"connectors-ssh-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The password of both test users.</summary>
    public string Password { get; }

    /// <summary>The client's private key file (OpenSSH format, no passphrase), authorized for both users on every host.</summary>
    public string ClientKeyFile { get; }

    /// <summary>The client's private key text.</summary>
    public string ClientKey { get; }

    /// <summary>The file every sshd reads authorized keys from.</summary>
    public string AuthorizedKeysFile { get; }

    /// <summary>Starts another host.</summary>
    public async Task<SshServer> StartAsync(string name)
    {
        var server = await SshServer.StartAsync(this, name).ConfigureAwait(false);
        lock (_servers)
        {
            _servers.Add(server);
        }
        return server;
    }

    /// <summary>A known_hosts file listing the given hosts' keys.</summary>
    public string KnownHosts(params SshServer[] servers)
    {
        var file = Path.Combine(Folder, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllLines(file, servers.Select(s => s.KnownHostsLine));
        return file;
    }

    public void Dispose()
    {
        lock (_servers)
        {
            foreach (var server in _servers)
            {
                server.Stop();
            }
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static void KeyGen(string file, string comment) =>
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file);

    internal static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed ({process.ExitCode}): {stderr.Result}");
        }
        return stdout.Result;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The SSH test hosts are not set up: {problem} {Setup}");
        }
    }

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal));

    [LibraryImport("libc")]
    private static partial uint geteuid();
}

/// <summary>One sshd on 127.0.0.1: a host of the test inventory.</summary>
public sealed class SshServer
{
    private readonly Process _process;
    private readonly List<string> _log = new();

    private SshServer(string name, int port, string hostKeyFile, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        var publicKey = File.ReadAllText(hostKeyFile + ".pub").Split(' ');
        KeyType = publicKey[0];
        Key = publicKey[1];
        Fingerprint = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(Key))).TrimEnd('=');
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_log)
                {
                    _log.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Hostname => "127.0.0.1";

    public int Port { get; }

    public string KeyType { get; }

    /// <summary>The host key (base64), as known_hosts lists it.</summary>
    public string Key { get; }

    /// <summary>The host key's SHA-256 fingerprint, as <c>ssh-keygen -lf</c> prints it.</summary>
    public string Fingerprint { get; }

    public string KnownHostsLine => $"[{Hostname}]:{Port} {KeyType} {Key}";

    public bool IsRunning => !_process.HasExited;

    /// <summary>What sshd logged (errors only).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join("\n", _log);
            }
        }
    }

    internal static async Task<SshServer> StartAsync(SshServers servers, string name)
    {
        var folder = Path.Combine(servers.Folder, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var hostKey = Path.Combine(folder, "host_ed25519");
        SshServers.KeyGen(hostKey, name);
        var port = FreePort();
        var config = Path.Combine(folder, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile none
            AuthorizedKeysFile {servers.AuthorizedKeysFile}
            StrictModes no
            UsePAM no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PermitRootLogin no
            AllowUsers {SshServers.SudoUser} {SshServers.PlainUser}
            UseDNS no
            PrintMotd no
            PrintLastLog no
            MaxSessions 100
            MaxStartups 100
            Subsystem sftp internal-sftp
            LogLevel ERROR

            """);
        var info = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
        {
            info.ArgumentList.Add(arg);
        }
        var server = new SshServer(name, port, hostKey, Process.Start(info)!);
        await server.WaitUntilListeningAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Stops the host at once: sshd and every session it started, as a machine that goes down.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd for {Name} exited ({_process.ExitCode}): {Log}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
