using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connectors.Runtime.Json;

/// <summary>
/// Says what is wrong with JSON text that does not parse and where, in words a person acts on: the problem, the JSON
/// path of the value it is in or after, and the line and byte. .NET's own messages advise to "change the reader
/// options" (the user cannot) and count lines and bytes from 0; they are rephrased here, or, for a message not known
/// here, kept without that advice.
/// </summary>
internal static class JsonSyntax
{
    private static readonly (Regex Pattern, Func<Match, Scan, string> Problem)[] Problems =
    [
        (Rule(@"^The JSON object contains a trailing comma"), (_, _) => "a comma after the last property of an object (JSON allows no trailing comma)"),
        (Rule(@"^The JSON array contains a trailing comma"), (_, _) => "a comma after the last item of an array (JSON allows no trailing comma)"),
        (Rule(@"^The input does not contain any JSON tokens"), (_, _) => "there is no JSON value: the input is empty"),
        (Rule(@"^'/' is "), (_, _) => "a comment (JSON allows none)"),
        (Rule(@"^The maximum configured depth of (\d+) has been exceeded"), (m, _) => $"objects and arrays nested more than {m.Groups[1].Value} deep"),
        (Rule(@"^'(.*)' is invalid after a single JSON value"), (m, _) => $"'{m.Groups[1].Value}' after the end of the JSON value (the input holds one value)"),
        (Rule(@"^'(.*)' is invalid after a property name"), (m, _) => $"expected ':' after the property name, found '{m.Groups[1].Value}'"),
        (Rule(@"^',' is an invalid start of a property name"), (_, _) => "an extra comma where a property name was expected"),
        (Rule(@"^'(.*)' is an invalid start of a property name"), (m, _) => $"expected a property name in double quotes, found '{m.Groups[1].Value}'"),
        (Rule(@"^'(.*)' is invalid after a value"), (m, scan) => $"expected {(scan.Closer is { } closer ? $"',' or '{closer}'" : "',', '}' or ']'")} after a value, found '{m.Groups[1].Value}' (a missing comma?)"),
        (Rule(@"^''' is an invalid start of a value"), (_, _) => "a single quote (JSON strings take double quotes)"),
        (Rule(@"^'(.*)' is an invalid start of a value"), (m, _) => $"expected a value (a string, number, object, array, true, false or null), found '{m.Groups[1].Value}'"),
        (Rule(@"^'(.*)' is an invalid JSON literal\. Expected the literal '(\w+)'"), (m, _) => $"expected {m.Groups[2].Value}, found '{m.Groups[1].Value}'"),
        (Rule(@"^'(.*)' is invalid without a matching open"), (m, scan) => scan.Closer is { } closer
            ? $"'{m.Groups[1].Value}' where '{closer}' should close the open {scan.OpenKind}"
            : $"'{m.Groups[1].Value}' closes nothing"),
        (Rule(@"^Expected end of string, but instead reached end of data"), (_, _) => "the JSON ends inside a string"),
        (Rule(@"^Invalid leading zero before"), (_, _) => "a number with a leading zero"),
        (Rule(@"^'(.*)' is invalid within a JSON string"), (m, _) => $"an unescaped control character ({m.Groups[1].Value}) in a string"),
        (Rule(@"^'(.*)' is an invalid escapable character within a JSON string"), (m, _) => $"an invalid escape '\\{m.Groups[1].Value}' in a string"),
        (Rule(@"is not a hex digit following '\\u'"), (_, _) => "an invalid \\u escape in a string (it takes four hex digits)"),
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
        foreach (var (pattern, problem) in Problems)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                return problem(match, scan);
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

    private static Regex Rule(string pattern) => new(pattern, RegexOptions.CultureInvariant);

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
