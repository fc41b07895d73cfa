using System;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The typed reads generated binders use: they accept what the JSON Schema accepts, report every problem with its
/// path, and never show a secret's value.
/// </summary>
public sealed class ConfigReaderTests
{
    private delegate bool ReadFn<T>(ConfigReader reader, JsonElement value, string path, bool secret, out T result);

    private const string Path = "$.value";

    private static (bool Ok, T Value, ConfigReader Reader) Read<T>(ReadFn<T> read, string json, bool secret = false)
    {
        using var document = JsonDocument.Parse("{\"value\":" + json + "}");
        var reader = new ConfigReader(document.RootElement);
        var ok = read(reader, document.RootElement.GetProperty("value"), Path, secret, out var value);
        Assert.Equal(ok, reader.Errors.Count == 0);
        return (ok, value, reader);
    }

    private static void Accepts<T>(ReadFn<T> read, string json, T expected)
    {
        var (ok, value, reader) = Read(read, json);
        Assert.True(ok, string.Join("; ", reader.Errors));
        Assert.Equal(expected, value);
    }

    private static void Rejects<T>(ReadFn<T> read, string json, string problem)
    {
        var (ok, _, reader) = Read(read, json);
        Assert.False(ok);
        Assert.Equal(new[] { Path + ": " + problem }, reader.Errors);
    }

    private static readonly ReadFn<string> String = (ConfigReader r, JsonElement v, string p, bool s, out string x) => r.ReadString(v, p, s, out x);
    private static readonly ReadFn<bool> Boolean = (ConfigReader r, JsonElement v, string p, bool s, out bool x) => r.ReadBoolean(v, p, s, out x);
    private static readonly ReadFn<int> Int32 = (ConfigReader r, JsonElement v, string p, bool s, out int x) => r.ReadInt32(v, p, s, out x);
    private static readonly ReadFn<long> Int64 = (ConfigReader r, JsonElement v, string p, bool s, out long x) => r.ReadInt64(v, p, s, out x);
    private static readonly ReadFn<short> Int16 = (ConfigReader r, JsonElement v, string p, bool s, out short x) => r.ReadInt16(v, p, s, out x);
    private static readonly ReadFn<byte> Byte = (ConfigReader r, JsonElement v, string p, bool s, out byte x) => r.ReadByte(v, p, s, out x);
    private static readonly ReadFn<sbyte> SByte = (ConfigReader r, JsonElement v, string p, bool s, out sbyte x) => r.ReadSByte(v, p, s, out x);
    private static readonly ReadFn<ushort> UInt16 = (ConfigReader r, JsonElement v, string p, bool s, out ushort x) => r.ReadUInt16(v, p, s, out x);
    private static readonly ReadFn<uint> UInt32 = (ConfigReader r, JsonElement v, string p, bool s, out uint x) => r.ReadUInt32(v, p, s, out x);
    private static readonly ReadFn<ulong> UInt64 = (ConfigReader r, JsonElement v, string p, bool s, out ulong x) => r.ReadUInt64(v, p, s, out x);
    private static readonly ReadFn<double> Double = (ConfigReader r, JsonElement v, string p, bool s, out double x) => r.ReadDouble(v, p, s, out x);
    private static readonly ReadFn<float> Single = (ConfigReader r, JsonElement v, string p, bool s, out float x) => r.ReadSingle(v, p, s, out x);
    private static readonly ReadFn<decimal> Decimal = (ConfigReader r, JsonElement v, string p, bool s, out decimal x) => r.ReadDecimal(v, p, s, out x);
    private static readonly ReadFn<DateTimeOffset> DateTimeOffsetRead = (ConfigReader r, JsonElement v, string p, bool s, out DateTimeOffset x) => r.ReadDateTimeOffset(v, p, s, out x);
    private static readonly ReadFn<DateTime> DateTimeRead = (ConfigReader r, JsonElement v, string p, bool s, out DateTime x) => r.ReadDateTime(v, p, s, out x);
    private static readonly ReadFn<DateOnly> DateOnlyRead = (ConfigReader r, JsonElement v, string p, bool s, out DateOnly x) => r.ReadDateOnly(v, p, s, out x);
    private static readonly ReadFn<Uri> UriRead = (ConfigReader r, JsonElement v, string p, bool s, out Uri x) => r.ReadUri(v, p, s, out x);

    [Fact]
    public void ReadString()
    {
        Accepts(String, "\"abc\"", "abc");
        Accepts(String, "\"\"", "");
        Rejects(String, "5", "expected a string, got 5");
        Rejects(String, "null", "expected a string, got null");
        Rejects(String, "{}", "expected a string, got an object");
        Rejects(String, "[\"a\"]", "expected a string, got an array");
    }

    [Fact]
    public void ReadBoolean()
    {
        Accepts(Boolean, "true", true);
        Accepts(Boolean, "false", false);
        Rejects(Boolean, "\"true\"", "expected a boolean, got \"true\"");
        Rejects(Boolean, "1", "expected a boolean, got 1");
    }

    [Fact]
    public void ReadInt32_accepts_any_number_with_no_fractional_part()
    {
        Accepts(Int32, "5", 5);
        Accepts(Int32, "5.0", 5);
        Accepts(Int32, "-5", -5);
        Accepts(Int32, "1e2", 100);
        Accepts(Int32, "2147483647", int.MaxValue);
        Accepts(Int32, "-2147483648", int.MinValue);
    }

    [Fact]
    public void ReadInt32_rejects_fractions_out_of_range_values_and_other_kinds()
    {
        Rejects(Int32, "5.5", "expected an integer, got 5.5");
        Rejects(Int32, "2147483648", "2147483648 is out of range for a 32-bit number");
        Rejects(Int32, "-2147483649", "-2147483649 is out of range for a 32-bit number");
        Rejects(Int32, "1e30", "1e30 is out of range for a 32-bit number");
        Rejects(Int32, "\"5\"", "expected an integer, got \"5\"");
        Rejects(Int32, "true", "expected an integer, got true");
        Rejects(Int32, "null", "expected an integer, got null");
    }

    [Fact]
    public void ReadInt64()
    {
        Accepts(Int64, "9223372036854775807", long.MaxValue);
        Accepts(Int64, "-9223372036854775808", long.MinValue);
        Accepts(Int64, "3.000", 3L);
        Rejects(Int64, "9223372036854775808", "9223372036854775808 is out of range for a 64-bit number");
        Rejects(Int64, "1e300", "1e300 is out of range for a 64-bit number");
        Rejects(Int64, "0.5", "expected an integer, got 0.5");
    }

    [Fact]
    public void ReadInt16()
    {
        Accepts(Int16, "-32768", short.MinValue);
        Accepts(Int16, "32767.0", short.MaxValue);
        Rejects(Int16, "32768", "32768 is out of range for a 16-bit number");
    }

    [Fact]
    public void ReadByte()
    {
        Accepts(Byte, "255", (byte)255);
        Accepts(Byte, "0", (byte)0);
        Rejects(Byte, "256", "256 is out of range for a 8-bit unsigned number");
        Rejects(Byte, "-1", "-1 is out of range for a 8-bit unsigned number");
    }

    [Fact]
    public void ReadSByte()
    {
        Accepts(SByte, "-128", sbyte.MinValue);
        Accepts(SByte, "127", sbyte.MaxValue);
        Rejects(SByte, "128", "128 is out of range for a 8-bit number");
    }

    [Fact]
    public void ReadUInt16()
    {
        Accepts(UInt16, "65535", ushort.MaxValue);
        Rejects(UInt16, "65536", "65536 is out of range for a 16-bit unsigned number");
        Rejects(UInt16, "-1", "-1 is out of range for a 16-bit unsigned number");
    }

    [Fact]
    public void ReadUInt32()
    {
        Accepts(UInt32, "4294967295", uint.MaxValue);
        Rejects(UInt32, "4294967296", "4294967296 is out of range for a 32-bit unsigned number");
        Rejects(UInt32, "-1", "-1 is out of range for a 32-bit unsigned number");
    }

    [Fact]
    public void ReadUInt64()
    {
        Accepts(UInt64, "18446744073709551615", ulong.MaxValue);
        Accepts(UInt64, "7.0", 7UL);
        Rejects(UInt64, "18446744073709551616", "18446744073709551616 is out of range for a 64-bit unsigned number");
        Rejects(UInt64, "-1", "-1 is out of range for a 64-bit unsigned number");
        Rejects(UInt64, "1e40", "1e40 is out of range for a 64-bit unsigned number");
        Rejects(UInt64, "1.5", "expected an integer, got 1.5");
    }

    [Fact]
    public void ReadDouble()
    {
        Accepts(Double, "1.5", 1.5);
        Accepts(Double, "3", 3.0);
        Accepts(Double, "-2e-3", -0.002);
        Rejects(Double, "\"1.5\"", "expected a number, got \"1.5\"");
        Rejects(Double, "1e400", "1e400 is out of range for a double-precision number");
    }

    [Fact]
    public void ReadSingle()
    {
        Accepts(Single, "0.25", 0.25f);
        Rejects(Single, "1e39", "1e39 is out of range for a single-precision number");
        Rejects(Single, "false", "expected a number, got false");
    }

    [Fact]
    public void ReadDecimal()
    {
        Accepts(Decimal, "12.3400", 12.34m);
        Accepts(Decimal, "79228162514264337593543950335", decimal.MaxValue);
        Rejects(Decimal, "1e30", "1e30 is out of range for a decimal number");
        Rejects(Decimal, "[]", "expected a number, got an array");
    }

    [Fact]
    public void ReadDateTimeOffset()
    {
        Accepts(DateTimeOffsetRead, "\"2024-01-02T03:04:05Z\"", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var (_, value, _) = Read(DateTimeOffsetRead, "\"2024-01-02T03:04:05+02:00\"");
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
        Assert.Equal(TimeSpan.Zero, Read(DateTimeOffsetRead, "\"2024-01-02T03:04:05\"").Value.Offset);
        Rejects(DateTimeOffsetRead, "\"yesterday\"", "expected an ISO 8601 date-time string, got \"yesterday\"");
        Rejects(DateTimeOffsetRead, "\"1/2/2024\"", "expected an ISO 8601 date-time string, got \"1/2/2024\"");
        Rejects(DateTimeOffsetRead, "20240102", "expected a string, got 20240102");
    }

    [Fact]
    public void ReadDateTime()
    {
        var (ok, value, _) = Read(DateTimeRead, "\"2024-01-02T03:04:05.5Z\"");
        Assert.True(ok);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Rejects(DateTimeRead, "\"soon\"", "expected an ISO 8601 date-time string, got \"soon\"");
        Rejects(DateTimeRead, "\"05/06/2024 10:00\"", "expected an ISO 8601 date-time string, got \"05/06/2024 10:00\"");
    }

    [Fact]
    public void ReadDateOnly()
    {
        Accepts(DateOnlyRead, "\"2024-02-29\"", new DateOnly(2024, 2, 29));
        Rejects(DateOnlyRead, "\"2023-02-29\"", "expected a yyyy-MM-dd date string, got \"2023-02-29\"");
        Rejects(DateOnlyRead, "\"2024/01/02\"", "expected a yyyy-MM-dd date string, got \"2024/01/02\"");
        Rejects(DateOnlyRead, "\"2024-01-02T00:00:00Z\"", "expected a yyyy-MM-dd date string, got \"2024-01-02T00:00:00Z\"");
    }

    [Fact]
    public void ReadUri()
    {
        Accepts(UriRead, "\"https://api.example.com/v1\"", new Uri("https://api.example.com/v1"));
        Accepts(UriRead, "\"file:///tmp/x\"", new Uri("file:///tmp/x"));
        Rejects(UriRead, "\"api.example.com\"", "expected an absolute URI, got \"api.example.com\"");
        Rejects(UriRead, "\"/v1/users\"", "expected an absolute URI, got \"/v1/users\"");
        Rejects(UriRead, "1", "expected a string, got 1");
    }

    [Fact]
    public void Long_values_are_shortened_in_messages()
    {
        var (_, _, reader) = Read(Int32, "\"" + new string('x', 100) + "\"");

        Assert.Equal(Path + ": expected an integer, got \"" + new string('x', 57) + "...\"", Assert.Single(reader.Errors));
    }

    [Fact]
    public void Every_problem_is_collected_with_its_path()
    {
        using var document = JsonDocument.Parse("""{"a":"x","nested":{"b":true},"list":[1,"two"]}""");
        var reader = new ConfigReader(document.RootElement);
        var root = document.RootElement;

        reader.ReadInt32(root.GetProperty("a"), ConfigReader.Child("$", "a"), false, out _);
        var nested = ConfigReader.Child("$", "nested");
        if (reader.ExpectObject(root.GetProperty("nested"), nested))
        {
            reader.ReadString(root.GetProperty("nested").GetProperty("b"), ConfigReader.Child(nested, "b"), false, out _);
        }
        var list = ConfigReader.Child("$", "list");
        if (reader.ExpectArray(root.GetProperty("list"), list))
        {
            var index = 0;
            foreach (var item in root.GetProperty("list").EnumerateArray())
            {
                reader.ReadInt64(item, ConfigReader.Item(list, index++), false, out _);
            }
        }
        reader.Required(ConfigReader.Child("$", "missing"));
        reader.ExpectObject(root.GetProperty("list"), list);

        Assert.Equal(new[]
        {
            "$.a: expected an integer, got \"x\"",
            "$.nested.b: expected a string, got true",
            "$.list[1]: expected an integer, got \"two\"",
            "$.missing: required",
            "$.list: expected an object, got an array",
        }, reader.Errors);
    }

    [Theory]
    [InlineData("name", "$.name")]
    [InlineData("snake_case-1", "$.snake_case-1")]
    [InlineData("with space", "$['with space']")]
    [InlineData("a.b", "$['a.b']")]
    [InlineData("it's", "$['it\\'s']")]
    [InlineData("", "$['']")]
    public void Child_paths_quote_names_that_are_not_plain(string name, string expected) =>
        Assert.Equal(expected, ConfigReader.Child("$", name));

    [Fact]
    public void NotOneOf_lists_the_allowed_values()
    {
        using var document = JsonDocument.Parse("\"purple\"");
        var reader = new ConfigReader(document.RootElement);

        reader.NotOneOf(document.RootElement, "$.color", false, "red", "green");

        Assert.Equal("$.color: expected one of \"red\", \"green\", got \"purple\"", Assert.Single(reader.Errors));
    }

    [Fact]
    public void Minimum_maximum_and_pattern_checks()
    {
        using var document = JsonDocument.Parse("{}");
        var reader = new ConfigReader(document.RootElement);

        Assert.True(reader.CheckMinimum(1, 1, "$.a"));
        Assert.False(reader.CheckMinimum(0.5, 1, "$.a"));
        Assert.True(reader.CheckMaximum(10, 10, "$.b"));
        Assert.False(reader.CheckMaximum(11, 10, "$.b"));
        Assert.True(reader.CheckPattern("abc-123", new Regex("[0-9]+"), "$.c"));
        Assert.False(reader.CheckPattern("abc", new Regex("^[0-9]+$"), "$.c"));

        Assert.Equal(new[]
        {
            "$.a: must be at least 1, got 0.5",
            "$.b: must be at most 10, got 11",
            "$.c: \"abc\" does not match the pattern ^[0-9]+$",
        }, reader.Errors);
    }

    [Fact]
    public void Secret_values_are_never_shown_in_messages()
    {
        using var document = JsonDocument.Parse("""{"s":"hunter2-secret","n":987654,"big":98765432109876543210,"f":1.25,"b":true}""");
        var reader = new ConfigReader(document.RootElement);
        var root = document.RootElement;

        reader.ReadInt32(root.GetProperty("s"), "$.s", true, out _);
        reader.ReadString(root.GetProperty("n"), "$.n", true, out _);
        reader.ReadInt16(root.GetProperty("n"), "$.n", true, out _);
        reader.ReadInt64(root.GetProperty("big"), "$.big", true, out _);
        reader.ReadInt32(root.GetProperty("f"), "$.f", true, out _);
        reader.ReadString(root.GetProperty("b"), "$.b", true, out _);
        reader.ReadDateOnly(root.GetProperty("s"), "$.s", true, out _);
        reader.ReadUri(root.GetProperty("s"), "$.s", true, out _);
        reader.NotOneOf(root.GetProperty("s"), "$.s", true, "a");
        reader.CheckMinimum(987654, 1e7, "$.n", secret: true);
        reader.CheckMaximum(987654, 1, "$.n", secret: true);
        reader.CheckPattern("hunter2-secret", new Regex("^x$"), "$.s", secret: true);

        Assert.Equal(new[]
        {
            "$.s: expected an integer, got a string",
            "$.n: expected a string, got a number",
            "$.n: the value is out of range for a 16-bit number",
            "$.big: the value is out of range for a 64-bit number",
            "$.f: expected an integer, got a number",
            "$.b: expected a string, got a boolean",
            "$.s: expected a yyyy-MM-dd date string, got a string",
            "$.s: expected an absolute URI, got a string",
            "$.s: expected one of \"a\", got a string",
            "$.n: must be at least 10000000",
            "$.n: must be at most 1",
            "$.s: the value does not match the pattern ^x$",
        }, reader.Errors);
    }

    [Fact]
    public void Secret_values_are_collected_even_when_invalid_and_only_when_secret()
    {
        using var document = JsonDocument.Parse("""{"key":"k-123","num":4242,"flag":true,"empty":"","plain":"visible","wrong":77.5}""");
        var reader = new ConfigReader(document.RootElement);
        var root = document.RootElement;

        reader.ReadString(root.GetProperty("key"), "$.key", true, out _);
        reader.ReadInt32(root.GetProperty("num"), "$.num", true, out _);
        reader.ReadBoolean(root.GetProperty("flag"), "$.flag", true, out _);
        reader.ReadString(root.GetProperty("empty"), "$.empty", true, out _);
        reader.ReadString(root.GetProperty("plain"), "$.plain", false, out _);
        reader.ReadInt32(root.GetProperty("wrong"), "$.wrong", true, out _);

        Assert.Equal(new[] { "k-123", "4242", "77.5" }, reader.Secrets.ToArray());
    }
}
