using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Runtime.Json;

/// <summary>
/// Says what is wrong with JSON text that does not parse and where, in words a person acts on: the problem, the JSON
/// path of the value it is in or after, and the line and byte. .NET's own messages advise to "change the reader
/// options" (the user cannot) and count lines and bytes from 0; they are rephrased here, or, for a message not known
/// here, kept without that advice.
/// </summary>
internal static class JsonSyntax
{
    // .NET's messages, matched with plain string tests rather than regular expressions: a Regex here made System.Text.RegularExpressions
    // (about a tenth of a native executable's types, all rehydrated at every start) part of every native connector (docs/aot.md).
    // Each rule returns the problem in our words, or null when the message is not its own; the first that answers wins.
    private static readonly Func<string, Scan, string?>[] Problems =
    [
        (t, _) => Prefix(t, "The JSON object contains a trailing comma", "a comma after the last property of an object (JSON allows no trailing comma)"),
        (t, _) => Prefix(t, "The JSON array contains a trailing comma", "a comma after the last item of an array (JSON allows no trailing comma)"),
        (t, _) => Prefix(t, "The input does not contain any JSON tokens", "there is no JSON value: the input is empty"),
        (t, _) => Prefix(t, "'/' is ", "a comment (JSON allows none)"),
        (t, _) => Depth(t) is { } depth ? $"objects and arrays nested more than {depth} deep" : null,
        (t, _) => Quoted(t, " is invalid after a single JSON value") is { } found ? $"'{found}' after the end of the JSON value (the input holds one value)" : null,
        (t, _) => Quoted(t, " is invalid after a property name") is { } found ? $"expected ':' after the property name, found '{found}'" : null,
        (t, _) => Prefix(t, "',' is an invalid start of a property name", "an extra comma where a property name was expected"),
        (t, _) => Quoted(t, " is an invalid start of a property name") is { } found ? $"expected a property name in double quotes, found '{found}'" : null,
        (t, scan) => Quoted(t, " is invalid after a value") is { } found
            ? $"expected {(scan.Closer is { } closer ? $"',' or '{closer}'" : "',', '}' or ']'")} after a value, found '{found}' (a missing comma?)"
            : null,
        (t, _) => Prefix(t, "''' is an invalid start of a value", "a single quote (JSON strings take double quotes)"),
        (t, _) => Quoted(t, " is an invalid start of a value") is { } found
            ? $"expected a value (a string, number, object, array, true, false or null), found '{found}'"
            : null,
        (t, _) => Literal(t) is var (found, expected) ? $"expected {expected}, found '{found}'" : null,
        (t, scan) => Quoted(t, " is invalid without a matching open") is not { } found ? null
            : scan.Closer is { } closer ? $"'{found}' where '{closer}' should close the open {scan.OpenKind}"
            : $"'{found}' closes nothing",
        (t, _) => Prefix(t, "Expected end of string, but instead reached end of data", "the JSON ends inside a string"),
        (t, _) => Prefix(t, "Invalid leading zero before", "a number with a leading zero"),
        (t, _) => Quoted(t, " is invalid within a JSON string") is { } found ? $"an unescaped control character ({found}) in a string" : null,
        (t, _) => Quoted(t, " is an invalid escapable character within a JSON string") is { } found ? $"an invalid escape '\\{found}' in a string" : null,
        (t, _) => t.Contains("is not a hex digit following '\\u'", StringComparison.Ordinal) ? "an invalid \\u escape in a string (it takes four hex digits)" : null,
    ];

    /// <summary>
    /// Describes <paramref name="error"/>, thrown while reading <paramref name="json"/> with <paramref name="options"/>:
    /// "a comma after the last property of an object (…) at $.streams[0] (line 3, byte 12)". A single line (an input
    /// line, a command) gets the byte alone.
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> json, JsonException error, JsonReaderOptions options, bool singleLine = false)
    {
        if (error.BytePositionInLine is null)
        {
            return Describe(error);
        }
        var scan = Scan.Until(json, options);
        var offset = Offset(json, error.LineNumber ?? 0, error.BytePositionInLine.Value);
        var where = singleLine
            ? $"byte {Number(error.BytePositionInLine.Value + 1)}"
            : $"line {Number((error.LineNumber ?? 0) + 1)}, byte {Number(error.BytePositionInLine.Value + 1)}";
        if (IsEarlyEnd(json, offset, error) && scan.Closer is { } closer)
        {
            // Cut short (a truncated file or line): which object or array was left open says more than the last value.
            return $"the JSON ends before the {scan.OpenKind} at {scan.ContainerPath} is closed with '{closer}' ({where})";
        }
        // A misplaced closer is about the container it fails to close, any other problem about the last value read.
        var path = error.Message.Contains("without a matching open", StringComparison.Ordinal) ? scan.ContainerPath : scan.Path;
        return $"{Rephrase(error.Message, scan)} at {path} ({where})";
    }

    /// <summary>Describes an error without the text it came from: the problem and the position, no JSON path.</summary>
    public static string Describe(JsonException error)
    {
        if (error.BytePositionInLine is not { } position)
        {
            // Thrown by our own code with a message of its own.
            return error.Message;
        }
        return $"{Rephrase(error.Message, default)} (line {Number((error.LineNumber ?? 0) + 1)}, byte {Number(position + 1)})";
    }

    private static string Rephrase(string message, Scan scan)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut >= 0 ? message.Substring(0, cut) : message;
        foreach (var rule in Problems)
        {
            if (rule(text, scan) is { } problem)
            {
                return problem;
            }
        }
        // A message not known here: .NET's words, without the advice meant for the programmer.
        return text.Replace(" Change the reader options.", "").Replace(", when isFinalBlock is true", "").TrimEnd('.', ' ');
    }

    /// <summary>True when the error is at the end of the text (only white space follows): the JSON was cut short.</summary>
    private static bool IsEarlyEnd(ReadOnlySpan<byte> json, long offset, JsonException error)
    {
        if (error.Message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal)
            || error.Message.StartsWith("Expected end of string", StringComparison.Ordinal))
        {
            // Said better by their own rules.
            return false;
        }
        for (var i = (int)Math.Min(offset, json.Length); i < json.Length; i++)
        {
            if (json[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The offset of a (line, byte in line) position, both counted from 0 as the reader counts them.</summary>
    private static long Offset(ReadOnlySpan<byte> json, long line, long byteInLine)
    {
        var start = 0;
        for (var seen = 0L; seen < line; seen++)
        {
            var next = json.Slice(start).IndexOf((byte)'\n');
            if (next < 0)
            {
                return json.Length;
            }
            start += next + 1;
        }
        return start + byteInLine;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Prefix(string text, string prefix, string problem) => text.StartsWith(prefix, StringComparison.Ordinal) ? problem : null;

    /// <summary>
    /// X in a message "'X'<paramref name="rest"/>…", up to the last quote followed by <paramref name="rest"/> (X may hold
    /// quotes itself, as in "''' is …"); null when the message is not of that form.
    /// </summary>
    private static string? Quoted(string text, string rest)
    {
        var end = text.Length > 0 && text[0] == '\'' ? FirstLine(text).LastIndexOf("'" + rest, StringComparison.Ordinal) : -1;
        return end >= 1 ? text.Substring(1, end - 1) : null;
    }

    /// <summary>The text up to its first line break: what a quoted part of a message can be in.</summary>
    private static string FirstLine(string text) => text.IndexOf('\n') is var lineBreak and >= 0 ? text.Substring(0, lineBreak) : text;

    /// <summary>The depth in "The maximum configured depth of 64 has been exceeded…"; null for another message.</summary>
    private static string? Depth(string text)
    {
        const string Start = "The maximum configured depth of ";
        const string End = " has been exceeded";
        if (!text.StartsWith(Start, StringComparison.Ordinal))
        {
            return null;
        }
        var end = Start.Length;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }
        return end > Start.Length && text.AsSpan(end).StartsWith(End, StringComparison.Ordinal)
            ? text.Substring(Start.Length, end - Start.Length)
            : null;
    }

    /// <summary>
    /// What was found and which literal was expected in "'tru' is an invalid JSON literal. Expected the literal 'true'…";
    /// null for another message.
    /// </summary>
    private static (string Found, string Expected)? Literal(string text)
    {
        const string Middle = "' is an invalid JSON literal. Expected the literal '";
        if (text.Length == 0 || text[0] != '\'')
        {
            return null;
        }
        text = FirstLine(text);
        // From the last occurrence back (overlapping ones too), the first whose literal (letters, digits, '_') ends with a quote.
        for (var at = text.LastIndexOf(Middle, StringComparison.Ordinal); at >= 1;
             at = text.LastIndexOf(Middle, at + Middle.Length - 2, StringComparison.Ordinal))
        {
            var start = at + Middle.Length;
            var end = start;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }
            if (end > start && end < text.Length && text[end] == '\'')
            {
                return (text.Substring(1, at - 1), text.Substring(start, end - start));
            }
        }
        return null;
    }

    /// <summary>What a reader saw before the error: where it was (a JSON path) and the innermost open object or array.</summary>
    private readonly struct Scan
    {
        private Scan(string path, string containerPath, bool? innermostIsArray)
        {
            Path = path;
            ContainerPath = containerPath;
            InnermostIsArray = innermostIsArray;
        }

        /// <summary>The path of the last value read (or of the innermost open container, before its first value).</summary>
        public string Path { get; }

        /// <summary>The path of the innermost open object or array.</summary>
        public string ContainerPath { get; }

        private bool? InnermostIsArray { get; }

        /// <summary>The character that closes the innermost open container; null when none is open.</summary>
        public char? Closer => InnermostIsArray is { } array ? array ? ']' : '}' : null;

        public string OpenKind => InnermostIsArray == true ? "array" : "object";

        /// <summary>Reads <paramref name="json"/> up to its first error, following the path of the last value read.</summary>
        public static Scan Until(ReadOnlySpan<byte> json, JsonReaderOptions options)
        {
            var frames = new List<Frame>();
            var reader = new Utf8JsonReader(json, options);
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            NextItem(frames);
                            frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            frames.RemoveAt(frames.Count - 1);
                            break;
                        case JsonTokenType.PropertyName:
                            frames[frames.Count - 1].Name = reader.GetString();
                            break;
                        default:
                            NextItem(frames);
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // Where it stopped is what we want to know.
            }
            var path = "$";
            var containerPath = "$";
            foreach (var frame in frames)
            {
                containerPath = path;
                path = frame.IsArray
                    ? frame.Index >= 0 ? ConfigReader.Item(path, frame.Index) : path
                    : frame.Name is { } name ? ConfigReader.Child(path, name) : path;
            }
            return new Scan(path, containerPath, frames.Count == 0 ? null : frames[frames.Count - 1].IsArray);
        }

        private static void NextItem(List<Frame> frames)
        {
            if (frames.Count > 0 && frames[frames.Count - 1].IsArray)
            {
                frames[frames.Count - 1].Index++;
            }
        }
    }

    /// <summary>An open object (with the name of its current property) or array (with the index of its current item).</summary>
    private sealed class Frame
    {
        public Frame(bool isArray) => IsArray = isArray;

        public bool IsArray { get; }

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
