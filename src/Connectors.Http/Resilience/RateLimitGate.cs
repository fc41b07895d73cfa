using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace Connectors.Http;

/// <summary>
/// Holds every request back while the API has said its quota is used up (<c>X-RateLimit-Remaining: 0</c> with a
/// reset time), so the next request does not earn a 429; and holds a retry back until the time the server named
/// (<see cref="RetryPipeline.ResumeAt"/>). Shared by all the requester's requests. Both waits end by the precise clock,
/// never by a timer alone, which may fire a little early.
/// </summary>
internal sealed class RateLimitGate
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxWait;
    private long _closedUntilTicks;

    public RateLimitGate(TimeProvider time, TimeSpan maxWait)
    {
        _time = time;
        _maxWait = maxWait;
    }

    /// <summary>Completes at once (no allocation) unless the gate is closed or the attempt's context names a later time.</summary>
    public ValueTask WaitAsync(ResilienceContext context, CancellationToken cancellationToken)
    {
        var holdUntil = new DateTimeOffset(Interlocked.Read(ref _closedUntilTicks), TimeSpan.Zero);
        var start = _time.GetUtcNow();
        if (holdUntil - start > _maxWait)
        {
            holdUntil = start + _maxWait;
        }
        if (context.Properties.TryGetValue(RetryPipeline.ResumeAt, out var resumeAt) && resumeAt > holdUntil)
        {
            holdUntil = resumeAt;
        }
        return holdUntil > start ? WaitUntilAsync(holdUntil, cancellationToken) : default;
    }

    /// <summary>Closes the gate until the reset time when <paramref name="response"/> says the quota is used up.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var now = _time.GetUtcNow();
        if (RateLimitHeaders.QuotaExhaustedFor(response, now) is { } closedFor && closedFor > TimeSpan.Zero)
        {
            var until = (now + closedFor).UtcTicks;
            long current;
            while ((current = Interlocked.Read(ref _closedUntilTicks)) < until
                && Interlocked.CompareExchange(ref _closedUntilTicks, until, current) != current)
            {
            }
        }
    }

    private async ValueTask WaitUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        TimeSpan left;
        while ((left = until - _time.GetUtcNow()) > TimeSpan.Zero)
        {
            await Task.Delay(left < OneMillisecond ? OneMillisecond : left, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);
}
