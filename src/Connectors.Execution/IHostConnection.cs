using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution;

/// <summary>
/// A connection to one host on which a connector executes: pyinfra's connector interface (connect, run a shell command,
/// put a file, get a file, disconnect), asynchronous and streaming. Output lines reach the caller as the command writes
/// them; files travel as streams, never whole in memory. <see cref="LocalHostConnection"/> runs on this machine,
/// <see cref="Ssh.SshHostConnection"/> over SSH and SFTP.
/// </summary>
public interface IHostConnection : IAsyncDisposable
{
    /// <summary>The host's name in the inventory.</summary>
    string Host { get; }

    /// <summary>True between a successful <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/> (or a lost connection).</summary>
    bool IsConnected { get; }

    /// <summary>Connects (authenticating and checking the host's identity).</summary>
    /// <exception cref="HostConnectionException">The host cannot be reached, refused the credentials or presented an unknown key.</exception>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a shell command as <paramref name="command"/> describes it (elevation, environment, working directory, pty,
    /// stdin, timeout, success exit codes, retries). Each output line goes to <paramref name="output"/> as it arrives.
    /// A command that runs past its timeout is killed on the host with every process it started.
    /// </summary>
    /// <returns>What the command did; a failing command is an outcome, not an exception.</returns>
    /// <exception cref="HostConnectionException">Not connected, or the connection was lost.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (the command was killed first).</exception>
    Task<CommandOutcome> RunAsync(ShellCommand command, Action<OutputLine>? output = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="content"/> (read to its end) to <paramref name="path"/> on the host through a temporary file
    /// in the same folder and an atomic rename, so the file appears whole or not at all.
    /// </summary>
    /// <exception cref="FileTransferException">The file could not be written.</exception>
    Task<FileTransferResult> PutFileAsync(Stream content, string path, PutFileOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Copies the file at <paramref name="path"/> on the host into <paramref name="destination"/>.</summary>
    /// <exception cref="FileTransferException">The file could not be read.</exception>
    Task<FileTransferResult> GetFileAsync(string path, Stream destination, GetFileOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Disconnects. Never fails, like pyinfra's <c>disconnect</c>.</summary>
    Task DisconnectAsync();
}
