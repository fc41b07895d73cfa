using System;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Commands;

/// <summary>What the server read: a command, or a line that is not one (with the id when it could be read, and why).</summary>
/// <param name="Line">The line's 1-based number.</param>
/// <param name="Envelope">The command, or null when the line is not one.</param>
/// <param name="Id">The command's id, when it could be read.</param>
/// <param name="Problem">Why the line is not a command, or null.</param>
internal sealed record Arrival(long Line, CommandEnvelope? Envelope, string? Id, string? Problem);

/// <summary>
/// Reads command lines from stdin on a thread of its own (reads of a pipe block) and parses each into an
/// <see cref="Arrival"/>, in order. A line longer than the limit is not kept: its start is scanned for an id, the rest
/// skipped, and it arrives as a problem naming the limit; so memory stays proportional to the limit whatever is sent.
/// Blank lines are skipped; a broken stdin ends the input like EOF.
/// </summary>
internal sealed class CommandInput
{
    // Few lines are parsed ahead: each may be as large as the limit.
    private readonly Channel<Arrival> _arrivals = Channel.CreateBounded<Arrival>(new BoundedChannelOptions(4)
    {
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly CancellationTokenSource _stopped = new();
    private readonly LineReader _lines;

    private CommandInput(Stream stdin, int maxLineBytes) => _lines = new LineReader(stdin, maxLineBytes, Math.Min(maxLineBytes + 1, 64 * 1024));

    /// <summary>Starts reading <paramref name="stdin"/>.</summary>
    public static CommandInput Start(Stream stdin, int maxLineBytes)
    {
        var input = new CommandInput(stdin, maxLineBytes);
        new Thread(input.ReadAll) { IsBackground = true, Name = "command-input" }.Start();
        return input;
    }

    /// <summary>The next arrival, or null at the end of the input.</summary>
    public async Task<Arrival?> NextAsync()
    {
        try
        {
            return await _arrivals.Reader.ReadAsync().ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Stops handing on lines (the reading thread ends after its current read).</summary>
    public void Stop() => _stopped.Cancel();

    private void ReadAll()
    {
        try
        {
            while (!_stopped.IsCancellationRequested && ReadOne() is { } arrival)
            {
                _arrivals.Writer.WriteAsync(arrival, _stopped.Token).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Nobody reads arrivals any more.
        }
        finally
        {
            _arrivals.Writer.TryComplete();
        }
    }

    /// <summary>Reads lines until one is not blank; null at the end of the input.</summary>
    private Arrival? ReadOne()
    {
        while (true)
        {
            ReadOnlySpan<byte> line;
            try
            {
                if (!_lines.TryReadLine(out line))
                {
                    return null;
                }
            }
            catch (LineTooLongException ex)
            {
                var id = CommandEnvelope.ScanId(_lines.PendingBytes);
                var problem = $"The command on line {ex.LineNumber} is longer than the limit of {_lines.MaxLineBytes} bytes"
                    + " (serve --max-envelope-bytes); it was not read.";
                try
                {
                    _lines.SkipLine();
                }
                catch (IOException)
                {
                    // The next read ends the input.
                }
                return new Arrival(ex.LineNumber, null, id, problem);
            }
            catch (IOException)
            {
                return null;
            }
            if (line.Trim(" \t"u8).Length == 0)
            {
                continue;
            }
            CommandEnvelope.TryParse(line, out var envelope, out var commandId, out var parseProblem);
            return new Arrival(_lines.LineNumber, envelope, commandId, parseProblem);
        }
    }
}
