using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>
/// Reads UTF-8 lines from a stream as they arrive: <c>\n</c> ends a line, a <c>\r</c> before it is dropped, and a line
/// longer than <see cref="MaxLineLength"/> is cut into pieces so output without line breaks cannot exhaust memory.
/// </summary>
internal sealed class LineReader
{
    public const int MaxLineLength = 64 * 1024;

    private readonly Stream _stream;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly byte[] _bytes = new byte[16 * 1024];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(16 * 1024)];
    private readonly StringBuilder _line = new();
    private int _start;
    private int _end;
    private bool _done;

    public LineReader(Stream stream) => _stream = stream;

    /// <summary>The next line, or null at the end of the stream (a last line without a line break is returned first).</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            for (; _start < _end; _start++)
            {
                var c = _chars[_start];
                if (c == '\n')
                {
                    _start++;
                    return Take();
                }
                _line.Append(c);
                if (_line.Length >= MaxLineLength)
                {
                    _start++;
                    return Take();
                }
            }
            if (_done)
            {
                return _line.Length > 0 ? Take() : null;
            }
            var read = await _stream.ReadAsync(_bytes, cancellationToken).ConfigureAwait(false);
            _done = read == 0;
            _end = _decoder.GetChars(_bytes, 0, read, _chars, 0, flush: _done);
            _start = 0;
        }
    }

    private string Take()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }
        var line = _line.ToString();
        _line.Clear();
        return line;
    }
}
