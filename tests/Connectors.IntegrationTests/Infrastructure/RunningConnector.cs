using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>A connector process that is still running: its stdout lines so far, signals, and the wait for its end.</summary>
internal sealed class RunningConnector : IAsyncDisposable
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    private readonly Connector _connector;
    private readonly Process _process;
    private readonly IReadOnlyList<string> _args;
    private readonly RecordSchemas? _schemas;
    private readonly List<string> _lines = new();
    private readonly Task<string> _stderr;
    private readonly Task? _stdoutPump;

    private RunningConnector(Connector connector, Process process, IReadOnlyList<string> args, RecordSchemas? schemas, bool pumpStdout)
    {
        _connector = connector;
        _process = process;
        _args = args;
        _schemas = schemas;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdoutPump = pumpStdout ? Task.Run(PumpStdoutAsync) : null;
    }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    public static RunningConnector Start(Connector connector, ProcessStartInfo info, IReadOnlyList<string> args, RecordSchemas? schemas, bool pumpStdout,
        bool keepStdin)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        if (!keepStdin)
        {
            process.StandardInput.Close();
        }
        return new RunningConnector(connector, process, args, schemas, pumpStdout);
    }

    /// <summary>The process's stdin (when started with keepStdin): write lines, then close it to end the input.</summary>
    public System.IO.StreamWriter Stdin => _process.StandardInput;

    /// <summary>Reads stdout to its end (when started without pumpStdout), handing each line to <paramref name="onLine"/> as it arrives.</summary>
    public async Task ReadLinesAsync(Func<string, Task> onLine)
    {
        if (_stdoutPump is not null)
        {
            throw new InvalidOperationException("Start the process with pumpStdout: false to read stdout by hand.");
        }
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
            await onLine(line).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an OOM killer would.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>The stdout lines read so far.</summary>
    public IReadOnlyList<string> LinesSoFar()
    {
        lock (_lines)
        {
            return _lines.ToArray();
        }
    }

    /// <summary>Waits until a stdout line matches; fails if the process ends first or the wait times out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string what)
    {
        string? found = null;
        await WaitUntilAsync(lines => (found = lines.FirstOrDefault(predicate)) is not null, what).ConfigureAwait(false);
        return found!;
    }

    /// <summary>Waits until <paramref name="count"/> stdout lines match; fails if the process ends first or the wait times out.</summary>
    public Task WaitForLinesAsync(Func<string, bool> predicate, int count, string what) =>
        WaitUntilAsync(lines => lines.Count(predicate) >= count, what);

    private async Task WaitUntilAsync(Func<IReadOnlyList<string>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Connector.Timeout;
        while (true)
        {
            if (done(LinesSoFar()))
            {
                return;
            }
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var run = await WaitForExitAsync().ConfigureAwait(false);
                throw new Xunit.Sdk.XunitException($"The connector never wrote {what}:\n{run.Describe()}");
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a POSIX signal to the process, as a platform or a shell would.</summary>
    public void Signal(int signal) => Signal(_process.Id, signal);

    /// <summary>Sends a POSIX signal to a process.</summary>
    public static void Signal(int pid, int signal)
    {
        if (!Connectors.Testing.Processes.Signals.Send(pid, signal))
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Reads some stdout lines, then closes stdout as a reader that went away would (a broken pipe).</summary>
    public async Task<IReadOnlyList<string>> ReadLinesThenCloseStdoutAsync(int count)
    {
        if (_stdoutPump is not null)
        {
            throw new InvalidOperationException("Start the process with pumpStdout: false to read stdout by hand.");
        }
        using var timeout = new CancellationTokenSource(Connector.Timeout);
        for (var i = 0; i < count; i++)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
        _process.StandardOutput.Dispose();
        return LinesSoFar();
    }

    /// <summary>Waits for the process to exit (killing it after a timeout, by default <see cref="Connector.Timeout"/>) and validates its output.</summary>
    public async Task<ConnectorRun> WaitForExitAsync(TimeSpan? limit = null)
    {
        var patience = limit ?? Connector.Timeout;
        using (var timeout = new CancellationTokenSource(patience))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
                throw new Xunit.Sdk.XunitException(
                    $"{_connector.Name} {string.Join(" ", _args)} did not exit within {patience.TotalSeconds} s; killed it.\n"
                    + string.Join("\n", LinesSoFar()));
            }
        }
        if (_stdoutPump is not null)
        {
            await _stdoutPump.ConfigureAwait(false);
        }
        return new ConnectorRun(_connector.Name, _args, _process.ExitCode, LinesSoFar(), await _stderr.ConfigureAwait(false), _schemas);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
