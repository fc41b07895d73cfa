using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>Compares cursor values, writes them into a state object and reads them back.</summary>
/// <typeparam name="T">The cursor type.</typeparam>
public abstract class CursorCodec<T>
{
    /// <summary>What a valid saved value looks like, for error messages ("an ISO 8601 date-time string").</summary>
    public abstract string Description { get; }

    /// <summary>Orders two cursor values.</summary>
    public virtual int Compare(T x, T y) => Comparer<T>.Default.Compare(x, y);

    /// <summary>Writes a cursor value as a JSON value.</summary>
    public abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>Reads a cursor value saved by <see cref="Write"/>.</summary>
    public abstract bool TryRead(JsonElement element, out T value);
}

/// <summary>The cursor types the runtime supports out of the box.</summary>
public static class CursorCodecs
{
    /// <summary>Strings, compared ordinally.</summary>
    public static CursorCodec<string> String => StringCodec.Instance;

    /// <summary>32-bit integers.</summary>
    public static CursorCodec<int> Int32 => Int32Codec.Instance;

    /// <summary>64-bit integers.</summary>
    public static CursorCodec<long> Int64 => Int64Codec.Instance;

    /// <summary>Decimals.</summary>
    public static CursorCodec<decimal> Decimal => DecimalCodec.Instance;

    /// <summary>Doubles.</summary>
    public static CursorCodec<double> Double => DoubleCodec.Instance;

    /// <summary>
    /// Instants with an offset, compared as instants and saved as ISO 8601 strings; both at the whole microseconds records
    /// are written with (<see cref="JsonValues.Timestamp(System.DateTimeOffset)"/>), so a state's cursor is the record's text.
    /// </summary>
    public static CursorCodec<DateTimeOffset> DateTimeOffset => DateTimeOffsetCodec.Instance;

    /// <summary>Date-times, compared and saved as ISO 8601 strings at whole microseconds, as records are written.</summary>
    public static CursorCodec<DateTime> DateTime => DateTimeCodec.Instance;

    /// <summary>Dates, saved as <c>yyyy-MM-dd</c>.</summary>
    public static CursorCodec<DateOnly> DateOnly => DateOnlyCodec.Instance;

    private sealed class StringCodec : CursorCodec<string>
    {
        // Created on first use: a connector pays start-up time only for the codecs its cursors use.
        public static readonly StringCodec Instance = new();

        public override string Description => "a string";
        public override int Compare(string x, string y) => string.CompareOrdinal(x, y);
        public override void Write(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

        public override bool TryRead(JsonElement element, out string value)
        {
            value = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
            return element.ValueKind == JsonValueKind.String;
        }
    }

    private sealed class Int32Codec : CursorCodec<int>
    {
        public static readonly Int32Codec Instance = new();

        public override string Description => "a 32-bit integer";
        public override void Write(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

        public override bool TryRead(JsonElement element, out int value)
        {
            value = 0;
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
        }
    }

    private sealed class Int64Codec : CursorCodec<long>
    {
        public static readonly Int64Codec Instance = new();

        public override string Description => "a 64-bit integer";
        public override void Write(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

        public override bool TryRead(JsonElement element, out long value)
        {
            value = 0;
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
        }
    }

    private sealed class DecimalCodec : CursorCodec<decimal>
    {
        public static readonly DecimalCodec Instance = new();

        public override string Description => "a number";
        public override void Write(Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(value);

        public override bool TryRead(JsonElement element, out decimal value)
        {
            value = 0;
            return element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value);
        }
    }

    private sealed class DoubleCodec : CursorCodec<double>
    {
        public static readonly DoubleCodec Instance = new();

        public override string Description => "a number";
        public override void Write(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);

        public override bool TryRead(JsonElement element, out double value)
        {
            value = 0;
            return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value);
        }
    }

    private sealed class DateTimeOffsetCodec : CursorCodec<DateTimeOffset>
    {
        public static readonly DateTimeOffsetCodec Instance = new();

        public override string Description => "an ISO 8601 date-time string";
        // Timestamp(x).UtcTicks is UtcTicks cut to a whole microsecond (an offset is whole minutes, so cutting the clock
        // time cuts the instant alike): comparing whole microseconds is the same order, without building two values per
        // call of the per-record cursor check.
        public override int Compare(DateTimeOffset x, DateTimeOffset y) =>
            (x.UtcTicks / JsonValues.TicksPerMicrosecond).CompareTo(y.UtcTicks / JsonValues.TicksPerMicrosecond);
        public override void Write(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(JsonValues.Timestamp(value));

        public override bool TryRead(JsonElement element, out DateTimeOffset value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String
                && element.TryGetDateTimeOffset(out _)
                && System.DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out value);
        }
    }

    private sealed class DateTimeCodec : CursorCodec<DateTime>
    {
        public static readonly DateTimeCodec Instance = new();

        public override string Description => "an ISO 8601 date-time string";
        public override int Compare(DateTime x, DateTime y) =>
            (x.Ticks / JsonValues.TicksPerMicrosecond).CompareTo(y.Ticks / JsonValues.TicksPerMicrosecond);
        public override void Write(Utf8JsonWriter writer, DateTime value) => writer.WriteStringValue(JsonValues.Timestamp(value));

        public override bool TryRead(JsonElement element, out DateTime value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String
                && element.TryGetDateTime(out _)
                && System.DateTime.TryParse(element.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.RoundtripKind, out value);
        }
    }

    private sealed class DateOnlyCodec : CursorCodec<DateOnly>
    {
        public static readonly DateOnlyCodec Instance = new();

        public override string Description => "a yyyy-MM-dd date string";

        public override void Write(Utf8JsonWriter writer, DateOnly value)
        {
            System.Span<char> text = stackalloc char[10];
            value.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteStringValue(text[..written]);
        }

        public override bool TryRead(JsonElement element, out DateOnly value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.String
                && System.DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out value);
        }
    }
}
