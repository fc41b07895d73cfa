using System;
using System.IO;
using System.Text;

namespace Connectors.Runtime.Secrets;

/// <summary>
/// A <see cref="TextWriter"/> that masks secrets in whatever is written to it before passing it on: the hosts install
/// two as <c>Console.Out</c> and <c>Console.Error</c>, so nothing connector code or a library prints leaves unmasked.
/// Text is held until a line ends, so a secret written in several pieces is still seen whole; a line longer than
/// <see cref="MaxPendingChars"/> is passed on in parts, cut where no secret straddles the cut. <see cref="Flush"/> passes
/// on a partial line too. Thread-safe.
/// </summary>
public sealed class MaskingTextWriter : TextWriter
{
    /// <summary>How much of an unfinished line is held before a part of it is passed on.</summary>
    public const int MaxPendingChars = 64 * 1024;

    private readonly SecretMasker _masker;
    private readonly object _gate = new();
    private readonly StringBuilder _pending = new();
    private Action<string> _output;

    /// <summary>Creates a writer that passes masked text to <paramref name="inner"/> (flushed after each part).</summary>
    public MaskingTextWriter(TextWriter inner, SecretMasker masker)
        : this(masker, text => WriteAndFlush(inner, text))
    {
    }

    /// <summary>
    /// Creates a writer that passes masked text to <paramref name="output"/>: each whole line with its <c>\n</c>, or the
    /// part of a line that a flush or a long line let through.
    /// </summary>
    public MaskingTextWriter(SecretMasker masker, Action<string> output)
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
        _masker = masker;
        _output = output;
        CoreNewLine = ['\n'];
    }

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Sends what follows somewhere else (the command hosts turn console lines into log entries).</summary>
    public void Redirect(Action<string> output)
    {
        lock (_gate)
        {
            _output = output;
        }
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                EmitLines();
            }
            else if (_pending.Length > MaxPendingChars)
            {
                EmitLongLine();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }
        lock (_gate)
        {
            _pending.Append(buffer);
            if (buffer.Contains('\n'))
            {
                EmitLines();
            }
            if (_pending.Length > MaxPendingChars)
            {
                EmitLongLine();
            }
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _pending.Append(value).Append('\n');
            EmitLines();
        }
    }

    /// <summary>Passes on the unfinished line too (masked as it stands).</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                var text = _pending.ToString();
                _pending.Clear();
                Emit(text);
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }
        base.Dispose(disposing);
    }

    /// <summary>Passes on every whole line held, keeping what follows the last <c>\n</c>.</summary>
    private void EmitLines()
    {
        var text = _pending.ToString();
        var end = text.LastIndexOf('\n') + 1;
        _pending.Clear().Append(text, end, text.Length - end);
        Emit(end == text.Length ? text : text.Substring(0, end));
    }

    /// <summary>Passes on most of a long unfinished line: all but the tail a secret could still be growing into.</summary>
    private void EmitLongLine()
    {
        var text = _pending.ToString();
        var cut = _masker.SafeCut(text, Math.Max(0, text.Length - Math.Max(0, _masker.LongestForm - 1)));
        if (cut == 0)
        {
            return;
        }
        _pending.Clear().Append(text, cut, text.Length - cut);
        Emit(text.Substring(0, cut));
    }

    private void Emit(string text)
    {
        try
        {
            _output(_masker.Apply(text));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Nobody reads the stream any more; printing must never take the connector down.
        }
    }

    private static void WriteAndFlush(TextWriter inner, string text)
    {
        inner.Write(text);
        inner.Flush();
    }
}
