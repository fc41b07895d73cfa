using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Testing.Processes;

/// <summary>
/// A connector process that is running: its stdout lines as they arrive, its stderr, its stdin, signals, and the wait for
/// its end. Every process the kit starts is killed when the test is done with it, when it outlives its timeout, and at
/// the latest when the test process exits.
/// </summary>
internal sealed class ConnectorProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Started = new();

    private readonly ConnectorProgram _program;
    private readonly Process _process;
    private readonly List<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly DateTime _deadline;
    private bool _stdoutClosed;

    static ConnectorProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Started.Values)
            {
                TryKill(process);
            }
        };
    }

    private ConnectorProcess(ConnectorProgram program, IReadOnlyList<string> args, Process process)
    {
        _program = program;
        Args = args;
        _process = process;
        _deadline = DateTime.UtcNow + program.Timeout;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>Starts the connector with <paramref name="args"/>; stdin stays open only when <paramref name="keepStdin"/>.</summary>
    public static ConnectorProcess Start(ConnectorProgram program, IReadOnlyList<string> args, bool keepStdin = false)
    {
        var process = Process.Start(program.StartInfo(args)) ?? throw new InvalidOperationException($"Could not start {program.Name}.");
        Started[process.Id] = process;
        if (!keepStdin)
        {
            process.StandardInput.Close();
        }
        return new ConnectorProcess(program, args, process);
    }

    /// <summary>The command line after the dll.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The stdout lines read so far.</summary>
    public IReadOnlyList<string> LinesSoFar()
    {
        lock (_lines)
        {
            return _lines.ToArray();
        }
    }

    /// <summary>Writes one line to stdin (and flushes it).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Closes stdin: the end of the input.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>
    /// Waits until a stdout line at or after index <paramref name="from"/> matches; returns its index, or -1 when the
    /// process closed stdout or ran out of time first.
    /// </summary>
    public async Task<int> WaitForLineAsync(Func<string, bool> predicate, int from = 0, TimeSpan? within = null)
    {
        var deadline = within is { } limit ? DateTime.UtcNow + limit : _deadline;
        while (true)
        {
            // Whether the pump was done is read before the lines, so the lines it read last are always looked at.
            var done = _stdoutPump.IsCompleted || DateTime.UtcNow > deadline || DateTime.UtcNow > _deadline;
            var lines = LinesSoFar();
            for (var i = from; i < lines.Count; i++)
            {
                if (predicate(lines[i]))
                {
                    return i;
                }
            }
            from = Math.Max(from, lines.Count);
            if (done)
            {
                return -1;
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a POSIX signal (SIGTERM, SIGINT, SIGKILL).</summary>
    public void Signal(int signal) => Signals.Send(_process.Id, signal);

    /// <summary>Stops reading stdout and closes it, as a reader that went away would (the connector then writes into a broken pipe).</summary>
    public async Task CloseStdoutAsync()
    {
        _stdoutClosed = true;
        _stopReading.Cancel();
        try
        {
            await _stdoutPump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _process.StandardOutput.BaseStream.Dispose();
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an out-of-memory killer would, and waits for it.</summary>
    public async Task KillAsync()
    {
        TryKill(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>True when the process ends within <paramref name="time"/> (it is left running otherwise).</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits for the process to end (killing it when it outlives its timeout) and returns what it did.</summary>
    public async Task<ProcessRun> WaitForExitAsync()
    {
        var timedOut = false;
        var left = _deadline - DateTime.UtcNow;
        using (var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                TryKill(_process);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        await Task.WhenAll(Quietly(_stdoutPump), Quietly(_stderrPump)).ConfigureAwait(false);
        Started.TryRemove(_process.Id, out _);
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString();
        }
        return new ProcessRun(_program.Name, Args, _process.ExitCode, timedOut, _program.Timeout, LinesSoFar(), stderr, _stdoutClosed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            TryKill(_process);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        Started.TryRemove(_process.Id, out _);
        await Task.WhenAll(Quietly(_stdoutPump), Quietly(_stderrPump)).ConfigureAwait(false);
        _process.Dispose();
        _stopReading.Dispose();
    }

    private async Task PumpStdoutAsync()
    {
        var reader = _process.StandardOutput;
        while (await reader.ReadLineAsync(_stopReading.Token).ConfigureAwait(false) is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[8192];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, read);
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Runs the connector to its end with stdin closed (or fed with <paramref name="input"/>) and returns what it did.</summary>
    public static async Task<ProcessRun> RunAsync(ConnectorProgram program, IReadOnlyList<string> args, IEnumerable<string>? input = null)
    {
        await using var process = Start(program, args, keepStdin: input is not null);
        if (input is not null)
        {
            try
            {
                foreach (var line in input)
                {
                    await process.WriteLineAsync(line).ConfigureAwait(false);
                }
                process.CloseStdin();
            }
            catch (IOException)
            {
                // The connector stopped reading (it failed on a line): what it wrote says why.
            }
        }
        return await process.WaitForExitAsync().ConfigureAwait(false);
    }
}
