using System;
using System.Buffers.Text;

namespace Postgres.Source;

/// <summary>
/// Writes PostgreSQL's raw binary date and timestamp values (days and microseconds since 2000-01-01) as the server's
/// <c>to_json</c> does in a UTC session: <c>2024-05-01</c>, <c>2024-05-01T10:00:00.5</c>, <c>2024-05-01T10:00:00+00:00</c>,
/// at least four digits of year, <c> BC</c> after years before 1, <c>infinity</c>/<c>-infinity</c>. Reading the raw values
/// covers the server's whole range (4713 BC to 294276 AD), which .NET's DateTime does not.
/// </summary>
internal static class PgDateTimeText
{
    /// <summary>Enough for the longest: <c>-294276-12-31T23:59:59.999999+00:00 BC</c>.</summary>
    public const int MaxLength = 48;

    private const long MicrosecondsPerDay = 86_400_000_000;

    /// <summary>Writes a date (days since 2000-01-01; int.MaxValue/MinValue are ±infinity) and returns its length.</summary>
    public static int FormatDate(int days, Span<byte> output)
    {
        if (days == int.MaxValue || days == int.MinValue)
        {
            return Infinity(days > 0, output);
        }
        var position = 0;
        var era = WriteDate(days, output, ref position);
        return Era(era, output, position);
    }

    /// <summary>
    /// Writes a timestamp (microseconds since 2000-01-01 00:00; long.MaxValue/MinValue are ±infinity), with <c>+00:00</c>
    /// when <paramref name="withTimeZone"/>, and returns its length.
    /// </summary>
    public static int FormatTimestamp(long microseconds, bool withTimeZone, Span<byte> output)
    {
        if (microseconds == long.MaxValue || microseconds == long.MinValue)
        {
            return Infinity(microseconds > 0, output);
        }
        var days = Math.DivRem(microseconds, MicrosecondsPerDay, out var timeOfDay);
        if (timeOfDay < 0)
        {
            days--;
            timeOfDay += MicrosecondsPerDay;
        }
        var position = 0;
        var era = WriteDate(days, output, ref position);
        output[position++] = (byte)'T';
        var seconds = Math.DivRem(timeOfDay, 1_000_000, out var fraction);
        Two((int)(seconds / 3600), output, ref position);
        output[position++] = (byte)':';
        Two((int)(seconds / 60 % 60), output, ref position);
        output[position++] = (byte)':';
        Two((int)(seconds % 60), output, ref position);
        if (fraction != 0)
        {
            // Six digits, trailing zeros dropped: .5, .789012.
            output[position++] = (byte)'.';
            var digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            for (var i = digits - 1; i >= 0; i--)
            {
                output[position + i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            position += digits;
        }
        if (withTimeZone)
        {
            "+00:00"u8.CopyTo(output[position..]);
            position += 6;
        }
        return Era(era, output, position);
    }

    /// <summary>Writes the date of a day count (proleptic Gregorian) and returns true for a year before 1 (BC).</summary>
    private static bool WriteDate(long daysSince2000, Span<byte> output, ref int position)
    {
        // Days since 0000-03-01 (astronomical year 0 = 1 BC), then the civil-from-days algorithm over 400-year eras.
        var z = daysSince2000 + 730_425;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var monthIndex = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        var month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        var bc = year <= 0;
        var shown = bc ? 1 - year : year;
        if (shown < 1000)
        {
            var pad = shown < 10 ? 3 : shown < 100 ? 2 : 1;
            for (var i = 0; i < pad; i++)
            {
                output[position++] = (byte)'0';
            }
        }
        Utf8Formatter.TryFormat(shown, output[position..], out var written);
        position += written;
        output[position++] = (byte)'-';
        Two((int)month, output, ref position);
        output[position++] = (byte)'-';
        Two((int)day, output, ref position);
        return bc;
    }

    private static void Two(int value, Span<byte> output, ref int position)
    {
        output[position++] = (byte)('0' + value / 10);
        output[position++] = (byte)('0' + value % 10);
    }

    private static int Era(bool bc, Span<byte> output, int position)
    {
        if (!bc)
        {
            return position;
        }
        " BC"u8.CopyTo(output[position..]);
        return position + 3;
    }

    private static int Infinity(bool positive, Span<byte> output)
    {
        var text = positive ? "infinity"u8 : "-infinity"u8;
        text.CopyTo(output);
        return text.Length;
    }
}
