using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>Writes the values that <see cref="Utf8JsonWriter"/> has no overload for; used by generated record serializers.</summary>
public static class JsonValues
{
    /// <summary>
    /// An instant cut to whole microseconds, so it is written with at most six fractional digits: .NET keeps 100 ns
    /// ticks (seven digits), which RFC 3339 allows but which Python's and many databases' parsers reject.
    /// </summary>
    // Called for every timestamp of every record; a native AOT build left it out of line (a call per field in perf profiles).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset Timestamp(DateTimeOffset value)
    {
        var extra = value.Ticks % TicksPerMicrosecond;
        return extra == 0 ? value : value.AddTicks(-extra);
    }

    /// <summary>A date-time cut to whole microseconds (see <see cref="Timestamp(DateTimeOffset)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTime Timestamp(DateTime value)
    {
        var extra = value.Ticks % TicksPerMicrosecond;
        return extra == 0 ? value : value.AddTicks(-extra);
    }

    internal const long TicksPerMicrosecond = 10;

    /// <summary>Writes a date as <c>yyyy-MM-dd</c> (JSON Schema format <c>date</c>).</summary>
    public static void Write(Utf8JsonWriter writer, DateOnly value)
    {
        Span<char> text = stackalloc char[10];
        value.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a time as <c>HH:mm:ss.FFFFFFF</c> (JSON Schema format <c>time</c>).</summary>
    public static void Write(Utf8JsonWriter writer, TimeOnly value)
    {
        Span<char> text = stackalloc char[16];
        value.TryFormat(text, out var written, "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written].TrimEnd('.'));
    }

    /// <summary>Writes any JSON value; an undefined element (default <see cref="JsonElement"/>) is written as null.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
            return;
        }
        value.WriteTo(writer);
    }

    /// <summary>Writes a nullable JSON value.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement? value)
    {
        if (value is { } element)
        {
            Write(writer, element);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
