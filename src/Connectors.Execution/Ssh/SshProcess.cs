using System;
using System.IO;
using System.Threading.Tasks;
using Connectors.Execution.Internal;
using Renci.SshNet;

namespace Connectors.Execution.Ssh;

/// <summary>A command line running in an SSH exec channel: stdin, stdout and stderr (extended data) as streams.</summary>
internal sealed class SshProcess : IHostProcess
{
    private static readonly TimeSpan ExitPoll = TimeSpan.FromMilliseconds(20);

    private readonly SshCommand _command;
    private readonly Task _execution;
    private volatile bool _aborted;

    private SshProcess(SshCommand command, Task execution, Stream stdin)
    {
        _command = command;
        _execution = execution;
        Stdin = stdin;
        Exited = WaitForExitAsync();
    }

    public static SshProcess Start(SshClient client, string commandLine)
    {
        var command = client.CreateCommand(commandLine);
        var execution = command.ExecuteAsync();
        return new SshProcess(command, execution, InputOf(command));
    }

    /// <summary>The command's standard input; nowhere, when the command ended before it could be opened.</summary>
    private static Stream InputOf(SshCommand command)
    {
        try
        {
            return command.CreateInputStream();
        }
        catch (InvalidOperationException)
        {
            // The channel is closed already: the command is over and reads nothing more.
            return Stream.Null;
        }
    }

    public Stream Stdin { get; }

    public Stream Stdout => _command.OutputStream;

    public Stream Stderr => _command.ExtendedOutputStream;

    public Task<int?> Exited { get; }

    public void Abort()
    {
        _aborted = true;
        try
        {
            _command.Dispose();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The channel closes only once the output ends, which a background child can put off indefinitely; the exit status
    /// arrives when the process exits. Poll for it while waiting for the close.
    /// </summary>
    private async Task<int?> WaitForExitAsync()
    {
        while (true)
        {
            if (_execution.IsCompleted)
            {
                if (_aborted && !_execution.IsCompletedSuccessfully)
                {
                    // Closed by us: there is no exit status to wait for.
                    return null;
                }
                await _execution.ConfigureAwait(false);
                return _command.ExitStatus;
            }
            if (_command.ExitStatus is { } status)
            {
                return status;
            }
            if (_command.ExitSignal is not null)
            {
                return null;
            }
            await Task.WhenAny(_execution, Task.Delay(ExitPoll)).ConfigureAwait(false);
        }
    }
}
