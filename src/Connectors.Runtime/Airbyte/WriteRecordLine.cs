using System;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The fast path of <see cref="InputMessage.Parse"/> for the line <c>write</c> reads most: a plain RECORD. One pass of
/// <see cref="JsonScanner"/> validates the whole line and notes the record's stream, namespace, data (listing its
/// top-level properties) and emitted_at. Anything else — a STATE, a trace, a duplicate envelope key, an escaped
/// envelope name, an emitted_at that is not a plain integer, a line that is not valid JSON, or one the scanner leaves
/// to the reader — returns false, and <see cref="InputMessage.ParseWithReader"/> reads the line with
/// <see cref="Utf8JsonReader"/>: it gives the same result, or the error naming the line's JSON path.
/// </summary>
internal static class WriteRecordLine
{
    /// <summary>Parses <paramref name="line"/> when it is a plain RECORD; false leaves it to the reader.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, DataFields? dataFields, out InputMessage message)
    {
        message = default;
        var scanner = new JsonScanner(line);
        if (!scanner.TryConsume((byte)'{'))
        {
            return false;
        }
        bool sawType = false, sawRecord = false;
        if (!scanner.TryConsume((byte)'}'))
        {
            while (true)
            {
                if (!TryName(ref scanner, line, out var name))
                {
                    return false;
                }
                if (name.SequenceEqual("type"u8))
                {
                    if (sawType || !TryPlainString(ref scanner, line, out var type) || !type.SequenceEqual("RECORD"u8))
                    {
                        return false;
                    }
                    sawType = true;
                }
                else if (name.SequenceEqual("record"u8))
                {
                    if (sawRecord || scanner.Peek() != (byte)'{' || !TryRecord(ref scanner, line, dataFields, ref message))
                    {
                        return false;
                    }
                    sawRecord = true;
                }
                else if (name.SequenceEqual("state"u8) || name.SequenceEqual("trace"u8) || !scanner.TrySkipValue(1, out _, out _))
                {
                    return false;
                }
                if (scanner.TryConsume((byte)','))
                {
                    continue;
                }
                if (scanner.TryConsume((byte)'}'))
                {
                    break;
                }
                return false;
            }
        }
        // The reader refuses invalid UTF-8 in strings: a line with non-ASCII text is checked once, and left to the
        // reader when it is invalid (a pure-ASCII line, the common case, needs no check).
        if (!sawType || !sawRecord || !scanner.AtEnd() || (scanner.SawNonAscii && !Utf8.IsValid(line)))
        {
            return false;
        }
        message.Kind = InputKind.Record;
        message.HasRecordObject = true;
        return true;
    }

    /// <summary>A property name without escapes, and its colon.</summary>
    private static bool TryName(ref JsonScanner scanner, ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name)
    {
        name = default;
        return TryPlainString(ref scanner, line, out name) && scanner.TryConsume((byte)':');
    }

    /// <summary>A string without escapes, as the bytes between its quotes.</summary>
    private static bool TryPlainString(ref JsonScanner scanner, ReadOnlySpan<byte> line, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (!scanner.SkipWhitespace())
        {
            return false;
        }
        var start = scanner.Position;
        if (!scanner.TryString(out var escaped) || escaped)
        {
            return false;
        }
        text = line.Slice(start + 1, scanner.Position - start - 2);
        return true;
    }

    private static bool TryRecord(ref JsonScanner scanner, ReadOnlySpan<byte> line, DataFields? dataFields, ref InputMessage message)
    {
        scanner.Position++;
        bool sawStream = false, sawNamespace = false, sawData = false, sawEmittedAt = false;
        if (scanner.TryConsume((byte)'}'))
        {
            return false;
        }
        while (true)
        {
            if (!TryName(ref scanner, line, out var name))
            {
                return false;
            }
            if (name.SequenceEqual("stream"u8))
            {
                if (sawStream || !TryStringOrNull(ref scanner, out message.Stream))
                {
                    return false;
                }
                sawStream = true;
            }
            else if (name.SequenceEqual("namespace"u8))
            {
                if (sawNamespace || !TryStringOrNull(ref scanner, out message.Namespace))
                {
                    return false;
                }
                sawNamespace = true;
            }
            else if (name.SequenceEqual("data"u8))
            {
                if (sawData || scanner.Peek() != (byte)'{')
                {
                    return false;
                }
                var start = scanner.Position;
                if (!(dataFields is null ? scanner.TrySkipObject(3) : TryListObject(ref scanner, dataFields)))
                {
                    return false;
                }
                message.Data = new InputMessage.Slice(start, scanner.Position - start);
                message.DataToken = JsonTokenType.StartObject;
                sawData = true;
            }
            else if (name.SequenceEqual("emitted_at"u8))
            {
                if (sawEmittedAt || !TryInteger(ref scanner, line, out var emittedAt))
                {
                    return false;
                }
                message.EmittedAt = emittedAt;
                sawEmittedAt = true;
            }
            else if (!scanner.TrySkipValue(2, out _, out _))
            {
                return false;
            }
            if (scanner.TryConsume((byte)','))
            {
                continue;
            }
            // A record without data is refused by the session; the reader's pass words that error.
            return sawData && scanner.TryConsume((byte)'}');
        }
    }

    /// <summary>A string's content as a slice; null as an empty slice (what the reader's pass gives for both).</summary>
    private static bool TryStringOrNull(ref JsonScanner scanner, out InputMessage.Slice slice)
    {
        slice = default;
        var first = scanner.Peek();
        if (first == (byte)'n')
        {
            return scanner.TrySkipValue(2, out _, out _);
        }
        var start = scanner.Position;
        if (first != (byte)'"' || !scanner.TryString(out var escaped))
        {
            return false;
        }
        slice = new InputMessage.Slice(start + 1, scanner.Position - start - 2, escaped);
        return true;
    }

    /// <summary>A number written as a plain integer that fits a long; anything else is left to the reader.</summary>
    private static bool TryInteger(ref JsonScanner scanner, ReadOnlySpan<byte> line, out long value)
    {
        value = 0;
        if (!scanner.SkipWhitespace())
        {
            return false;
        }
        var start = scanner.Position;
        if (!scanner.TryNumber())
        {
            return false;
        }
        return Utf8Parser.TryParse(line.Slice(start, scanner.Position - start), out value, out var consumed)
            && consumed == scanner.Position - start;
    }

    /// <summary>
    /// Scans the data object from its <c>{</c>, listing its top-level properties with ranges relative to the <c>{</c>
    /// (what <see cref="DataFields.ReadObject"/> lists on the reader's pass).
    /// </summary>
    private static bool TryListObject(ref JsonScanner scanner, DataFields fields)
    {
        // The data object sits at depth 3 of the line: the envelope, the record, the data.
        const int depth = 3;
        var origin = scanner.Position;
        fields.Clear();
        scanner.Position++;
        if (scanner.TryConsume((byte)'}'))
        {
            return true;
        }
        while (true)
        {
            if (!scanner.SkipWhitespace())
            {
                return false;
            }
            var nameStart = scanner.Position;
            if (!scanner.TryString(out var nameEscaped))
            {
                return false;
            }
            var nameEnd = scanner.Position;
            if (!scanner.TryConsume((byte)':') || !scanner.SkipWhitespace())
            {
                return false;
            }
            var valueStart = scanner.Position;
            if (!scanner.TrySkipValue(depth, out var kind, out var valueEscaped))
            {
                return false;
            }
            fields.Add(nameStart + 1 - origin, nameEnd - nameStart - 2, valueStart - origin, scanner.Position - valueStart, kind,
                nameEscaped, valueEscaped);
            if (scanner.TryConsume((byte)','))
            {
                continue;
            }
            return scanner.TryConsume((byte)'}');
        }
    }
}
