using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Client.Execution;

/// <summary>
/// One running connector process: its stdout as message lines, its stderr collected in the background, LOG, TRACE ERROR
/// and CONTROL messages handled on the way, and the failure report when it ends badly. Disposing kills the process if it
/// still runs and deletes the run's files.
/// </summary>
internal sealed class ConnectorRun : IAsyncDisposable
{
    private readonly Connector _connector;
    private readonly Process _process;
    private readonly RunFiles _files;
    private readonly Task _stderr;
    private readonly LineTail _stderrTail;
    private readonly LineTail _logTail;
    private readonly List<string> _errors = new();
    private string? _failureType;
    private bool _exited;

    private ConnectorRun(Connector connector, string command, Process process, RunFiles files)
    {
        _connector = connector;
        Command = command;
        _process = process;
        _files = files;
        _stderrTail = new LineTail(connector.Options.LogTailLines);
        _logTail = new LineTail(connector.Options.LogTailLines);
        Output = new LineSplitter(process.StandardOutput.BaseStream);
        _stderr = Task.Run(ReadStderrAsync);
    }

    public string Command { get; }

    /// <summary>The connector's stdout.</summary>
    public LineSplitter Output { get; }

    /// <summary>The connector's stdin (for <c>write</c>).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The TRACE ERROR messages seen so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public static async Task<ConnectorRun> StartAsync(Connector connector, string command, RunFiles files, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        await connector.Executor.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var info = connector.Executor.CreateStartInfo(arguments, files.Directory);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.StandardErrorEncoding = Encoding.UTF8;
        foreach (var (name, value) in connector.Options.Environment)
        {
            info.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ConnectorException($"Could not start {connector.Name}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            files.Dispose();
            throw new ConnectorException($"Could not start {connector.Name} ({info.FileName}): {ex.Message}", ex);
        }
        return new ConnectorRun(connector, command, process, files);
    }

    /// <summary>
    /// Handles what the client itself acts on: LOG (logged, masked, kept for error reports), TRACE ERROR (kept), CONTROL
    /// (the config is updated), and lines that are not messages (logged). True when the caller should look at the message.
    /// </summary>
    public bool Observe(ReadOnlySpan<byte> line, ScannedMessage scanned)
    {
        switch (scanned.Type)
        {
            case MessageType.Unknown:
                if (!line.Trim(" \t"u8).IsEmpty)
                {
                    var text = _connector.Masker.Apply(Encoding.UTF8.GetString(line));
                    _logTail.Add(text);
                    _connector.Log(LogLevel.Information, text);
                }
                return false;
            case MessageType.Log:
                OnLog(scanned.Payload(line));
                return false;
            case MessageType.Trace:
                OnTrace(scanned.Payload(line));
                return true;
            case MessageType.Control:
                _connector.OnControl(scanned.Payload(line));
                return false;
            default:
                return true;
        }
    }

    private void OnLog(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        var level = root.TryGetProperty("level", out var l) ? l.GetString() ?? "INFO" : "INFO";
        var message = _connector.Masker.Apply(root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        _logTail.Add($"{level} {message}");
        _connector.Log(level switch
        {
            "FATAL" => LogLevel.Critical,
            "ERROR" => LogLevel.Error,
            "WARN" => LogLevel.Warning,
            "DEBUG" => LogLevel.Debug,
            "TRACE" => LogLevel.Trace,
            _ => LogLevel.Information,
        }, message);
    }

    private void OnTrace(ReadOnlySpan<byte> payload)
    {
        if (payload.IndexOf("\"ERROR\""u8) < 0)
        {
            return;
        }
        using var document = JsonDocument.Parse(payload.ToArray());
        var trace = new TraceMessage(document.RootElement);
        if (trace.TraceType != "ERROR")
        {
            return;
        }
        var message = _connector.Masker.Apply(trace.ErrorMessage ?? "(no message)");
        lock (_errors)
        {
            _errors.Add(trace.StreamName is { } stream ? $"{message} (stream {stream})" : message);
            _failureType ??= trace.FailureType;
        }
        _logTail.Add("ERROR " + message);
        _connector.Log(LogLevel.Error, message);
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var masked = _connector.Masker.Apply(line);
                _stderrTail.Add(masked);
                _connector.Log(LogLevel.Debug, masked);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Waits for the process to exit (stdout must have been read to its end or closed); its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        await _stderr.ConfigureAwait(false);
        _exited = true;
        return _process.ExitCode;
    }

    /// <summary>Throws when the connector reported an error or exited with a non-zero code.</summary>
    public void ThrowIfFailed(int exitCode)
    {
        if (exitCode != 0 || _errors.Count > 0)
        {
            throw Failure(exitCode, null);
        }
    }

    /// <summary>The exception describing this run's failure; <paramref name="reason"/> is the client's own, if it has one.</summary>
    public ConnectorFailedException Failure(int? exitCode, string? reason)
    {
        string[] errors;
        lock (_errors)
        {
            errors = _errors.ToArray();
        }
        var stderr = _stderrTail.ToList();
        var logs = _logTail.ToList();
        var message = new StringBuilder();
        message.Append(_connector.Name).Append(' ').Append(Command).Append(" failed");
        if (exitCode is { } code && code != 0)
        {
            message.Append(" (exit code ").Append(code).Append(')');
        }
        message.Append(": ");
        if (reason is not null)
        {
            message.Append(_connector.Masker.Apply(reason));
        }
        else if (errors.Length > 0)
        {
            message.Append(string.Join("; ", errors));
            if (_failureType is not null)
            {
                message.Append(" [").Append(_failureType).Append(']');
            }
        }
        else
        {
            message.Append(stderr.Count > 0 ? "it reported no error message (its stderr is below)." : "it reported no error message.");
        }
        var tail = errors.Length > 0 || reason is not null ? logs : stderr.Count > 0 ? stderr : logs;
        if (tail.Count > 0)
        {
            message.AppendLine().Append(tail == stderr ? "Last lines on stderr:" : "Last log lines:");
            foreach (var line in tail)
            {
                message.AppendLine().Append("  ").Append(line);
            }
        }
        return new ConnectorFailedException(message.ToString(), _connector.Name, Command, exitCode, _failureType, errors, logs, stderr);
    }

    /// <summary>Stops the process (and its children) if it still runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited)
        {
            Kill();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                await _stderr.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
        _process.Dispose();
        _files.Dispose();
    }
}
