using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>Cursor values survive the trip into a state file and back, and compare the way the stream orders them.</summary>
public sealed class CursorCodecTests
{
    private static string Write<T>(CursorCodec<T> codec, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            codec.Write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T RoundTrip<T>(CursorCodec<T> codec, T value)
    {
        using var document = JsonDocument.Parse(Write(codec, value));
        Assert.True(codec.TryRead(document.RootElement, out var read), $"cannot read back {document.RootElement.GetRawText()}");
        return read;
    }

    private static bool TryRead<T>(CursorCodec<T> codec, string json)
    {
        using var document = JsonDocument.Parse(json);
        return codec.TryRead(document.RootElement, out _);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ü \"quoted\" \\ /")]
    public void Strings_round_trip(string value) => Assert.Equal(value, RoundTrip(CursorCodecs.String, value));

    [Fact]
    public void Strings_compare_ordinally()
    {
        Assert.True(CursorCodecs.String.Compare("B", "a") < 0);
        Assert.True(CursorCodecs.String.Compare("a", "b") < 0);
        Assert.Equal(0, CursorCodecs.String.Compare("x", "x"));
        Assert.False(TryRead(CursorCodecs.String, "5"));
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void Int32_round_trips(int value) => Assert.Equal(value, RoundTrip(CursorCodecs.Int32, value));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Int64_round_trips(long value)
    {
        Assert.Equal(value, RoundTrip(CursorCodecs.Int64, value));
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Write(CursorCodecs.Int64, value));
    }

    [Fact]
    public void Integers_reject_other_values()
    {
        Assert.False(TryRead(CursorCodecs.Int32, "2147483648"));
        Assert.False(TryRead(CursorCodecs.Int32, "1.5"));
        Assert.False(TryRead(CursorCodecs.Int32, "\"1\""));
        Assert.False(TryRead(CursorCodecs.Int64, "9223372036854775808"));
        Assert.False(TryRead(CursorCodecs.Int64, "null"));
        Assert.True(CursorCodecs.Int64.Compare(-1, 1) < 0);
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("-12345.6789")]
    [InlineData("79228162514264337593543950335")]
    public void Decimals_round_trip(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(value, RoundTrip(CursorCodecs.Decimal, value));
        Assert.False(TryRead(CursorCodecs.Decimal, "\"1\""));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-1e300)]
    [InlineData(double.Epsilon)]
    public void Doubles_round_trip(double value) => Assert.Equal(value, RoundTrip(CursorCodecs.Double, value));

    [Fact]
    public void Date_time_offsets_round_trip_with_their_offset_and_compare_as_instants()
    {
        var value = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)).AddTicks(1234560);

        var read = RoundTrip(CursorCodecs.DateTimeOffset, value);

        Assert.Equal(value, read);
        Assert.Equal(value.Offset, read.Offset);
        Assert.Equal("\"2024-05-06T07:08:09.123456-05:00\"", Write(CursorCodecs.DateTimeOffset, value));
        var sameInstant = value.ToOffset(TimeSpan.FromHours(3));
        Assert.Equal(0, CursorCodecs.DateTimeOffset.Compare(value, sameInstant));
        // Later in wall-clock text, earlier as an instant.
        var earlier = new DateTimeOffset(2024, 5, 6, 10, 0, 0, TimeSpan.FromHours(9));
        Assert.True(CursorCodecs.DateTimeOffset.Compare(earlier, value) < 0);
        Assert.False(TryRead(CursorCodecs.DateTimeOffset, "\"not a date\""));
        Assert.False(TryRead(CursorCodecs.DateTimeOffset, "1714993689"));
    }

    [Fact]
    public void Date_times_are_saved_and_compared_at_the_microseconds_records_are_written_with()
    {
        var offset = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234567);
        var sameMicrosecond = offset.AddTicks(-6);
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);

        // A record's DateTimeOffset member is written through JsonValues.Timestamp: the state carries the same text.
        Assert.Equal(RecordText(offset), Write(CursorCodecs.DateTimeOffset, offset));
        Assert.Equal("\"2024-05-06T07:08:09.123456+02:00\"", Write(CursorCodecs.DateTimeOffset, offset));
        Assert.Equal(0, CursorCodecs.DateTimeOffset.Compare(offset, sameMicrosecond));
        Assert.True(CursorCodecs.DateTimeOffset.Compare(offset.AddTicks(10), offset) > 0);
        Assert.Equal("\"2024-01-02T03:04:05.123456Z\"", Write(CursorCodecs.DateTime, utc));
        Assert.Equal(0, CursorCodecs.DateTime.Compare(utc, utc.AddTicks(-6)));
        Assert.True(CursorCodecs.DateTime.Compare(utc, utc.AddTicks(-8)) > 0);
    }

    [Fact]
    public void Date_times_compare_as_the_instants_of_their_written_microseconds()
    {
        // The per-record compare divides ticks instead of building the written values: the order must be the same, for
        // any offset and any sub-microsecond part, as the order of the values the state and the records carry.
        var random = new Random(14);
        var offsets = new[] { TimeSpan.Zero, TimeSpan.FromHours(-5), TimeSpan.FromMinutes(345), TimeSpan.FromHours(14), TimeSpan.FromHours(-14) };
        var start = new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 20_000; i++)
        {
            var x = new DateTimeOffset(start + random.Next(0, 40), TimeSpan.Zero).ToOffset(offsets[random.Next(offsets.Length)]);
            var y = new DateTimeOffset(start + random.Next(0, 40), TimeSpan.Zero).ToOffset(offsets[random.Next(offsets.Length)]);
            var expected = Math.Sign(JsonValues.Timestamp(x).UtcTicks.CompareTo(JsonValues.Timestamp(y).UtcTicks));
            Assert.Equal(expected, Math.Sign(CursorCodecs.DateTimeOffset.Compare(x, y)));

            var a = new DateTime(start + random.Next(0, 40), (DateTimeKind)random.Next(3));
            var b = new DateTime(start + random.Next(0, 40), (DateTimeKind)random.Next(3));
            Assert.Equal(Math.Sign(JsonValues.Timestamp(a).CompareTo(JsonValues.Timestamp(b))), Math.Sign(CursorCodecs.DateTime.Compare(a, b)));
        }
    }

    /// <summary>How a generated record writer writes a DateTimeOffset member.</summary>
    private static string RecordText(DateTimeOffset value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(JsonValues.Timestamp(value));
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Date_times_round_trip_with_their_kind()
    {
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(70);
        var unspecified = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);

        Assert.Equal(utc, RoundTrip(CursorCodecs.DateTime, utc));
        Assert.Equal(DateTimeKind.Utc, RoundTrip(CursorCodecs.DateTime, utc).Kind);
        Assert.Equal(unspecified, RoundTrip(CursorCodecs.DateTime, unspecified));
        Assert.False(TryRead(CursorCodecs.DateTime, "true"));
    }

    [Fact]
    public void Dates_round_trip_as_yyyy_MM_dd()
    {
        var value = new DateOnly(2024, 2, 29);

        Assert.Equal("\"2024-02-29\"", Write(CursorCodecs.DateOnly, value));
        Assert.Equal(value, RoundTrip(CursorCodecs.DateOnly, value));
        Assert.False(TryRead(CursorCodecs.DateOnly, "\"2024-02-29T00:00:00\""));
        Assert.True(CursorCodecs.DateOnly.Compare(new DateOnly(2023, 12, 31), value) < 0);
    }

    [Fact]
    public void Descriptions_say_what_a_saved_value_must_look_like()
    {
        Assert.Equal("a string", CursorCodecs.String.Description);
        Assert.Equal("a 32-bit integer", CursorCodecs.Int32.Description);
        Assert.Equal("a 64-bit integer", CursorCodecs.Int64.Description);
        Assert.Equal("an ISO 8601 date-time string", CursorCodecs.DateTimeOffset.Description);
        Assert.Equal("a yyyy-MM-dd date string", CursorCodecs.DateOnly.Description);
    }
}
