using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>Innermost: reads each response body whole within the attempt (see <see cref="BufferedContent"/>).</summary>
internal sealed class BufferingHandler : DelegatingHandler
{
    public BufferingHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await BufferedContent.BufferAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            response.Dispose();
            // A connection lost mid-body is a network error like any other: the retry strategy handles HttpRequestException.
            throw new HttpRequestException($"The connection closed while the response body was read: {ex.Message}", ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        return response;
    }
}

/// <summary>Adds credentials to every attempt; after a 401, refreshes them once if the authenticator can.</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly HttpAuthenticator _authenticator;
    private readonly HttpAuthenticationContext _context;

    public AuthenticationHandler(HttpAuthenticator authenticator, HttpAuthenticationContext context, HttpMessageHandler inner) : base(inner)
    {
        _authenticator = authenticator;
        _context = context;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _authenticator.AuthenticateAsync(request, _context, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && await _authenticator.RefreshAsync(_context, cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            await _authenticator.AuthenticateAsync(request, _context, cancellationToken).ConfigureAwait(false);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        return response;
    }
}

/// <summary>
/// Holds every request back while the API has said its quota is used up (<c>X-RateLimit-Remaining: 0</c> with a
/// reset time), so the next request does not earn a 429; and holds a retry back until the time the server named
/// (<see cref="RetryPipeline.ResumeAt"/>). Shared by all the requester's requests. Both waits end by the precise clock,
/// never by a timer alone, which may fire a little early.
/// </summary>
internal sealed class RateLimitGate : DelegatingHandler
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxWait;
    private long _closedUntilTicks;

    public RateLimitGate(TimeProvider time, TimeSpan maxWait, HttpMessageHandler inner) : base(inner)
    {
        _time = time;
        _maxWait = maxWait;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var holdUntil = new DateTimeOffset(Interlocked.Read(ref _closedUntilTicks), TimeSpan.Zero);
        var start = _time.GetUtcNow();
        if (holdUntil - start > _maxWait)
        {
            holdUntil = start + _maxWait;
        }
        if (request.GetResilienceContext() is { } context && context.Properties.TryGetValue(RetryPipeline.ResumeAt, out var resumeAt) && resumeAt > holdUntil)
        {
            holdUntil = resumeAt;
        }
        await WaitUntilAsync(holdUntil, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
        return response;
    }

    private async Task WaitUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        TimeSpan left;
        while ((left = until - _time.GetUtcNow()) > TimeSpan.Zero)
        {
            await Task.Delay(left < OneMillisecond ? OneMillisecond : left, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);
}
