using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Execution.Internal;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Connectors.Execution.Ssh;

/// <summary>
/// Executes on a host over SSH (SSH.NET): commands in exec channels of one connection, files over SFTP (a second
/// connection, opened on first use). The host key is checked on every connection (<see cref="SshSettings"/>); keep-alives
/// keep idle connections open and notice dead ones.
/// </summary>
public sealed class SshHostConnection : HostConnection
{
    private readonly SshSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SshClient? _ssh;
    private SftpClient? _sftp;
    private volatile bool _lost;

    /// <summary>Creates the connection; <paramref name="host"/> is its name in the inventory.</summary>
    public SshHostConnection(string host, SshSettings settings) : base(host)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.Hostname);
        ArgumentException.ThrowIfNullOrEmpty(settings.User);
        if (settings.ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The connect timeout must be more than 0.", nameof(settings));
        }
        _settings = settings;
    }

    /// <summary>Where and as whom this connection logs in.</summary>
    public SshSettings Settings => _settings;

    /// <inheritdoc />
    public override bool IsConnected => !_lost && _ssh is { IsConnected: true };

    /// <inheritdoc />
    public override async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Close();
            _lost = false;
            var client = await OpenAsync<SshClient>(info => new SshClient(info), cancellationToken).ConfigureAwait(false);
            _ssh = client;
            try
            {
                await Tools.VerifyAsync(this, line => Task.FromResult<IHostProcess>(SshProcess.Start(client, line)), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Close();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private protected override Task<IHostProcess> StartAsync(string commandLine, CancellationToken cancellationToken)
    {
        var client = _ssh ?? throw NotConnected();
        return Task.FromResult<IHostProcess>(SshProcess.Start(client, commandLine));
    }

    private protected override async Task UploadAsync(Stream content, string path, int? mode, CancellationToken cancellationToken)
    {
        var sftp = await SftpAsync(cancellationToken).ConfigureAwait(false);
        if (mode is { } bits)
        {
            // An empty file with the mode first, then the content into it (truncating keeps the mode).
            await (await sftp.OpenAsync(path, FileMode.CreateNew, FileAccess.Write, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            // SSH.NET takes the mode's three octal digits written as a decimal number (644 for rw-r--r--).
            var digits = short.Parse(Convert.ToString(bits, 8), System.Globalization.CultureInfo.InvariantCulture);
            await Task.Run(() => sftp.ChangePermissions(path, digits), cancellationToken).ConfigureAwait(false);
        }
        await sftp.UploadFileAsync(content, path, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        var sftp = await SftpAsync(cancellationToken).ConfigureAwait(false);
        await sftp.DownloadFileAsync(path, destination, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task RenameOverAsync(string from, string to, CancellationToken cancellationToken)
    {
        var sftp = await SftpAsync(cancellationToken).ConfigureAwait(false);
        // posix-rename@openssh.com: rename(2), which replaces the target atomically (plain SFTP rename refuses to).
        await Task.Run(() => sftp.RenameFile(from, to, isPosix: true), cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task TryDeleteAsync(string path)
    {
        try
        {
            if (_sftp is { IsConnected: true } sftp)
            {
                await sftp.DeleteFileAsync(path, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private protected override HostConnectionException? AsConnectionLoss(Exception exception)
    {
        if (exception is HostConnectionException known)
        {
            return known;
        }
        if (exception is SshConnectionException || _lost || _ssh is not { IsConnected: true })
        {
            _lost = true;
            return new HostConnectionException(Host, $"The connection to host '{Host}' was lost: {exception.Message}", exception);
        }
        return null;
    }

    private async Task<SftpClient> SftpAsync(CancellationToken cancellationToken)
    {
        if (_sftp is { IsConnected: true } open)
        {
            return open;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ssh is null || _lost)
            {
                throw NotConnected();
            }
            _sftp?.Dispose();
            _sftp = null;
            _sftp = await OpenAsync<SftpClient>(info => new SftpClient(info), cancellationToken).ConfigureAwait(false);
            return _sftp;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens an SSH or SFTP client: host key checked, authenticated, keep-alives on, within the connect timeout.</summary>
    private async Task<T> OpenAsync<T>(Func<ConnectionInfo, T> create, CancellationToken cancellationToken) where T : BaseClient
    {
        var methods = AuthenticationMethods();
        var info = new ConnectionInfo(_settings.Hostname, _settings.Port, _settings.User, methods.ToArray())
        {
            Timeout = _settings.ConnectTimeout,
        };
        var client = create(info);
        var verifier = new HostKeyVerifier(Host, _settings);
        client.HostKeyReceived += (_, e) => e.CanTrust = verifier.Accept(e.HostKeyName, e.HostKey);
        client.ErrorOccurred += (_, _) => _lost = true;
        if (_settings.KeepAliveInterval > TimeSpan.Zero)
        {
            client.KeepAliveInterval = _settings.KeepAliveInterval;
        }
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await client.ConnectAsync(within.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            client.Dispose();
            DisposeAll(methods);
            cancellationToken.ThrowIfCancellationRequested();
            throw ConnectFailure(ex, verifier);
        }
    }

    private HostConnectionException ConnectFailure(Exception exception, HostKeyVerifier verifier)
    {
        var where = $"host '{Host}' at {_settings.Hostname}:{_settings.Port}";
        var message = exception switch
        {
            _ when verifier.Refusal is { } refusal => refusal,
            OperationCanceledException or SshOperationTimeoutException =>
                $"Cannot connect to {where}: no answer within {_settings.ConnectTimeout.TotalSeconds} s.",
            SocketException socket => $"Cannot connect to {where}: {socket.Message}.",
            SshAuthenticationException => $"Cannot log in to {where} as '{_settings.User}': the host refused the credentials ({exception.Message}).",
            _ => $"Cannot connect to {where}: {exception.Message}",
        };
        return new HostConnectionException(Host, message, exception);
    }

    /// <summary>Public key first (the configured key, else the usual files in ~/.ssh), then password and keyboard-interactive.</summary>
    private List<AuthenticationMethod> AuthenticationMethods()
    {
        var keys = new List<IPrivateKeySource>();
        try
        {
            if (_settings.PrivateKey is { Length: > 0 } text)
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
                keys.Add(new PrivateKeyFile(stream, _settings.PrivateKeyPassphrase));
            }
            if (_settings.PrivateKeyFile is { Length: > 0 } file)
            {
                keys.Add(new PrivateKeyFile(file, _settings.PrivateKeyPassphrase));
            }
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new HostConnectionException(Host, $"The private key for host '{Host}' cannot be read: {ex.Message}", ex);
        }
        if (keys.Count == 0 && string.IsNullOrEmpty(_settings.Password))
        {
            keys.AddRange(DefaultKeys());
        }
        var methods = new List<AuthenticationMethod>();
        if (keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(_settings.User, keys.ToArray()));
        }
        if (_settings.Password is { Length: > 0 } password)
        {
            methods.Add(new PasswordAuthenticationMethod(_settings.User, password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(_settings.User);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            methods.Add(interactive);
        }
        if (methods.Count == 0)
        {
            throw new HostConnectionException(Host,
                $"No credentials for host '{Host}': give a private key, a key file or a password (no usable key in ~/.ssh either).");
        }
        return methods;
    }

    /// <summary>The unencrypted keys among ~/.ssh/id_ed25519, id_ecdsa and id_rsa, as OpenSSH would try them.</summary>
    private static IEnumerable<IPrivateKeySource> DefaultKeys()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var name in new[] { "id_ed25519", "id_ecdsa", "id_rsa" })
        {
            var path = Path.Combine(home, ".ssh", name);
            PrivateKeyFile? key = null;
            try
            {
                if (File.Exists(path))
                {
                    key = new PrivateKeyFile(path);
                }
            }
            catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
            {
                // Encrypted or unreadable: skipped, as ssh skips keys it cannot use without asking.
            }
            if (key is not null)
            {
                yield return key;
            }
        }
    }

    private static void DisposeAll(List<AuthenticationMethod> methods)
    {
        foreach (var method in methods)
        {
            (method as IDisposable)?.Dispose();
        }
    }

    private HostConnectionException NotConnected() => new(Host, $"Host '{Host}' is not connected.");

    private void Close()
    {
        foreach (var client in new BaseClient?[] { _sftp, _ssh })
        {
            try
            {
                client?.Dispose();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Disconnecting never fails.
            }
        }
        _sftp = null;
        _ssh = null;
    }
}
