using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Connectors.Http;

/// <summary>How an <see cref="HttpRequester"/> reaches an API: where, as whom, and how it copes with failures.</summary>
public sealed record HttpRequesterOptions
{
    /// <summary>The API's base URL (usually a config property); relative request paths are resolved against it.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Adds credentials to every request; null for none.</summary>
    public HttpAuthenticator? Authenticator { get; init; }

    /// <summary>Headers sent with every request (besides the authenticator's).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = "connectors-http/0.1";

    /// <summary>Retries after the first attempt (5xx, 408, 429, network errors, attempt timeouts). 0 disables retries.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first retry's median delay; it doubles with each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No backoff delay is longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest wait a server may ask for with <c>Retry-After</c> or <c>X-RateLimit-Reset</c>; a 429 asking for
    /// more is not retried (the stream fails with a transient error).
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one attempt (request and whole response body) may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many requests (attempts, retries included) per interval, shared by every stream; null for no limit.</summary>
    public RequestBudget? RequestBudget { get; init; }

    /// <summary>Where retries (WARN) and requests (DEBUG) are logged; the stream's or check's <c>ILogger</c>.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// The handler that does the I/O: by default a <see cref="SocketsHttpHandler"/>; tests pass a
    /// <see cref="Testing.HttpReplayHandler"/> or <see cref="Testing.FakeHttpHandler"/>. The requester disposes it.
    /// </summary>
    public HttpMessageHandler? PrimaryHandler { get; init; }

    /// <summary>The clock of backoff delays, timeouts and rate limits (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>A request budget: at most <paramref name="Requests"/> requests in any <paramref name="Per"/>, spread over the interval.</summary>
/// <param name="Requests">Requests allowed per interval (at least 1).</param>
/// <param name="Per">The interval.</param>
public sealed record RequestBudget(int Requests, TimeSpan Per)
{
    /// <summary>A budget of so many requests per second.</summary>
    public static RequestBudget PerSecond(int requests) => new(requests, TimeSpan.FromSeconds(1));

    /// <summary>A budget of so many requests per minute.</summary>
    public static RequestBudget PerMinute(int requests) => new(requests, TimeSpan.FromMinutes(1));
}
