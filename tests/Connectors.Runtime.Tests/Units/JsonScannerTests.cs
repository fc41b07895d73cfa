using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The <c>write</c> command validates a plain RECORD line with <see cref="JsonScanner"/> instead of
/// <see cref="Utf8JsonReader"/>. What the scanner accepts the reader must accept, and what the reader accepts the
/// scanner accepts too, except the input it leaves to the reader (surrogate escapes, nesting deeper than
/// <see cref="JsonScanner.MaxDepth"/>): checked on hand-picked cases and on random JSON and random damage to it.
/// </summary>
public sealed partial class JsonScannerTests
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public static TheoryData<string> Cases => new()
    {
        "{}", "[]", "\"\"", "0", "-0", "1", "-1", "10", "01", "-01", "1.", "1.5", ".5", "1e5", "1E+5", "1e-5", "1e", "1e+",
        "-", "--1", "+1", "1.5e3", "0.0", "00", "1.5.2", "123456789012345678901234567890", "1x", "true", "false", "null",
        "tru", "nul", "True", "nulls", "truefalse", "\"a\"", "\"a", "a\"", "\"\\\"\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"",
        "\"\\a\"", "\"\\u00e9\"", "\"\\u00E9\"", "\"\\u00g9\"", "\"\\u00e\"", "\"\\u\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"",
        "\"\\ude00\"", "\"\\\"", "\"tab\there\"", "\"nl\nhere\"", "\"\u0001\"", "\"\u007f\"", "\"é😀\"",
        "{\"a\":1}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\":}", "{\"a\"}", "{a:1}", "{'a':1}", "{\"a\":1 \"b\":2}",
        "{\"a\":1,\"a\":2}", " { \"a\" : [ 1 , 2 ] } ", "\t{\r\n\"a\"\t:\r\n1\n}\t", "[1,]", "[,1]", "[1 2]", "[[[]]]", "[[[]]",
        "[]]", "{\"a\":{\"b\":{\"c\":[null,true,false,\"x\",-1.5e-3]}}}", "{\"a\":1}}", "{\"a\":1} x", "{} {}", "", " ",
        "/* c */ {}", "{} // c", "{\"a\":1}\u0000", "\u00a0{}", "{\"\":\"\"}", "[\"\\u0000\"]", "{\"a\":\"\\u0020\"}",
        "\"" + new string('a', 40) + "\\n" + new string('b', 40) + "\"", "\"" + new string('a', 20) + "\t\"",
        "[\"" + new string('a', 15) + "\"]", "\"" + new string('a', 17),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_scanner_gives_the_readers_verdict(string json)
    {
        AssertSameVerdict(Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(JsonScanner.MaxDepth)]
    [InlineData(JsonScanner.MaxDepth + 1)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1000)]
    public void Nesting_up_to_the_scanners_depth_is_scanned_deeper_is_left_to_the_reader(int depth)
    {
        var objects = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1));
        var arrays = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));

        Assert.Equal(depth <= JsonScanner.MaxDepth, Scans(objects));
        Assert.Equal(depth <= JsonScanner.MaxDepth, Scans(arrays));
        Assert.Equal(depth <= 256, ReaderAccepts(objects));
        AssertSameVerdict(objects);
        AssertSameVerdict(arrays);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\\n\"")]
    [InlineData("\\q\"")]
    [InlineData("\u0001\"")]
    [InlineData("\n\"")]
    [InlineData("")]
    public void A_strings_end_is_found_wherever_it_falls_against_the_vector_steps(string end)
    {
        // The end of a string is searched 16 bytes at a time for the first 64, then by SearchValues: a stop (quote,
        // escape, control byte) or the input's end at each offset, with and without bytes after the string.
        for (var length = 0; length <= 80; length++)
        {
            var text = "\"" + new string('a', length) + end;
            AssertSameVerdict(Encoding.UTF8.GetBytes(text));
            AssertSameVerdict(Encoding.UTF8.GetBytes("[" + text + "," + new string('1', 70) + "]"));
            AssertSameVerdict(Encoding.UTF8.GetBytes("{\"k\":" + text + "}"));
        }
    }

    [Fact]
    public void Random_json_and_random_damage_to_it_get_the_readers_verdict()
    {
        var random = new Random(20261205);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var json = Encoding.UTF8.GetBytes(RandomJson.Value(random, 0));
            AssertSameVerdict(json);
            accepted += Scans(json) ? 1 : 0;
            var damaged = RandomJson.Damage(random, json);
            AssertSameVerdict(damaged);
        }
        // Most undamaged values are scanned, not left to the reader.
        Assert.True(accepted > 15_000, $"{accepted} of 20000 scanned");
    }

    [Fact]
    public void Invalid_UTF_8_is_left_to_the_reader()
    {
        byte[] line = [.. "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\""u8, 0xC3, 0x28, .. "\"}}}"u8];

        Assert.False(WriteRecordLine.TryParse(line, new DataFields(), out _));
    }

    private static void AssertSameVerdict(byte[] json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return; // the scanner's input is valid UTF-8: WriteRecordLine leaves anything else to the reader
        }
        var scanned = Scans(json);
        var reader = ReaderAccepts(json);
        var text = Encoding.UTF8.GetString(json);
        if (scanned)
        {
            Assert.True(reader, $"the scanner accepts what the reader refuses: {text}");
        }
        else if (reader)
        {
            Assert.True(LeftToReader(text), $"the scanner refuses valid JSON it should scan: {text}");
        }
    }

    /// <summary>What the scanner may leave to the reader although it is valid: a surrogate escape, deep nesting.</summary>
    private static bool LeftToReader(string json) => SurrogateEscape().IsMatch(json) || Depth(json) > JsonScanner.MaxDepth;

    private static int Depth(string json)
    {
        int depth = 0, max = 0;
        foreach (var c in json)
        {
            depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
            max = Math.Max(max, depth);
        }
        return max;
    }

    [GeneratedRegex(@"\\u[dD][89a-fA-F]")]
    private static partial Regex SurrogateEscape();

    private static bool Scans(byte[] json)
    {
        var scanner = new JsonScanner(json);
        return scanner.TrySkipValue(0, out _, out _) && scanner.AtEnd();
    }

    private static bool ReaderAccepts(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read())
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>Random JSON text (any value, with escapes, numbers, whitespace and nesting) and random damage to it.</summary>
internal static class RandomJson
{
    private static readonly string[] Whitespace = ["", "", "", " ", "\t", "\r\n", "  "];
    private static readonly string[] Escapes = ["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u0000", "\\uFFFF", "\\ud83d\\ude00", "\\udc00"];
    private static readonly string[] Plain = ["a", "id", "name", "x y", "é", "😀", "ü", "0", "{", "}", "[", ":", ","];
    private static readonly string[] Numbers = ["0", "-0", "7", "-12", "1.5", "-0.25", "1e9", "2E-3", "6.02e+23", "123456789012345678901", "9223372036854775807"];
    private const string Significant = "{}[]:,\"\\ 0123456789-+.eEtrufalsn\t\n\r\u0001x";

    public static string Value(Random random, int depth) => random.Next(depth > 6 ? 5 : 8) switch
    {
        0 => String(random),
        1 => Numbers[random.Next(Numbers.Length)],
        2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
        3 or 4 => String(random),
        5 or 6 => Object(random, depth + 1),
        _ => Array(random, depth + 1),
    };

    public static string String(Random random)
    {
        var text = new StringBuilder("\"");
        var parts = random.Next(6);
        for (var i = 0; i < parts; i++)
        {
            text.Append(random.Next(4) == 0 ? Escapes[random.Next(Escapes.Length)] : Plain[random.Next(Plain.Length)]);
        }
        return text.Append('"').ToString();
    }

    public static string Object(Random random, int depth)
    {
        var members = Enumerable.Range(0, random.Next(5)).Select(_ => Ws(random) + String(random) + Ws(random) + ":" + Ws(random) + Value(random, depth) + Ws(random));
        return "{" + Ws(random) + string.Join(",", members) + "}";
    }

    private static string Array(Random random, int depth)
    {
        var items = Enumerable.Range(0, random.Next(5)).Select(_ => Ws(random) + Value(random, depth) + Ws(random));
        return "[" + Ws(random) + string.Join(",", items) + "]";
    }

    private static string Ws(Random random) => Whitespace[random.Next(Whitespace.Length)];

    /// <summary>The same bytes cut short, or with one byte dropped, inserted or replaced.</summary>
    public static byte[] Damage(Random random, byte[] json)
    {
        var bytes = new List<byte>(json);
        var at = random.Next(bytes.Count + 1);
        var b = (byte)Significant[random.Next(Significant.Length)];
        switch (random.Next(4))
        {
            case 0:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 1 when at < bytes.Count:
                bytes.RemoveAt(at);
                break;
            case 2 when at < bytes.Count:
                bytes[at] = b;
                break;
            default:
                bytes.Insert(at, b);
                break;
        }
        return [.. bytes];
    }
}
