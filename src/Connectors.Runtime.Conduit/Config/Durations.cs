using System;
using System.Globalization;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>Go's duration syntax, as Conduit configs write durations: <c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.SequenceEqual("0"))
        {
            return true;
        }
        var negative = span.Length > 0 && span[0] == '-';
        if (negative || (span.Length > 0 && span[0] == '+'))
        {
            span = span[1..];
        }
        if (span.IsEmpty)
        {
            return false;
        }
        double ticks = 0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }
            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            span = span[digits..];
            var unit = 0;
            while (unit < span.Length && !char.IsAsciiDigit(span[unit]) && span[unit] != '.')
            {
                unit++;
            }
            double? scale = span[..unit] switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (scale is null)
            {
                return false;
            }
            ticks += number * scale.Value;
            span = span[unit..];
        }
        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }
}
