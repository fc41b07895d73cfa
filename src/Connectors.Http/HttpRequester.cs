using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Connectors.Http;

/// <summary>
/// Sends a connector's requests to one API: base URL, authentication, retries with backoff, <c>Retry-After</c> and
/// rate-limit headers, a request budget and attempt timeouts, on a <see cref="ResiliencePipeline{T}"/>. Create one per
/// connector (its budget and connections are shared by every stream) and dispose it with the connector.
/// </summary>
/// <remarks>
/// Outcomes: 2xx is read; 401 and 403 become <see cref="ConfigException"/> (a config_error); 408, 429, 5xx, network
/// errors and timeouts are retried, and once the retries run out become <see cref="TransientException"/> (a
/// transient_error); any other status is an <see cref="HttpStatusException"/> unless the request ignores it.
/// </remarks>
public sealed class HttpRequester : IDisposable
{
    private readonly HttpRequesterOptions _options;
    private readonly Uri _baseUrl;
    private readonly ILogger _logger;
    private readonly HashSet<string> _secretParameters;
    private readonly RateLimiter? _budget;
    private readonly HttpMessageHandler _primary;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Attempt _attempt;

    /// <summary>Creates the requester and its pipeline.</summary>
    public HttpRequester(HttpRequesterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _baseUrl = ParseBaseUrl(options.BaseUrl);
        _logger = options.Logger ?? NullLogger.Instance;
        _secretParameters = new HashSet<string>(options.Authenticator?.SecretQueryParameters ?? [], StringComparer.Ordinal);
        _budget = options.RequestBudget is { } budget ? CreateBudget(budget) : null;
        _primary = options.PrimaryHandler ?? DefaultHandler(_secretParameters);
        _pipeline = RetryPipeline.Build(options, _budget, this, _logger);
        var gate = new RateLimitGate(options.TimeProvider, options.MaxRetryAfter);
        _attempt = new Attempt(_primary, gate, new HttpAuthenticationContext(this, SendUnauthenticatedAsync));
    }

    /// <summary>The base URL relative paths resolve against (always ending in <c>/</c>).</summary>
    public Uri BaseUrl => _baseUrl;

    /// <summary>The clock of delays and expiries.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>A GET of a literal path (relative to the base URL) or an absolute URL, sent as written.</summary>
    public HttpRequestDefinition Get(string path) => new(this, HttpMethod.Get, path);

    /// <summary>A GET of a path template whose holes are escaped: <c>Get($"packages/{name}")</c>.</summary>
    public HttpRequestDefinition Get(PathTemplate path) => new(this, HttpMethod.Get, path.ToString());

    /// <summary>A POST (a search with a JSON body, a token request).</summary>
    public HttpRequestDefinition Post(string path) => new(this, HttpMethod.Post, path);

    /// <summary>A POST of a path template.</summary>
    public HttpRequestDefinition Post(PathTemplate path) => new(this, HttpMethod.Post, path.ToString());

    /// <summary>A request with any method.</summary>
    public HttpRequestDefinition Request(HttpMethod method, string path) => new(this, method, path);

    /// <summary>A request with any method, of a path template.</summary>
    public HttpRequestDefinition Request(HttpMethod method, PathTemplate path) => new(this, method, path.ToString());

    /// <summary>Sends one request (no pagination) and returns the response, body read; see the class remarks for errors.</summary>
    public Task<HttpResponsePage> SendAsync(HttpRequestDefinition request, CancellationToken cancellationToken = default) =>
        SendAsync(request, _options.Authenticator, cancellationToken);

    private Task<HttpResponsePage> SendUnauthenticatedAsync(HttpRequestDefinition request, CancellationToken cancellationToken) =>
        SendAsync(request, null, cancellationToken);

    /// <summary>"GET http://host/path?query" with secret query parameters and user info masked.</summary>
    public string Describe(HttpMethod method, Uri? uri)
    {
        if (uri is null)
        {
            return method.Method;
        }
        var text = new StringBuilder(method.Method).Append(' ');
        text.Append(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0)
        {
            text.Append("****@");
        }
        text.Append(uri.Authority).Append(uri.AbsolutePath);
        var query = uri.Query;
        if (query.Length > 1)
        {
            var separator = '?';
            foreach (var pair in query[1..].Split('&'))
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair[..equals];
                text.Append(separator).Append(equals >= 0 && _secretParameters.Contains(Uri.UnescapeDataString(name)) ? name + "=****" : pair);
                separator = '&';
            }
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _primary.Dispose();
        _budget?.Dispose();
    }

    private async Task<HttpResponsePage> SendAsync(HttpRequestDefinition request, HttpAuthenticator? authenticator, CancellationToken cancellationToken)
    {
        if (request.Requester != this)
        {
            throw new ArgumentException("The request was made by another requester.", nameof(request));
        }
        using var message = CreateMessage(request);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RetryPipeline.RequestMessage, message);
            var outcome = await _pipeline.ExecuteOutcomeAsync(Attempt.RunAsync, context, (_attempt, authenticator)).ConfigureAwait(false);
            outcome.ThrowIfException();
            response = outcome.Result!;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutRejectedException ? $"no response within {_options.AttemptTimeout.TotalSeconds:0.###} s" : Reason(ex);
            throw new TransientException($"{Describe(message.Method, message.RequestUri)} failed after {Attempts} attempt(s): {reason}", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("{Request} → {Status} in {Milliseconds} ms", Describe(message.Method, message.RequestUri),
                (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var page = new HttpResponsePage(request, response, request.IgnoredStatuses.Contains(response.StatusCode));
        if (response.IsSuccessStatusCode || page.Ignored)
        {
            return page;
        }
        using (page)
        {
            throw StatusError(page, response);
        }
    }

    private Exception StatusError(HttpResponsePage page, HttpResponseMessage response)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return new ConfigException($"{page.Describe()} was refused with {status}: check the credentials. Response: {page.BodySnippet()}");
            case HttpStatusCode.Forbidden:
                return new ConfigException($"{page.Describe()} was refused with {status}: the credentials lack a permission this stream needs. Response: {page.BodySnippet()}");
            case HttpStatusCode.TooManyRequests when RateLimitHeaders.RequestedWait(response, TimeProvider.GetUtcNow()) is { } wait && wait.Wait > _options.MaxRetryAfter:
                return new TransientException($"{page.Describe()} was rate limited ({wait.Source}), a longer wait than the {_options.MaxRetryAfter} allowed.");
            default:
                if (RetryPipeline.IsTransient(response.StatusCode))
                {
                    return new TransientException($"{page.Describe()} still failed after {Attempts} attempt(s): {status}. Response: {page.BodySnippet()}");
                }
                return new HttpStatusException(response.StatusCode, $"{page.Describe()} returned {status}. Response: {page.BodySnippet()}");
        }
    }

    private int Attempts => _options.MaxRetries + 1;

    internal static string Reason(Exception ex)
    {
        var text = new StringBuilder(ex.Message);
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" (").Append(inner.Message).Append(')');
        }
        return text.ToString();
    }

    private HttpRequestMessage CreateMessage(HttpRequestDefinition request)
    {
        var message = new HttpRequestMessage(request.Method, Resolve(request));
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var header in _options.Headers)
        {
            message.Headers.Remove(header.Key);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        foreach (var header in request.Headers)
        {
            message.Headers.Remove(header.Key);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.BodyContentType ?? "application/octet-stream");
        }
        return message;
    }

    private Uri Resolve(HttpRequestDefinition request)
    {
        var relative = request.RelativeUrl();
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }
        return new Uri(_baseUrl, relative.TrimStart('/'));
    }

    private static HttpMessageHandler DefaultHandler(IEnumerable<string> secretParameters)
    {
        // A connector run as a process records or replays its exchanges when its tests ask for it.
        if (Environment.GetEnvironmentVariable(Testing.HttpReplayHandler.CassetteVariable) is { Length: > 0 } cassette)
        {
            return Testing.HttpReplayHandler.RecordOrReplay(cassette, secretParameters);
        }
        return new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
        };
    }

    private static Uri ParseBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException($"The base URL '{baseUrl}' is not an absolute http or https URL.");
        }
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static RateLimiter CreateBudget(RequestBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget.Requests, 1, nameof(budget));
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = budget.Requests,
            Window = budget.Per,
            SegmentsPerWindow = Math.Clamp(budget.Requests, 1, 10),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
