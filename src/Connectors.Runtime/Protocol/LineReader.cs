using System;
using System.IO;

namespace Connectors.Runtime.Protocol;

/// <summary>
/// Reads UTF-8 lines from a stream (stdin) without decoding them: each line is a span over one reusable buffer, valid
/// until the next read. Lines end with <c>\n</c> (a <c>\r</c> before it is dropped); the last line needs no newline. A
/// line may be up to <see cref="MaxLineBytes"/> long: the buffer grows to hold it, and shrinks again afterwards.
/// </summary>
internal sealed class LineReader
{
    /// <summary>The longest line read when no limit is given: large records (files, documents) fit.</summary>
    public const int DefaultMaxLineBytes = 256 * 1024 * 1024;

    private const int DefaultBufferBytes = 1024 * 1024;

    private readonly Stream _input;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _ended;

    public LineReader(Stream input, int maxLineBytes = DefaultMaxLineBytes, int bufferBytes = DefaultBufferBytes)
    {
        _input = input;
        MaxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(bufferBytes, maxLineBytes + 1)];
    }

    /// <summary>The longest line accepted, in bytes (without its newline).</summary>
    public int MaxLineBytes { get; }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line; false at the end of the input.</summary>
    /// <exception cref="LineTooLongException">The line is longer than <see cref="MaxLineBytes"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var scanned = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = scanned + newline;
                line = Take(end, end + 1);
                return true;
            }
            if (_end - _start > MaxLineBytes && !EndsInCarriageReturnAtTheLimit())
            {
                throw new LineTooLongException(LineNumber + 1, MaxLineBytes);
            }
            if (_ended)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                line = Take(_end, _end);
                return true;
            }
            scanned = _end - _start;
            Fill();
        }
    }

    /// <summary>The start of a line that was too long: as much of it as the reader holds (up to the limit).</summary>
    public ReadOnlySpan<byte> PendingBytes => _buffer.AsSpan(_start, _end - _start);

    /// <summary>
    /// After a <see cref="LineTooLongException"/>: drops the rest of that line, reading on in buffer-sized pieces without
    /// keeping them, so the next <see cref="TryReadLine"/> returns the line after it. False when the input ended first.
    /// </summary>
    public bool SkipLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                LineNumber++;
                return true;
            }
            _start = _end;
            if (_ended)
            {
                LineNumber++;
                return false;
            }
            Fill();
        }
    }

    /// <summary>The size of the reader's buffer in bytes: it grows to hold a long line and shrinks back after a huge one.</summary>
    internal int BufferBytes => _buffer.Length;

    // A line of exactly the limit may be followed by "\r" in one read and "\n" in the next: that "\r" is not part of it.
    private bool EndsInCarriageReturnAtTheLimit() => _end - _start == MaxLineBytes + 1 && _buffer[_end - 1] == (byte)'\r';

    private ReadOnlySpan<byte> Take(int end, int next)
    {
        var length = end - _start;
        if (length > 0 && _buffer[end - 1] == (byte)'\r')
        {
            length--;
        }
        if (length > MaxLineBytes)
        {
            throw new LineTooLongException(LineNumber + 1, MaxLineBytes);
        }
        var line = _buffer.AsSpan(_start, length);
        _start = next;
        LineNumber++;
        return line;
    }

    /// <summary>Moves the unread bytes to the front (growing or shrinking the buffer as needed) and reads more.</summary>
    private void Fill()
    {
        var pending = _end - _start;
        var target = _buffer;
        if (pending == _buffer.Length)
        {
            target = new byte[(int)Math.Min((long)_buffer.Length * 2, (long)MaxLineBytes + 2)];
        }
        else if (_buffer.Length > DefaultBufferBytes * 4 && pending < DefaultBufferBytes / 2)
        {
            // A huge line has been read: give its memory back.
            target = new byte[DefaultBufferBytes];
        }
        if (pending > 0 && (_start > 0 || target != _buffer))
        {
            Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        }
        _buffer = target;
        _start = 0;
        _end = pending;
        var read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _ended = true;
        }
        _end += read;
    }
}

/// <summary>An input line is longer than the reader accepts.</summary>
internal sealed class LineTooLongException : IOException
{
    public LineTooLongException(long lineNumber, int maxLineBytes)
        : base($"Line {lineNumber} of the input is longer than {Size(maxLineBytes)}.")
    {
        LineNumber = lineNumber;
    }

    /// <summary>The line's 1-based number.</summary>
    public long LineNumber { get; }

    private static string Size(int bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} bytes";
}
