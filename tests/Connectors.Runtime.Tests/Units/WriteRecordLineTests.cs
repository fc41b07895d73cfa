using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// A plain RECORD line is parsed by <see cref="WriteRecordLine"/> (the scanner's fast path) and everything else by the
/// reader's pass. Whenever the fast path takes a line, the reader's pass must accept that line too and give the same
/// message and the same data properties; random lines and random damage to them check it.
/// </summary>
public sealed class WriteRecordLineTests
{
    public static TheoryData<string> Plain => new()
    {
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1,"name":"ann"},"emitted_at":1700000000000}}""",
        """{"record":{"emitted_at":-5,"data":{},"namespace":"shop","stream":"orders"},"type":"RECORD"}""",
        """ { "type" : "RECORD" , "record" : { "stream" : "u" , "namespace" : null , "data" : { "a" : [ 1 , { "b" : "c" } ] } } } """,
        """{"type":"RECORD","record":{"stream":"us\u0065rs","data":{"n\u0061me":"tab\t\"q\" \u00e9"},"meta":{"x":[true,false,null]}},"extra":1}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1,"id":2}}}""",
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_plain_RECORD_takes_the_fast_path_and_parses_as_the_reader_does(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.True(WriteRecordLine.TryParse(bytes, new DataFields(), out _));
        AssertSameAsReader(bytes);
    }

    public static TheoryData<string> LeftToReader => new()
    {
        """{"type":"STATE","state":{"type":"GLOBAL"}}""",
        """{"type":"TRACE","trace":{"type":"ERROR","error":{"message":"x"}}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1}},"type":"RECORD"}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1},"data":{"id":2}}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":1.5}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":99999999999999999999}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":"1"}}""",
        """{"type":"RECORD","record":{"stream":"users","data":[1]}}""",
        """{"type":"RECORD","record":{"stream":"users"}}""",
        """{"type":"RECORD","record":{"stream":7,"data":{}}}""",
        """{"type":"RECORD","record":{}}""",
        """{"type":"RECORD"}""",
        """{"t\u0079pe":"RECORD","record":{"stream":"users","data":{}}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"s":"\ud83d\ude00"}}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1}}} {}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":1}}""",
        """{"type":"RECORD","record":{"stream":"users","data":{"id":01}}}""",
        """[]""",
    };

    [Theory]
    [MemberData(nameof(LeftToReader))]
    public void Any_other_line_is_left_to_the_reader_which_gives_the_result_or_the_error(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.False(WriteRecordLine.TryParse(bytes, new DataFields(), out _));
        AssertSameAsReader(bytes);
    }

    [Fact]
    public void Random_record_lines_and_random_damage_to_them_parse_as_the_reader_parses_them()
    {
        var random = new Random(1405);
        var fast = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var line = Encoding.UTF8.GetBytes(RecordLine(random));
            fast += WriteRecordLine.TryParse(line, new DataFields(), out _) ? 1 : 0;
            AssertSameAsReader(line);
            AssertSameAsReader(RandomJson.Damage(random, line));
        }
        // Surrogate escapes and non-integer emitted_at values are left to the reader; the rest takes the fast path.
        Assert.True(fast > 4_000, $"{fast} of 10000 lines on the fast path");
    }

    [Fact]
    public void A_property_name_with_a_lone_surrogate_escape_is_a_JSON_error_not_a_crash()
    {
        var line = Encoding.UTF8.GetBytes("""{"type":"RECORD","\udc00":1,"record":{"stream":"users","data":{}}}""");

        var error = Assert.ThrowsAny<JsonException>(() => InputMessage.Parse(line, new DataFields()));

        Assert.Contains("invalid escape", InputMessage.Describe(line, error));
    }

    [Fact]
    public void A_bad_line_gets_the_readers_error_naming_its_JSON_path()
    {
        var line = Encoding.UTF8.GetBytes("""{"type":"RECORD","record":{"stream":"users","data":{"id":1,"address":{"city":"Oslo",}}}}""");

        var error = Assert.ThrowsAny<JsonException>(() => InputMessage.Parse(line, new DataFields()));

        Assert.Contains("$.record.data.address", InputMessage.Describe(line, error));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0xA9 }, true)] // é
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, true)] // an emoji
    [InlineData(new byte[] { 0xC3, 0x28 }, false)] // a lead byte without its continuation
    [InlineData(new byte[] { 0xA9 }, false)] // a lone continuation byte
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, false)] // an encoded surrogate
    [InlineData(new byte[] { 0xFF }, false)]
    public void Non_ASCII_text_anywhere_in_a_string_is_checked_to_be_valid_UTF_8(byte[] text, bool valid)
    {
        // The scanner skips string bodies 16 bytes at a time: the bytes fall at every offset of the first vectors and
        // beyond, in a data value, a property name and the stream's name.
        for (var at = 0; at <= 80; at++)
        {
            var plain = new string('a', at);
            foreach (var (before, after) in new[]
            {
                ("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"k\":\"" + plain, "z\"}}}"),
                ("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"" + plain, "\":1}}}"),
                ("{\"type\":\"RECORD\",\"record\":{\"stream\":\"" + plain, "\",\"data\":{}}}"),
            })
            {
                byte[] line = [.. Encoding.UTF8.GetBytes(before), .. text, .. Encoding.UTF8.GetBytes(after)];

                Assert.Equal(valid, WriteRecordLine.TryParse(line, new DataFields(), out _));
                AssertSameAsReader(line);
            }
        }
    }

    private static string RecordLine(Random random)
    {
        string[] members =
        [
            "\"stream\":" + (random.Next(8) == 0 ? "null" : RandomJson.String(random)),
            .. random.Next(2) == 0 ? new[] { "\"namespace\":" + (random.Next(3) == 0 ? "null" : RandomJson.String(random)) } : [],
            "\"data\":" + RandomJson.Object(random, 3),
            .. random.Next(3) > 0 ? new[] { "\"emitted_at\":" + (random.Next(5) == 0 ? RandomJson.Value(random, 5) : random.NextInt64(-1, long.MaxValue).ToString()) } : [],
            .. random.Next(5) == 0 ? new[] { "\"meta\":" + RandomJson.Value(random, 3) } : [],
        ];
        var record = "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
        string[] envelope = ["\"type\":\"RECORD\"", "\"record\":" + record, .. random.Next(5) == 0 ? new[] { "\"x\":[1]" } : []];
        return "{" + string.Join(random.Next(3) == 0 ? " , " : ",", envelope.OrderBy(_ => random.Next())) + "}";
    }

    /// <summary>Whatever the fast path takes, the reader's pass takes too, with the same message and properties.</summary>
    private static void AssertSameAsReader(byte[] line)
    {
        var text = Encoding.UTF8.GetString(line);
        var fastFields = new DataFields();
        var readerFields = new DataFields();
        if (!WriteRecordLine.TryParse(line, fastFields, out var fast))
        {
            // Parse falls back to the reader's pass: the same outcome, error included.
            var viaParse = Outcome(() => InputMessage.Parse(line, new DataFields()));
            var viaReader = Outcome(() => InputMessage.ParseWithReader(line, new DataFields()));
            Assert.Equal(viaReader, viaParse);
            return;
        }
        InputMessage slow;
        try
        {
            slow = InputMessage.ParseWithReader(line, readerFields);
        }
        catch (JsonException ex)
        {
            Assert.Fail($"the fast path took a line the reader refuses ({ex.Message}): {text}");
            return;
        }
        Assert.Equal(Show(slow), Show(fast));
        Assert.Equal(readerFields.AsSpan().ToArray(), fastFields.AsSpan().ToArray());
    }

    private static string Outcome(Func<InputMessage> parse)
    {
        try
        {
            return Show(parse());
        }
        catch (JsonException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static string Show(InputMessage m) =>
        $"{m.Kind} stream={m.Stream} ns={m.Namespace} data={m.Data} {m.DataToken} at={m.EmittedAt} state={m.State} record={m.HasRecordObject} status={m.Status} error={m.ErrorMessage}";
}
