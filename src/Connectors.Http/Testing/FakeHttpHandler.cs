using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http.Testing;

/// <summary>
/// An in-memory API for a connector's tests: routes match requests by method, path and query parameters and answer
/// with canned responses, in order (the last one repeats). Every request is recorded, with the time it arrived. Pass it
/// as <see cref="HttpRequesterOptions.PrimaryHandler"/>. A request no route matches throws, naming the request.
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly List<FakeRoute> _routes = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an API with no routes; <paramref name="time"/> stamps requests and runs response delays.</summary>
    public FakeHttpHandler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>
    /// A route for <paramref name="method"/> and <paramref name="pathAndQuery"/>: the request's path must end with the
    /// path (so <c>"items"</c> matches <c>/v1/items</c> under any base URL); each query parameter given must be present
    /// with that value (others may be too).
    /// </summary>
    public FakeRoute On(HttpMethod method, string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?');
        var path = "/" + (question < 0 ? pathAndQuery : pathAndQuery[..question]).TrimStart('/');
        var query = question < 0 ? [] : ParseQuery(pathAndQuery[question..]);
        var wanted = Uri.UnescapeDataString(path);
        return On(request =>
        {
            var actual = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
            return request.Method == method
                && (actual == wanted || actual.EndsWith(wanted, StringComparison.Ordinal))
                && query.All(expected => ParseQuery(request.RequestUri.Query).Contains(expected));
        });
    }

    /// <summary>A GET route.</summary>
    public FakeRoute OnGet(string pathAndQuery) => On(HttpMethod.Get, pathAndQuery);

    /// <summary>A route for the requests <paramref name="matches"/> accepts.</summary>
    public FakeRoute On(Func<HttpRequestMessage, bool> matches)
    {
        var route = new FakeRoute(matches);
        lock (_routes)
        {
            _routes.Add(route);
        }
        return route;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase), body, _time.GetUtcNow()));
        }
        FakeRoute? route;
        lock (_routes)
        {
            // The newest matching route wins, so a test can override a general route with a specific one.
            route = _routes.LastOrDefault(r => r.Matches(request));
        }
        if (route is null)
        {
            throw new InvalidOperationException($"No fake route matches {request.Method} {request.RequestUri}.");
        }
        var step = route.Next();
        if (step.Delay > TimeSpan.Zero)
        {
            await Task.Delay(step.Delay, _time, cancellationToken).ConfigureAwait(false);
        }
        if (step.Failure is { } failure)
        {
            throw failure;
        }
        var response = step.Respond(request);
        response.RequestMessage = request;
        return response;
    }

    private static HashSet<(string, string)> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : "")))
            .ToHashSet();
}

/// <summary>A request the fake API received.</summary>
/// <param name="Method">The method.</param>
/// <param name="Uri">The full URL.</param>
/// <param name="Headers">The request headers (values joined with ", ").</param>
/// <param name="Body">The body as text, if any.</param>
/// <param name="ReceivedAt">When it arrived, by the handler's clock.</param>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, DateTimeOffset ReceivedAt);

/// <summary>The canned responses of one route, served in order; the last repeats.</summary>
public sealed class FakeRoute
{
    private readonly Func<HttpRequestMessage, bool> _matches;
    private readonly List<FakeStep> _steps = new();
    private int _served;

    internal FakeRoute(Func<HttpRequestMessage, bool> matches) => _matches = matches;

    /// <summary>Requests this route answered.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Answers with a status, a JSON body and headers.</summary>
    public FakeRoute Respond(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers) =>
        Add(new FakeStep(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            foreach (var (name, value) in headers)
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content ??= new ByteArrayContent([]);
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            return response;
        }, TimeSpan.Zero, null));

    /// <summary>Answers 200 with a JSON body.</summary>
    public FakeRoute RespondJson(string json, params (string Name, string Value)[] headers) => Respond(HttpStatusCode.OK, json, headers);

    /// <summary>Answers with whatever <paramref name="respond"/> builds from the request.</summary>
    public FakeRoute Respond(Func<HttpRequestMessage, HttpResponseMessage> respond) => Add(new FakeStep(respond, TimeSpan.Zero, null));

    /// <summary>Fails like a network error (a dropped connection).</summary>
    public FakeRoute Fail(Exception? exception = null) =>
        Add(new FakeStep(_ => throw new InvalidOperationException(), TimeSpan.Zero, exception ?? new HttpRequestException("The connection was reset (fake).")));

    /// <summary>Delays the previous response by <paramref name="delay"/> (a slow server).</summary>
    public FakeRoute After(TimeSpan delay)
    {
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException("After() delays the response before it: call Respond() first.");
        }
        _steps[^1] = _steps[^1] with { Delay = delay };
        return this;
    }

    internal bool Matches(HttpRequestMessage request) => _matches(request);

    internal FakeStep Next()
    {
        var index = Interlocked.Increment(ref _served) - 1;
        lock (_steps)
        {
            if (_steps.Count == 0)
            {
                return new FakeStep(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }, TimeSpan.Zero, null);
            }
            return _steps[Math.Min(index, _steps.Count - 1)];
        }
    }

    private FakeRoute Add(FakeStep step)
    {
        lock (_steps)
        {
            _steps.Add(step);
        }
        return this;
    }
}

internal sealed record FakeStep(Func<HttpRequestMessage, HttpResponseMessage> Respond, TimeSpan Delay, Exception? Failure);
