using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Connectors;

/// <summary>
/// A validating JSON scanner for the <c>write</c> command's common case, faster than <see cref="Utf8JsonReader"/>: it
/// walks values without producing tokens, skips string bodies with a vectorized search, and accepts only what
/// <see cref="Utf8JsonReader"/> (default options, no comments, no trailing commas) accepts. It never describes an
/// error: on anything it refuses — invalid JSON, but also valid input it leaves to the reader (a <c>\u</c> escape of a
/// surrogate, nesting deeper than <see cref="MaxDepth"/>) — it returns false and its caller reads the line again with
/// <see cref="Utf8JsonReader"/>, which either accepts it or throws the error that names the JSON path. So a false here
/// costs time, never correctness; a true must never be wrong (tests compare every case with the reader's verdict).
/// The scanner does not check UTF-8 itself: a byte above 0x7F can only be valid inside a string, where it sets
/// <see cref="SawNonAscii"/>, and a caller that got true must then check the input is valid UTF-8 (as the reader
/// would), which pure-ASCII input, the common case, does not need.
/// </summary>
internal ref struct JsonScanner
{
    /// <summary>The deepest nesting scanned; deeper input (the reader allows 256) is left to the reader.</summary>
    public const int MaxDepth = 200;

    // What ends a run of plain string bytes: the closing quote, an escape, a control character (invalid unescaped), or
    // a byte above 0x7F (noted, so the caller knows to check UTF-8). As signed bytes the last two are one compare: < 0x20.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(StringStopBytes());

    private static byte[] StringStopBytes()
    {
        var stops = new System.Collections.Generic.List<byte> { (byte)'"', (byte)'\\' };
        for (var b = 0; b <= 0xFF; b++)
        {
            if (b < 0x20 || b >= 0x80)
            {
                stops.Add((byte)b);
            }
        }
        return stops.ToArray();
    }

    private readonly ReadOnlySpan<byte> _json;

    public JsonScanner(ReadOnlySpan<byte> json)
    {
        _json = json;
        Position = 0;
    }

    /// <summary>The offset of the next byte to scan.</summary>
    public int Position;

    /// <summary>A string scanned so far held a byte above 0x7F: the input must be checked to be valid UTF-8.</summary>
    public bool SawNonAscii;

    /// <summary>Skips JSON whitespace; false when the input ends.</summary>
    /// <remarks>
    /// Inlined for the common case, compact JSON, where the next byte is already significant: under native AOT a call
    /// per token was the scanner's largest cost.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SkipWhitespace()
    {
        var p = Position;
        if ((uint)p < (uint)_json.Length && _json[p] > (byte)' ')
        {
            return true;
        }
        return SkipWhitespaceFrom(p);
    }

    private bool SkipWhitespaceFrom(int p)
    {
        var json = _json;
        while ((uint)p < (uint)json.Length)
        {
            var b = json[p];
            if (b > (byte)' ' || (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t'))
            {
                Position = p;
                return true;
            }
            p++;
        }
        Position = p;
        return false;
    }

    /// <summary>Skips whitespace, then consumes <paramref name="expected"/> when it is the next byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryConsume(byte expected)
    {
        if (SkipWhitespace() && _json[Position] == expected)
        {
            Position++;
            return true;
        }
        return false;
    }

    /// <summary>The next byte after whitespace, or 0 at the end of the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek() => SkipWhitespace() ? _json[Position] : (byte)0;

    /// <summary>Scans a string from its opening quote (at <see cref="Position"/>) past its closing quote.</summary>
    /// <param name="escaped">Whether the string holds escape sequences.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryString(out bool escaped)
    {
        escaped = false;
        var json = _json;
        var p = Position;
        if ((uint)p >= (uint)json.Length || json[p] != (byte)'"')
        {
            return false;
        }
        // Most strings are short and plain: their closing quote is the first stop.
        var stop = IndexOfStop(json, p + 1);
        if (stop >= 0 && json[p + 1 + stop] == (byte)'"')
        {
            Position = p + 2 + stop;
            return true;
        }
        return TryStringFrom(p + 1, out escaped);
    }

    /// <summary>The rest of <see cref="TryString"/> from the first byte of its content: escapes, and every error.</summary>
    private bool TryStringFrom(int p, out bool escaped)
    {
        escaped = false;
        var json = _json;
        while (true)
        {
            var stop = IndexOfStop(json, p);
            if (stop < 0)
            {
                return false;
            }
            p += stop;
            var b = json[p];
            if (b == (byte)'"')
            {
                Position = p + 1;
                return true;
            }
            if (b >= 0x80)
            {
                SawNonAscii = true;
                p++;
                continue;
            }
            if (b != (byte)'\\' || p + 1 >= json.Length)
            {
                return false;
            }
            escaped = true;
            switch (json[p + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    p += 2;
                    break;
                case (byte)'u':
                    if (p + 6 > json.Length || !TryHex(json.Slice(p + 2, 4), out var code)
                        // Surrogate escapes, paired or not, are rare: the reader judges them.
                        || code is >= 0xD800 and <= 0xDFFF)
                    {
                        return false;
                    }
                    p += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// Where the next quote, backslash, control byte or non-ASCII byte is, from <paramref name="start"/>. Record strings are short, so
    /// one 16-byte compare finds most ends; <see cref="SearchValues"/>' setup costs more than it saves on them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStop(ReadOnlySpan<byte> json, int start)
    {
        if (Vector128.IsHardwareAccelerated && json.Length - start >= Vector128<byte>.Count)
        {
            var chunk = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)start);
            var stops = Vector128.Equals(chunk, Vector128.Create((byte)'"'))
                | Vector128.Equals(chunk, Vector128.Create((byte)'\\'))
                | Vector128.LessThan(chunk.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte();
            var mask = stops.ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
        }
        return IndexOfStopBeyond(json, start);
    }

    /// <summary>The rest of <see cref="IndexOfStop"/>: a string longer than one vector, or near the input's end.</summary>
    private static int IndexOfStopBeyond(ReadOnlySpan<byte> json, int start)
    {
        // Strings of up to a few vectors (timestamps, e-mail addresses) are common: compare on in vector steps;
        // SearchValues' setup pays off only on long text.
        const int VectorSteps = 4;
        var offset = Vector128<byte>.Count;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(json);
            for (var step = 1; step < VectorSteps && json.Length - start - offset >= Vector128<byte>.Count; step++)
            {
                var chunk = Vector128.LoadUnsafe(ref first, (nuint)(start + offset));
                var stops = Vector128.Equals(chunk, Vector128.Create((byte)'"'))
                    | Vector128.Equals(chunk, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(chunk.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte();
                var mask = stops.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return offset + BitOperations.TrailingZeroCount(mask);
                }
                offset += Vector128<byte>.Count;
            }
        }
        if (!Vector128.IsHardwareAccelerated || json.Length - start < Vector128<byte>.Count)
        {
            offset = 0;
        }
        var rest = json.Slice(start + offset).IndexOfAny(StringStops);
        return rest < 0 ? -1 : rest + offset;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            int v = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                : -1;
            if (v < 0)
            {
                return false;
            }
            value = (value << 4) | v;
        }
        return true;
    }

    /// <summary>Scans a number (RFC 8259's grammar) from <see cref="Position"/>.</summary>
    public bool TryNumber()
    {
        var json = _json;
        var p = Position;
        if (p < json.Length && json[p] == (byte)'-')
        {
            p++;
        }
        if (p >= json.Length)
        {
            return false;
        }
        if (json[p] == (byte)'0')
        {
            p++;
        }
        else if (IsDigit(json[p]))
        {
            p = SkipDigits(json, p);
        }
        else
        {
            return false;
        }
        if (p < json.Length && json[p] == (byte)'.')
        {
            p++;
            if (p >= json.Length || !IsDigit(json[p]))
            {
                return false;
            }
            p = SkipDigits(json, p);
        }
        if (p < json.Length && (json[p] | 0x20) == (byte)'e')
        {
            p++;
            if (p < json.Length && (json[p] == (byte)'+' || json[p] == (byte)'-'))
            {
                p++;
            }
            if (p >= json.Length || !IsDigit(json[p]))
            {
                return false;
            }
            p = SkipDigits(json, p);
        }
        Position = p;
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipDigits(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && IsDigit(json[p]))
        {
            p++;
        }
        return p;
    }

    /// <summary>
    /// Scans one value of any kind at <see cref="Position"/> (after whitespace), nested values included, to its end.
    /// </summary>
    /// <param name="depth">The nesting depth of the value's container (0 for a value at the top).</param>
    /// <param name="kind">What the value is.</param>
    /// <param name="escaped">For a string, whether it holds escape sequences.</param>
    public bool TrySkipValue(int depth, out JsonValueKind kind, out bool escaped)
    {
        escaped = false;
        kind = JsonValueKind.Undefined;
        if (!SkipWhitespace())
        {
            return false;
        }
        switch (_json[Position])
        {
            case (byte)'"':
                kind = JsonValueKind.String;
                return TryString(out escaped);
            case (byte)'{':
                kind = JsonValueKind.Object;
                return TrySkipObject(depth + 1);
            case (byte)'[':
                kind = JsonValueKind.Array;
                return TrySkipArray(depth + 1);
            case (byte)'t':
                kind = JsonValueKind.True;
                return TryLiteral("true"u8);
            case (byte)'f':
                kind = JsonValueKind.False;
                return TryLiteral("false"u8);
            case (byte)'n':
                kind = JsonValueKind.Null;
                return TryLiteral("null"u8);
            default:
                kind = JsonValueKind.Number;
                return TryNumber();
        }
    }

    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json.Slice(Position).StartsWith(literal))
        {
            return false;
        }
        Position += literal.Length;
        return true;
    }

    /// <summary>Scans an object from its <c>{</c> (at <see cref="Position"/>) past its <c>}</c>.</summary>
    /// <param name="depth">The object's own depth (1 for the outermost).</param>
    public bool TrySkipObject(int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }
        Position++;
        if (TryConsume((byte)'}'))
        {
            return true;
        }
        while (true)
        {
            if (!SkipWhitespace() || !TryString(out _) || !TryConsume((byte)':') || !TrySkipValue(depth, out _, out _))
            {
                return false;
            }
            if (TryConsume((byte)','))
            {
                continue;
            }
            return TryConsume((byte)'}');
        }
    }

    private bool TrySkipArray(int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }
        Position++;
        if (TryConsume((byte)']'))
        {
            return true;
        }
        while (true)
        {
            if (!TrySkipValue(depth, out _, out _))
            {
                return false;
            }
            if (TryConsume((byte)','))
            {
                continue;
            }
            return TryConsume((byte)']');
        }
    }

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd() => !SkipWhitespace();
}
