using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Destinations;

/// <summary>
/// How a destination reads a record's columns: each named top-level field's kind and value, whatever the property
/// order, with properties the list does not name skipped and nothing left over from the previous record.
/// </summary>
public sealed class RecordFieldReaderTests
{
    private static RecordFieldReader Read(string data, params string[] fields)
    {
        var reader = new RecordFieldReader(fields);
        reader.Read(Encoding.UTF8.GetBytes(data));
        return reader;
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void Each_field_gets_its_own_value_and_kind_whatever_the_property_order()
    {
        var reader = Read("""{"n":1.5,"skip":{"a":[1,{"b":2}]},"s":"x","t":true,"f":false,"z":null,"o":{"k":[1]},"a":[1,"2"]}""",
            "s", "n", "t", "f", "z", "o", "a", "missing");

        Assert.Equal(8, reader.FieldCount);
        Assert.Equal(
            [JsonValueKind.String, JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False, JsonValueKind.Null, JsonValueKind.Object,
                JsonValueKind.Array, JsonValueKind.Undefined],
            Enumerable.Range(0, 8).Select(reader.Kind));
        Assert.Equal(["\"x\"", "1.5", "true", "false", "null", """{"k":[1]}""", """[1,"2"]""", ""],
            Enumerable.Range(0, 8).Select(i => Text(reader.Raw(i))));
    }

    [Fact]
    public void An_absent_or_null_field_is_null_and_any_other_value_is_not()
    {
        var reader = Read("""{"z":null,"e":"","zero":0,"f":false}""", "z", "absent", "e", "zero", "f");

        Assert.Equal([true, true, false, false, false], Enumerable.Range(0, 5).Select(reader.IsNull));
    }

    [Fact]
    public void A_field_the_next_record_lacks_is_absent_again()
    {
        var reader = new RecordFieldReader(["id", "name"]);
        reader.Read(Encoding.UTF8.GetBytes("""{"id":1,"name":"ann"}"""));
        reader.Read(Encoding.UTF8.GetBytes("""{"id":2}"""));

        Assert.Equal("2", Text(reader.Raw(0)));
        Assert.Equal(JsonValueKind.Undefined, reader.Kind(1));
        Assert.True(reader.Raw(1).IsEmpty);
    }

    [Fact]
    public void Records_whose_properties_come_in_another_order_or_with_extra_ones_are_read_right()
    {
        // The reader first tries the field found at the same position in the previous record.
        var reader = new RecordFieldReader(["a", "b"]);
        string[] records =
        [
            """{"a":1,"b":2}""",
            """{"b":3,"a":4}""",
            """{"x":0,"a":5,"y":0,"b":6}""",
            """{"p":0,"q":0,"r":0,"s":0,"t":0,"b":7,"u":0,"a":8}""",
            """{"a":9,"b":10}""",
        ];
        var read = records.Select(record =>
        {
            reader.Read(Encoding.UTF8.GetBytes(record));
            return Text(reader.Raw(0)) + "," + Text(reader.Raw(1));
        });

        Assert.Equal(["1,2", "4,3", "5,6", "8,7", "9,10"], read);
    }

    [Fact]
    public void A_record_with_more_properties_than_twice_the_fields_finds_a_field_past_them()
    {
        var reader = new RecordFieldReader(["last"]);
        reader.Read(Encoding.UTF8.GetBytes("""{"a":1,"b":2,"c":3,"last":"here"}"""));
        reader.Read(Encoding.UTF8.GetBytes("""{"a":1,"b":2,"c":3,"d":4,"last":"again"}"""));

        Assert.Equal("again", reader.GetString(0));
    }

    [Fact]
    public void A_field_right_after_the_remembered_positions_is_found()
    {
        // One field remembers two positions (0 and 1); the field at position 2 is the first one past them.
        var reader = new RecordFieldReader(["last"]);
        reader.Read(Encoding.UTF8.GetBytes("""{"a":1,"b":2,"last":"first"}"""));
        reader.Read(Encoding.UTF8.GetBytes("""{"a":1,"b":2,"last":"second"}"""));

        Assert.Equal("second", reader.GetString(0));
    }

    [Fact]
    public void A_reader_of_no_fields_skips_every_property()
    {
        var reader = Read("""{"a":1,"b":{"c":2}}""");

        Assert.Equal(0, reader.FieldCount);
    }

    [Fact]
    public void When_a_property_repeats_the_last_value_wins()
    {
        Assert.Equal("2", Text(Read("""{"a":1,"a":2}""", "a").Raw(0)));
    }

    [Fact]
    public void A_record_is_read_from_its_data()
    {
        var reader = new RecordFieldReader(["id"]);
        var batch = RecordBatch.Of(7, """{"id":42}""");

        reader.Read(batch[0]);

        Assert.True(reader.TryGetInt64(0, out var id));
        Assert.Equal(42, id);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    public void Data_that_is_not_an_object_is_a_JsonException(string data)
    {
        var reader = new RecordFieldReader(["a"]);

        var error = Assert.ThrowsAny<JsonException>(() => reader.Read(Encoding.UTF8.GetBytes(data)));
        if (data.Length > 0)
        {
            Assert.Equal("A record's data is not a JSON object.", error.Message);
        }
    }

    [Fact]
    public void A_string_is_given_without_quotes_and_with_its_escapes_undone()
    {
        var reader = Read("""{"plain":"héllo","escaped":"a\"b\\c\u00e9\n","empty":""}""", "plain", "escaped", "empty");

        Assert.Equal("héllo", Text(reader.Utf8(0)));
        Assert.Equal("a\"b\\cé\n", reader.GetString(1));
        Assert.Equal("", reader.GetString(2));
        Assert.Equal("\"a\\\"b\\\\c\\u00e9\\n\"", Text(reader.Raw(1)));
    }

    [Fact]
    public void A_plain_string_after_an_escaped_one_in_the_same_field_is_given_as_it_is()
    {
        var reader = new RecordFieldReader(["s"]);
        reader.Read(Encoding.UTF8.GetBytes("""{"s":"a\tb"}"""));
        Assert.Equal("a\tb", reader.GetString(0));

        reader.Read(Encoding.UTF8.GetBytes("""{"s":"plain"}"""));

        Assert.Equal("plain", reader.GetString(0));
    }

    [Fact]
    public void A_long_escaped_string_is_decoded_whole()
    {
        var value = string.Concat(Enumerable.Repeat("ab\"c", 300));
        var data = JsonSerializer.Serialize(new { s = value, t = "short\\one" });
        var reader = Read(data, "s", "t");

        Assert.Equal(value, reader.GetString(0));
        Assert.Equal("short\\one", reader.GetString(1));
        Assert.Equal(value, reader.GetString(0));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Reading_a_value_that_is_not_a_string_as_one_names_the_field(string value)
    {
        var reader = Read($$"""{"amount":{{value}}}""", "amount");

        var error = Assert.Throws<InvalidOperationException>(() => reader.GetString(0));
        Assert.Equal("Field 'amount' is not a string.", error.Message);
    }

    [Fact]
    public void An_absent_field_is_not_a_string_either()
    {
        Assert.Throws<InvalidOperationException>(() => Read("{}", "amount").Utf8(0).Length);
    }

    [Theory]
    [InlineData("5", true, 5L)]
    [InlineData("-12", true, -12L)]
    [InlineData("5.0", true, 5L)]
    [InlineData("1e3", true, 1000L)]
    [InlineData("-2.50e1", true, -25L)]
    [InlineData("5.5", false, 0L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("-9223372036854775808.0", true, long.MinValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("1e19", false, 0L)]
    [InlineData("-1e19", false, 0L)]
    [InlineData("1e400", false, 0L)]
    [InlineData("\"5\"", false, 0L)]
    [InlineData("true", false, 0L)]
    [InlineData("null", false, 0L)]
    public void A_whole_number_is_an_Int64_however_it_is_written(string json, bool whole, long expected)
    {
        var reader = Read($$"""{"n":{{json}}}""", "n");

        Assert.Equal(whole, reader.TryGetInt64(0, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void An_absent_number_is_no_number()
    {
        var reader = Read("{}", "n");

        Assert.False(reader.TryGetInt64(0, out _));
        Assert.False(reader.TryGetDouble(0, out _));
        Assert.False(reader.TryGetDecimal(0, out _));
    }

    [Theory]
    [InlineData("1.5", true, 1.5)]
    [InlineData("-2e-3", true, -0.002)]
    [InlineData("1e400", false, 0.0)]
    [InlineData("\"1.5\"", false, 0.0)]
    [InlineData("false", false, 0.0)]
    public void A_finite_number_is_a_double(string json, bool finite, double expected)
    {
        var reader = Read($$"""{"n":{{json}}}""", "n");

        Assert.Equal(finite, reader.TryGetDouble(0, out var value));
        if (finite)
        {
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void A_number_a_string_holds_is_not_read_as_a_number()
    {
        // The string's content would parse; its kind is what decides.
        var reader = Read("""{"n":"1"}""", "n");

        Assert.False(reader.TryGetDouble(0, out var asDouble));
        Assert.Equal(0, asDouble);
        Assert.False(reader.TryGetDecimal(0, out var asDecimal));
        Assert.Equal(0m, asDecimal);
    }

    [Theory]
    [InlineData("1.10", true, "1.10")]
    [InlineData("-0.000000000000000000000000001", true, "-0.000000000000000000000000001")]
    [InlineData("12345678901234567890.5", true, "12345678901234567890.5")]
    [InlineData("1e3", true, "1000")]
    [InlineData("1e400", false, "0")]
    [InlineData("\"1\"", false, "0")]
    public void A_decimal_keeps_the_digits_a_double_would_lose(string json, bool fits, string expected)
    {
        var reader = Read($$"""{"n":{{json}}}""", "n");

        Assert.Equal(fits, reader.TryGetDecimal(0, out var value));
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
