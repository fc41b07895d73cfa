using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Execution.Internal;

namespace Connectors.Execution;

/// <summary>
/// What the local and SSH connections share: pyinfra's command semantics (elevation, environment, folder, pty, stdin,
/// timeouts that kill the command's whole process group on the host, success exit codes, retries) and the file
/// transfers through a temporary file and an atomic rename. A transport supplies only how to start a command line and
/// the plain file operations.
/// </summary>
public abstract class HostConnection : IHostConnection
{
    /// <summary>How long output may keep arriving after a command ended (a background child can hold the pipes open).</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    /// <summary>How long killing a timed-out command may take.</summary>
    private static readonly TimeSpan KillPatience = TimeSpan.FromSeconds(10);

    private protected HostConnection(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        Host = host;
    }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public abstract bool IsConnected { get; }

    /// <inheritdoc />
    public abstract Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task DisconnectAsync();

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public async Task<CommandOutcome> RunAsync(ShellCommand command, Action<OutputLine>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var elevation = Elevation.Of(command);
        elevation.Validate();
        if (command.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The timeout must be more than 0, got {timeout.TotalSeconds} s.", nameof(command));
        }
        if (command.Retries < 0 || command.RetryDelay < TimeSpan.Zero || command.MaxOutputLines < 0)
        {
            throw new ArgumentException("Retries, the retry delay and the line limit cannot be negative.", nameof(command));
        }
        var script = CommandLines.Script(command);
        EnsureConnected();
        for (var attempt = 1; ; attempt++)
        {
            var stdout = new List<string>();
            var stderr = new List<string>();
            var truncated = false;
            var current = attempt;
            void OnLine(OutputStreamKind kind, string line)
            {
                var lines = kind == OutputStreamKind.Stdout ? stdout : stderr;
                lock (lines)
                {
                    if (lines.Count < command.MaxOutputLines)
                    {
                        lines.Add(line);
                    }
                    else
                    {
                        truncated = true;
                    }
                }
                output?.Invoke(new OutputLine(kind, line, current));
            }
            using var stdin = command.Stdin is { Length: > 0 } text ? new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false) : null;
            var run = await ExecuteAsync(script, command.Shell, command.Pty, elevation, stdin, null, command.Timeout, OnLine, cancellationToken)
                .ConfigureAwait(false);
            var success = !run.TimedOut && run.ExitCode is { } code && command.SuccessExitCodes.Contains(code);
            if (success || attempt > command.Retries)
            {
                lock (stdout)
                lock (stderr)
                {
                    return new CommandOutcome(success, run.TimedOut ? null : run.ExitCode, run.TimedOut, attempt, stdout.ToArray(), stderr.ToArray(), truncated);
                }
            }
            await Task.Delay(command.RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<FileTransferResult> PutFileAsync(Stream content, string path, PutFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new PutFileOptions();
        var mode = options.Mode is { } text ? UnixShell.ParseMode(text) : (int?)null;
        var elevation = Elevation.Of(options);
        elevation.Validate();
        EnsureConnected();
        var temporary = UnixShell.TemporarySibling(path, UnixShell.Nonce());
        // SFTP (or the local file system) when the connection's own user can do everything; otherwise a shell
        // script under sudo, fed the content on its standard input.
        if (!options.Sudo && options.Owner is null && options.Group is null && mode is null or <= 0x1FF)
        {
            var source = HashingStream.ReadFrom(content);
            try
            {
                await UploadAsync(source, temporary, mode, cancellationToken).ConfigureAwait(false);
                await RenameOverAsync(temporary, path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && AsConnectionLoss(ex) is null)
            {
                await TryDeleteAsync(temporary).ConfigureAwait(false);
                throw new FileTransferException($"Cannot write '{path}' on {Host}: {ex.Message}", ex);
            }
            catch (Exception ex) when (AsConnectionLoss(ex) is { } lost)
            {
                throw lost;
            }
            return new FileTransferResult(path, source.Bytes, source.Sha256);
        }
        Stream spool;
        try
        {
            spool = await SeekableAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FileTransferException($"Cannot write '{path}' on {Host}: reading the content failed: {ex.Message}", ex);
        }
        await using var spooled = spool.ConfigureAwait(false);
        var length = spool.Length - spool.Position;
        var hashed = HashingStream.ReadFrom(spool);
        var problems = new List<string>();
        var run = await ExecuteAsync(CommandLines.PutScript(path, temporary, options, length), "sh", false, elevation, length > 0 ? hashed : null, null, null,
            (_, line) => { lock (problems) { problems.Add(line); } }, cancellationToken).ConfigureAwait(false);
        if (run.StdinFailure is { } failure)
        {
            throw new FileTransferException($"Cannot write '{path}' on {Host}: reading the content failed: {failure.Message}", failure);
        }
        if (run.ExitCode != 0)
        {
            throw new FileTransferException($"Cannot write '{path}' on {Host}: {Problem(run, problems)}");
        }
        return new FileTransferResult(path, hashed.Bytes, hashed.Sha256);
    }

    /// <inheritdoc />
    public async Task<FileTransferResult> GetFileAsync(string path, Stream destination, GetFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new GetFileOptions();
        var elevation = Elevation.Of(options);
        elevation.Validate();
        EnsureConnected();
        var sink = HashingStream.WriteTo(destination);
        if (!options.Sudo)
        {
            try
            {
                await DownloadAsync(path, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && AsConnectionLoss(ex) is null)
            {
                throw new FileTransferException($"Cannot read '{path}' on {Host}: {ex.Message}", ex);
            }
            catch (Exception ex) when (AsConnectionLoss(ex) is { } lost)
            {
                throw lost;
            }
            return new FileTransferResult(path, sink.Bytes, sink.Sha256);
        }
        var problems = new List<string>();
        var run = await ExecuteAsync(CommandLines.CatScript(path), "sh", false, elevation, null, sink, null,
            (_, line) => { lock (problems) { problems.Add(line); } }, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new FileTransferException($"Cannot read '{path}' on {Host}: {Problem(run, problems)}");
        }
        return new FileTransferResult(path, sink.Bytes, sink.Sha256);
    }

    /// <summary>Starts a command line on the host (with <c>/bin/sh -c</c> locally, the login shell over SSH).</summary>
    private protected abstract Task<IHostProcess> StartAsync(string commandLine, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="content"/> to a new file at <paramref name="path"/> as the connection's user; with a mode,
    /// the file has it before any content is written (a private file is never readable by others, even half written).
    /// </summary>
    private protected abstract Task UploadAsync(Stream content, string path, int? mode, CancellationToken cancellationToken);

    /// <summary>Copies the file at <paramref name="path"/> into <paramref name="destination"/> as the connection's user.</summary>
    private protected abstract Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, replacing it atomically.</summary>
    private protected abstract Task RenameOverAsync(string from, string to, CancellationToken cancellationToken);

    /// <summary>Deletes a file if it exists; never fails.</summary>
    private protected abstract Task TryDeleteAsync(string path);

    /// <summary>
    /// A <see cref="HostConnectionException"/> when <paramref name="exception"/> means the connection is gone (the
    /// transport then counts itself disconnected); null for any other failure.
    /// </summary>
    private protected virtual HostConnectionException? AsConnectionLoss(Exception exception) => exception as HostConnectionException;

    /// <summary>Throws unless connected.</summary>
    private protected void EnsureConnected()
    {
        if (!IsConnected)
        {
            throw new HostConnectionException(Host, $"Host '{Host}' is not connected.");
        }
    }

    /// <summary>What an attempt did.</summary>
    private readonly record struct Execution(int? ExitCode, bool TimedOut, bool PasswordRefused, Exception? StdinFailure);

    private async Task<Execution> ExecuteAsync(string script, string shell, bool pty, Elevation elevation, Stream? stdin, Stream? stdoutSink,
        TimeSpan? timeout, Action<OutputStreamKind, string> onLine, CancellationToken cancellationToken)
    {
        var nonce = UnixShell.Nonce();
        var process = await StartGuardedAsync(CommandLines.Wrap(script, shell, pty, elevation, nonce, noInput: stdin is null), cancellationToken)
            .ConfigureAwait(false);
        await using (process.ConfigureAwait(false))
        {
            // Lines that arrive after the drain (from a background child) are dropped, not added to a finished outcome.
            var open = 1;
            var driver = new ProcessDriver(process, nonce, elevation, expectMarker: true, stdin, stdoutSink, (kind, line) =>
            {
                if (Volatile.Read(ref open) == 1)
                {
                    onLine(kind, line);
                }
            }, terminal: pty);
            var pumps = driver.RunAsync(CancellationToken.None);
            int? exitCode = null;
            var timedOut = false;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (timeout is { } after)
                {
                    limit.CancelAfter(after);
                }
                try
                {
                    exitCode = await process.Exited.WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    timedOut = !cancellationToken.IsCancellationRequested;
                    await KillAsync(process, driver, elevation).ConfigureAwait(false);
                    process.Abort();
                    driver.Finish();
                    if (!timedOut)
                    {
                        Volatile.Write(ref open, 0);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                catch (Exception ex) when (AsConnectionLoss(ex) is { } lost)
                {
                    Volatile.Write(ref open, 0);
                    throw lost;
                }
            }
            driver.Finish();
            if (await Task.WhenAny(pumps, Task.Delay(Drain, CancellationToken.None)).ConfigureAwait(false) != pumps)
            {
                process.Abort();
            }
            Volatile.Write(ref open, 0);
            if (stdoutSink is not null && pumps.IsCompleted)
            {
                // A raw copy that failed (the destination refused bytes) must not pass for a whole file.
                await pumps.ConfigureAwait(false);
            }
            return new Execution(exitCode, timedOut, driver.PasswordRefused, driver.StdinFailure);
        }
    }

    private async Task<IHostProcess> StartGuardedAsync(string commandLine, CancellationToken cancellationToken)
    {
        try
        {
            return await StartAsync(commandLine, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AsConnectionLoss(ex) is { } lost)
        {
            throw lost;
        }
    }

    /// <summary>Kills the command's process group on the host (with the same sudo), so nothing it started is left running.</summary>
    private async Task KillAsync(IHostProcess process, ProcessDriver driver, Elevation elevation)
    {
        if (driver.ProcessGroup is null)
        {
            // Still on its way (sudo authenticating on a slow host): closing the channel now could leave sudo to start
            // the command unwatched, so wait a while for the group it is about to announce, or for the end.
            await Task.WhenAny(driver.Started, process.Exited, Task.Delay(KillPatience, CancellationToken.None)).ConfigureAwait(false);
        }
        if (driver.ProcessGroup is not { } group)
        {
            return;
        }
        var nonce = UnixShell.Nonce();
        using var patience = new CancellationTokenSource(KillPatience);
        try
        {
            var killer = await StartAsync(CommandLines.Kill(group, elevation, nonce), patience.Token).ConfigureAwait(false);
            await using (killer.ConfigureAwait(false))
            {
                var killDriver = new ProcessDriver(killer, nonce, elevation.SudoOnly, expectMarker: false, null, null, static (_, _) => { });
                var pumps = killDriver.RunAsync(CancellationToken.None);
                await killer.Exited.WaitAsync(patience.Token).ConfigureAwait(false);
                await Task.WhenAny(pumps, Task.Delay(Drain, CancellationToken.None)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The connection is gone or the kill hung: closing the channel is all that is left.
        }
    }

    /// <summary>The content as a seekable stream (spooled to a temporary local file when it is not), so its length is known.</summary>
    private static async Task<Stream> SeekableAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            return new NonClosingStream(content);
        }
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await content.CopyToAsync(spool, 64 * 1024, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Problem(Execution run, List<string> stderr)
    {
        if (run.PasswordRefused)
        {
            return "sudo refused the password.";
        }
        lock (stderr)
        {
            var said = string.Join(" ", stderr.Select(l => l.Trim()).Where(l => l.Length > 0));
            return $"exit code {(run.ExitCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}"
                + (said.Length > 0 ? ": " + said : ".");
        }
    }
}
