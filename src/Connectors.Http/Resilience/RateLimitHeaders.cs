using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Connectors.Http;

/// <summary>
/// What a response says about when to call again: <c>Retry-After</c> (seconds or an HTTP date), or the
/// <c>X-RateLimit-Reset</c> / <c>RateLimit-Reset</c> family (seconds to wait, or an epoch time in seconds or
/// milliseconds), and whether the quota is used up (<c>X-RateLimit-Remaining: 0</c>).
/// </summary>
internal static class RateLimitHeaders
{
    private static readonly string[] ResetHeaders = ["X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset"];
    private static readonly string[] RemainingHeaders = ["X-RateLimit-Remaining", "RateLimit-Remaining", "X-Rate-Limit-Remaining"];

    // Below this, a reset value is a number of seconds to wait; above it, an epoch time (2001-09-09 in seconds).
    private const long EpochThreshold = 1_000_000_000;

    /// <summary>How long the response asks the client to wait, and which header said so; null when it does not say.</summary>
    public static (TimeSpan Wait, string Source)? RequestedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return (Clamp(delta), $"Retry-After: {(long)delta.TotalSeconds}");
            }
            if (retryAfter.Date is { } date)
            {
                return (Clamp(date - now), $"Retry-After: {date.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }
        return Reset(response, now);
    }

    /// <summary>When the response says the quota is used up (remaining 0), how long until it resets.</summary>
    public static TimeSpan? QuotaExhaustedFor(HttpResponseMessage response, DateTimeOffset now)
    {
        foreach (var name in RemainingHeaders)
        {
            if (Number(response, name) is 0 && Reset(response, now) is { } reset)
            {
                return reset.Wait;
            }
        }
        return null;
    }

    private static (TimeSpan Wait, string Source)? Reset(HttpResponseMessage response, DateTimeOffset now)
    {
        foreach (var name in ResetHeaders)
        {
            if (Number(response, name) is not { } value)
            {
                continue;
            }
            var wait = value switch
            {
                < EpochThreshold => TimeSpan.FromSeconds(value),
                < EpochThreshold * 1000 => DateTimeOffset.FromUnixTimeSeconds(value) - now,
                _ => DateTimeOffset.FromUnixTimeMilliseconds(value) - now,
            };
            return (Clamp(wait), $"{name}: {value.ToString(CultureInfo.InvariantCulture)}");
        }
        return null;
    }

    private static long? Number(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
