using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>
/// Talks to one running command line built by <see cref="CommandLines"/>: reads its output line by line (or copies
/// standard output raw), answers sudo's prompt with the password (once: a second prompt means it was refused, and
/// standard input is closed so sudo gives up), takes the marker line that says the command runs and names its process
/// group, and only then writes standard input. Marker and prompt lines never reach the caller.
/// </summary>
internal sealed class ProcessDriver
{
    private readonly IHostProcess _process;
    private readonly Elevation _elevation;
    private readonly bool _expectMarker;
    private readonly bool _terminal;
    private readonly string _marker;
    private readonly string _prompt;
    private readonly Stream? _stdinSource;
    private readonly Stream? _stdoutSink;
    private readonly Action<OutputStreamKind, string> _onLine;
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _stdinGate = new();
    private int _prompts;
    private bool _stdinClosed;

    public ProcessDriver(IHostProcess process, string nonce, Elevation elevation, bool expectMarker, Stream? stdinSource,
        Stream? stdoutSink, Action<OutputStreamKind, string> onLine, bool terminal = false)
    {
        _terminal = terminal;
        _process = process;
        _elevation = elevation;
        _expectMarker = expectMarker;
        _marker = CommandLines.Marker(nonce);
        _prompt = CommandLines.Prompt(nonce);
        _stdinSource = stdinSource;
        _stdoutSink = stdoutSink;
        _onLine = onLine;
    }

    /// <summary>The command's process group on the host, once its marker arrived.</summary>
    public int? ProcessGroup => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    /// <summary>Completes when the marker arrives (cancelled by <see cref="Finish"/>).</summary>
    public Task Started => _started.Task;

    /// <summary>Reading the standard input source failed (its input was closed early).</summary>
    public Exception? StdinFailure { get; private set; }

    /// <summary>Sudo prompted again after the password was given: the password was refused.</summary>
    public bool PasswordRefused => Volatile.Read(ref _prompts) > 1;

    /// <summary>Starts the pumps; completes when both output streams have ended.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_expectMarker && !_elevation.AnswersPrompt)
        {
            CloseStdin();
        }
        var stdout = _stdoutSink is null
            ? PumpLinesAsync(_process.Stdout, OutputStreamKind.Stdout, cancellationToken)
            : CopyRawAsync(cancellationToken);
        var stderr = PumpLinesAsync(_process.Stderr, OutputStreamKind.Stderr, cancellationToken);
        _ = FeedStdinAsync(cancellationToken);
        return Task.WhenAll(stdout, stderr);
    }

    /// <summary>Ends the wait for the marker (the process is gone); closes standard input.</summary>
    public void Finish()
    {
        _started.TrySetCanceled();
        CloseStdin();
    }

    private async Task PumpLinesAsync(Stream stream, OutputStreamKind kind, CancellationToken cancellationToken)
    {
        var reader = new LineReader(stream);
        while (await ReadAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
        {
            // Matched whatever the state: after a quick exit the marker can still be in the pipe when the wait ends.
            if (_expectMarker && TryReadMarker(line, out var group))
            {
                _started.TrySetResult(group);
                continue;
            }
            if (_elevation.AnswersPrompt && line.Contains(_prompt, StringComparison.Ordinal))
            {
                await AnswerPromptAsync().ConfigureAwait(false);
                line = line.Replace(_prompt, "", StringComparison.Ordinal);
                if (line.Length == 0)
                {
                    continue;
                }
            }
            _onLine(kind, line);
        }
    }

    private static async Task<string?> ReadAsync(LineReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return null;
        }
    }

    private async Task CopyRawAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await _process.Stdout.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                return;
            }
            if (read == 0)
            {
                return;
            }
            await _stdoutSink!.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryReadMarker(string line, out int group)
    {
        group = 0;
        return line.StartsWith(_marker, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(_marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out group);
    }

    private async Task AnswerPromptAsync()
    {
        if (Interlocked.Increment(ref _prompts) > 1)
        {
            // Asked again: the password was wrong. End of input makes sudo give up instead of waiting.
            CloseStdin();
            return;
        }
        try
        {
            var password = Encoding.UTF8.GetBytes(_elevation.SudoPassword + "\n");
            await _process.Stdin.WriteAsync(password).ConfigureAwait(false);
            await _process.Stdin.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone; its exit code tells.
        }
        if (!_expectMarker)
        {
            CloseStdin();
        }
    }

    private async Task FeedStdinAsync(CancellationToken cancellationToken)
    {
        if (!_expectMarker)
        {
            return;
        }
        try
        {
            await _started.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (_stdinSource is null && _terminal)
        {
            // A terminal's end of input is ^D (and it makes SSH.NET send the channel's EOF, which it skips when nothing was written).
            await WriteStdinAsync(new byte[] { 4 }, cancellationToken).ConfigureAwait(false);
        }
        if (_stdinSource is not null)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                int read;
                try
                {
                    read = await _stdinSource.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // The input broke off. The end of input that follows must not pass for the whole: a file transfer
                    // checks the byte count on the host before it renames anything, and the caller reports this failure.
                    StdinFailure = ex;
                    break;
                }
                if (read == 0 || !await WriteStdinAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        CloseStdin();
    }

    /// <summary>Writes to the command's input; false when the command no longer reads it.</summary>
    private async Task<bool> WriteStdinAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _process.Stdin.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            return false;
        }
    }

    private void CloseStdin()
    {
        lock (_stdinGate)
        {
            if (_stdinClosed)
            {
                return;
            }
            _stdinClosed = true;
        }
        try
        {
            _process.Stdin.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
