using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Connectors;

namespace Shell;

/// <summary>What a shell command did, as pyinfra reports it: whether it succeeded and its output lines.</summary>
/// <param name="Success">The command finished in time with one of the success exit codes.</param>
/// <param name="ExitCode">The exit code; null when the command was killed for taking too long.</param>
/// <param name="TimedOut">The command ran longer than its timeout and was killed (with its child processes).</param>
/// <param name="Stdout">Standard output, line by line.</param>
/// <param name="Stderr">Standard error, line by line.</param>
public sealed record CommandOutput(bool Success, int? ExitCode, bool TimedOut, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);

/// <summary>A file written or read on the local machine.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its content, in hex.</param>
/// <param name="Content">For a read: the content, as text or base64.</param>
public sealed record FileTransfer(string Path, long Bytes, string Sha256, string? Content);

/// <summary>Runs commands and moves files on the local machine.</summary>
internal static class LocalShell
{
    /// <summary>How long output may keep arriving after the command ended (a background child can hold the pipes open).</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="command"/> with <c>{shell} -c</c>, stdin closed. When it runs longer than <paramref name="timeout"/>
    /// it is killed with its child processes and reported as timed out; when <paramref name="cancellationToken"/> fires it
    /// is killed too and the cancellation propagates. Output is collected line by line as it arrives, so a background
    /// child that keeps the pipes open costs at most a short drain, never a hang, and loses nothing already written.
    /// </summary>
    public static async Task<CommandOutput> RunAsync(string shell, string command, string? workingDirectory, TimeSpan timeout,
        IReadOnlyCollection<int> successExitCodes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(shell)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var stdout = new Output();
        var stderr = new Output();
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        // Exited, not WaitForExitAsync: the latter also waits for the output to end, which a background child can delay forever.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"The shell '{shell}' did not start.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await exited.Task.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
            }
        }
        await Task.WhenAny(Task.WhenAll(stdout.Closed, stderr.Closed), Task.Delay(Drain));
        var exitCode = timedOut ? (int?)null : process.ExitCode;
        return new CommandOutput(!timedOut && successExitCodes.Contains(exitCode!.Value), exitCode, timedOut, stdout.Lines(), stderr.Lines());
    }

    /// <summary>Writes a file through a temporary file in the same folder, so readers never see half of it.</summary>
    public static async Task<FileTransfer> PutAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new ConfigException($"The folder '{folder}' does not exist.");
        }
        var temporary = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new FileTransfer(target, content.Length, Hash(content), null);
    }

    /// <summary>Reads a file of at most <paramref name="maxBytes"/>.</summary>
    public static async Task<(FileTransfer File, byte[] Content)> GetAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(path);
        var info = new FileInfo(source);
        if (!info.Exists)
        {
            throw new ConfigException($"The file '{source}' does not exist.");
        }
        if (info.Length > maxBytes)
        {
            throw new ConfigException($"The file '{source}' has {info.Length} bytes; at most {maxBytes} can be read.");
        }
        var content = await File.ReadAllBytesAsync(source, cancellationToken);
        return (new FileTransfer(source, content.Length, Hash(content), null), content);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The lines of one output stream, as they arrive; closed when the stream ends.</summary>
    private sealed class Output
    {
        private readonly List<string> _lines = new();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Closed => _closed.Task;

        public void Add(string? line)
        {
            if (line is null)
            {
                _closed.TrySetResult();
                return;
            }
            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }
}
