using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Protocol;

/// <summary>
/// Splits a connector's stdout into UTF-8 lines without decoding them: each line is a slice of one reusable buffer, valid
/// until the next read, so the record path allocates nothing per line. A <c>\r</c> before the <c>\n</c> is dropped; the
/// last line needs no newline. The buffer grows for a long line (up to the maximum given) and shrinks after it.
/// </summary>
internal sealed class LineSplitter
{
    /// <summary>The longest line accepted: large records (documents, files) fit.</summary>
    public const int DefaultMaxLineBytes = 256 * 1024 * 1024;

    private const int InitialBytes = 1024 * 1024;

    private readonly Stream _input;
    private readonly int _maxLineBytes;
    private byte[] _buffer = new byte[InitialBytes];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _ended;

    public LineSplitter(Stream input, int maxLineBytes = DefaultMaxLineBytes)
    {
        _input = input;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Bytes read so far, newlines included.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next line, blocking; false at the end of the input.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            if (TryTake(out line))
            {
                return true;
            }
            if (_ended)
            {
                return TakeLast(out line);
            }
            Compact();
            var read = _input.Read(_buffer, _end, _buffer.Length - _end);
            Advance(read);
        }
    }

    /// <summary>Reads the next line; null at the end of the input.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(out var line))
            {
                return line;
            }
            if (_ended)
            {
                return TakeLast(out line) ? (ReadOnlyMemory<byte>?)line : null;
            }
            Compact();
            var read = await _input.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), cancellationToken).ConfigureAwait(false);
            Advance(read);
        }
    }

    private bool TryTake(out ReadOnlyMemory<byte> line)
    {
        var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
        if (newline < 0)
        {
            _scanned = _end;
            if (_end - _start > _maxLineBytes)
            {
                throw new IOException($"A line of the connector's output is longer than {_maxLineBytes / (1024 * 1024)} MiB.");
            }
            line = default;
            return false;
        }
        var end = _scanned + newline;
        line = Slice(end);
        _start = _scanned = end + 1;
        return true;
    }

    private bool TakeLast(out ReadOnlyMemory<byte> line)
    {
        if (_start == _end)
        {
            line = default;
            return false;
        }
        line = Slice(_end);
        _start = _scanned = _end;
        return true;
    }

    private ReadOnlyMemory<byte> Slice(int end)
    {
        var length = end - _start;
        if (length > 0 && _buffer[end - 1] == (byte)'\r')
        {
            length--;
        }
        return _buffer.AsMemory(_start, length);
    }

    /// <summary>Moves the unread bytes to the front, growing the buffer when they fill it or shrinking it after a huge line.</summary>
    private void Compact()
    {
        var pending = _end - _start;
        var target = _buffer;
        if (pending == _buffer.Length)
        {
            target = new byte[(int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 2)];
        }
        else if (_buffer.Length > InitialBytes * 4 && pending < InitialBytes / 2)
        {
            target = new byte[InitialBytes];
        }
        if (_start == 0 && target == _buffer)
        {
            return;
        }
        Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        _buffer = target;
        _scanned -= _start;
        _start = 0;
        _end = pending;
    }

    private void Advance(int read)
    {
        if (read == 0)
        {
            _ended = true;
        }
        _end += read;
        BytesRead += read;
    }
}
