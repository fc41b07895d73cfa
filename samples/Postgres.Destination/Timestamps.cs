using System;
using System.Globalization;
using System.Text;

namespace Postgres;

/// <summary>
/// Reads RFC 3339 / ISO 8601 date-times and dates from UTF-8. The common shape
/// (<c>2024-05-01T12:30:00[.fffffff](Z|±hh:mm)</c>) is read by hand, which is many times faster than the general
/// parser; anything else goes to <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
/// </summary>
internal static class Timestamps
{
    /// <summary>A date-time as UTC (an offset is applied; none means UTC).</summary>
    public static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTime utc)
    {
        if (TryParseFast(text, out var local, out var offset))
        {
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            return true;
        }
        if (TryParseGeneral(text, out var value))
        {
            utc = value.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    /// <summary>A date-time without time zone (an offset, if present, is dropped).</summary>
    public static bool TryParseLocal(ReadOnlySpan<byte> text, out DateTime local)
    {
        if (TryParseFast(text, out local, out _))
        {
            return true;
        }
        if (TryParseGeneral(text, out var value))
        {
            local = value.DateTime;
            return true;
        }
        return false;
    }

    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !Number(text, 0, 4, out var year) || !Number(text, 5, 2, out var month) || !Number(text, 8, 2, out var day)
            || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseFast(ReadOnlySpan<byte> text, out DateTime local, out TimeSpan offset)
    {
        local = default;
        offset = default;
        if (text.Length < 19 || ((text[10] | 0x20) != (byte)'t' && text[10] != (byte)' ') || text[13] != (byte)':' || text[16] != (byte)':'
            || !TryParseDate(text[..10], out var date)
            || !Number(text, 11, 2, out var hour) || !Number(text, 14, 2, out var minute) || !Number(text, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var position = 19;
        long ticks = 0;
        if (position < text.Length && text[position] == (byte)'.')
        {
            var digits = 0;
            for (position++; position < text.Length && (uint)(text[position] - '0') <= 9; position++, digits++)
            {
                if (digits < 7)
                {
                    ticks = ticks * 10 + (text[position] - '0');
                }
            }
            if (digits == 0)
            {
                return false;
            }
            for (; digits < 7; digits++)
            {
                ticks *= 10;
            }
        }
        if (position == text.Length || ((text[position] | 0x20) == (byte)'z' && position == text.Length - 1))
        {
            offset = TimeSpan.Zero;
        }
        else if (text.Length - position == 6 && (text[position] == (byte)'+' || text[position] == (byte)'-') && text[position + 3] == (byte)':'
            && Number(text, position + 1, 2, out var offsetHours) && Number(text, position + 4, 2, out var offsetMinutes) && offsetHours <= 14)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (text[position] == (byte)'-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }
        local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(ticks);
        return true;
    }

    private static bool TryParseGeneral(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 64)
        {
            return false;
        }
        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(text, chars);
        return DateTimeOffset.TryParse(chars[..length], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static bool Number(ReadOnlySpan<byte> text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
