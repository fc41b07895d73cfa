using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>Values generated record serializers write through the runtime.</summary>
public sealed class JsonValuesTests
{
    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Timestamps_are_written_with_at_most_six_fractional_digits()
    {
        var instant = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        Assert.Equal("\"2024-05-01T12:00:00.123456+02:00\"", Written(w => w.WriteStringValue(JsonValues.Timestamp(instant))));
        Assert.Equal("\"2024-05-01T10:00:00.123456Z\"", Written(w => w.WriteStringValue(JsonValues.Timestamp(instant.UtcDateTime))));
    }

    [Fact]
    public void Whole_microseconds_and_seconds_are_written_as_they_are()
    {
        var whole = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(whole, JsonValues.Timestamp(whole));
        Assert.Equal(whole.AddTicks(10), JsonValues.Timestamp(whole.AddTicks(19)));
        Assert.Equal("\"2024-05-01T12:00:00+00:00\"", Written(w => w.WriteStringValue(JsonValues.Timestamp(whole))));
    }

    [Fact]
    public void Dates_and_times_use_their_json_schema_formats()
    {
        Assert.Equal("\"2024-05-01\"", Written(w => JsonValues.Write(w, new DateOnly(2024, 5, 1))));
        Assert.Equal("\"13:45:00.5\"", Written(w => JsonValues.Write(w, new TimeOnly(13, 45, 0, 500))));
        Assert.Equal("\"13:45:00\"", Written(w => JsonValues.Write(w, new TimeOnly(13, 45))));
        Assert.Equal("null", Written(w => JsonValues.Write(w, default(JsonElement))));
    }
}
