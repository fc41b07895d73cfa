using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Execution.Internal;

namespace Connectors.Execution;

/// <summary>
/// Executes on this machine, as pyinfra's <c>@local</c> connector: commands run with <c>/bin/sh -c</c> as the
/// connector's user (sudo and su as on any host), files are written and read directly. Relative paths are relative to
/// the connector's working folder.
/// </summary>
public sealed class LocalHostConnection : HostConnection
{
    private volatile bool _connected;

    /// <summary>Creates the connection; <paramref name="host"/> is its name in the inventory.</summary>
    public LocalHostConnection(string host = "@local") : base(host)
    {
    }

    /// <inheritdoc />
    public override bool IsConnected => _connected;

    /// <summary>Checks that this machine can run commands as the connection runs them (<c>/bin/sh</c> and <c>setsid</c>).</summary>
    public override async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists("/bin/sh"))
        {
            throw new HostConnectionException(Host, $"Cannot run commands on '{Host}': there is no /bin/sh.");
        }
        await Tools.VerifyAsync(this, line => Task.FromResult<IHostProcess>(LocalProcess.Start(line)), cancellationToken).ConfigureAwait(false);
        _connected = true;
    }

    /// <inheritdoc />
    public override Task DisconnectAsync()
    {
        _connected = false;
        return Task.CompletedTask;
    }

    private protected override Task<IHostProcess> StartAsync(string commandLine, CancellationToken cancellationToken) =>
        Task.FromResult<IHostProcess>(LocalProcess.Start(commandLine));

    private protected override async Task UploadAsync(Stream content, string path, int? mode, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
            Options = FileOptions.Asynchronous,
        };
        if (mode is { } bits && !OperatingSystem.IsWindows())
        {
            // Created with at most these bits (the umask may take some away), set exactly once closed.
            options.UnixCreateMode = (UnixFileMode)bits;
        }
        var target = new FileStream(path, options);
        await using (target.ConfigureAwait(false))
        {
            await content.CopyToAsync(target, 64 * 1024, cancellationToken).ConfigureAwait(false);
        }
        if (mode is { } exact && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)exact);
        }
    }

    private protected override async Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(destination, 64 * 1024, cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override Task RenameOverAsync(string from, string to, CancellationToken cancellationToken)
    {
        File.Move(from, to, overwrite: true);
        return Task.CompletedTask;
    }

    private protected override Task TryDeleteAsync(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }
}
