using System;

namespace Connectors.Execution.Ssh;

/// <summary>
/// How to reach one host over SSH: where, as whom, with which credentials, and how to know it is the right host. The
/// host's key must be known (<see cref="KnownHostsFile"/>) or pinned (<see cref="HostKeyFingerprint"/>); an unknown key
/// is refused unless <see cref="AcceptNewHostKeys"/> lets it be added to the known-hosts file.
/// </summary>
public sealed record SshSettings
{
    /// <summary>The address or DNS name to connect to.</summary>
    public required string Hostname { get; init; }

    /// <summary>The TCP port.</summary>
    public int Port { get; init; } = 22;

    /// <summary>The user to log in as.</summary>
    public required string User { get; init; }

    /// <summary>The password, for password and keyboard-interactive authentication. Secret.</summary>
    public string? Password { get; init; }

    /// <summary>A private key's text (OpenSSH, PEM or PuTTY format). Secret.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>A private key file.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>The passphrase of the private key, when it is encrypted. Secret.</summary>
    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>An OpenSSH known_hosts file that lists the host's key (plain or hashed names, <c>[host]:port</c> for other ports).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>The host key's SHA-256 fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>); when set, only that key is accepted.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>Trust a host that is not in <see cref="KnownHostsFile"/> yet, and add it there (OpenSSH's <c>accept-new</c>). A changed key is still refused.</summary>
    public bool AcceptNewHostKeys { get; init; }

    /// <summary>How long connecting (TCP, key exchange, authentication) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often to send a keep-alive on an idle connection; <see cref="TimeSpan.Zero"/> for never.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where and as whom, without credentials (for logs).</summary>
    public override string ToString() => $"{User}@{Hostname}:{Port}";
}
