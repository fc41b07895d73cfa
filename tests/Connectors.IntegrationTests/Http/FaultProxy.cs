using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.IntegrationTests.Http;

/// <summary>A fault the proxy injects instead of (or while) forwarding one request.</summary>
public abstract record Fault
{
    /// <summary>429 with <c>Retry-After: seconds</c>.</summary>
    public sealed record RetryAfter(int Seconds) : Fault;

    /// <summary>429 with <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c> at an epoch second this far ahead (rounded up).</summary>
    public sealed record RateLimitReset(int Seconds) : Fault;

    /// <summary>503 Service Unavailable, no hint when to come back.</summary>
    public sealed record Unavailable : Fault;

    /// <summary>Waits, then forwards: longer than the client's attempt timeout, the attempt is abandoned.</summary>
    public sealed record Slow(TimeSpan Delay) : Fault;

    /// <summary>Closes the connection before answering.</summary>
    public sealed record Drop : Fault;

    /// <summary>Sends the status line, headers and half the body, then closes the connection.</summary>
    public sealed record DropMidBody : Fault;
}

/// <summary>One request the proxy saw: when it arrived (server clock), what it asked for, and the fault it got, if any.</summary>
public sealed record ProxiedRequest(int Index, DateTimeOffset ArrivedAt, string Method, string PathAndQuery, Fault? Fault, DateTimeOffset? ResumeAt);

/// <summary>
/// A small Kestrel reverse proxy in front of verdaccio that injects faults on a schedule: the n-th request (0-based)
/// gets <c>faults[n]</c>, or a fault for every request with <see cref="Always"/>. Every request is recorded with its
/// arrival time, so a test can check that the client waited as long as it was told to.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _target;
    private readonly IReadOnlyDictionary<int, Fault> _schedule;
    private readonly Fault? _always;
    private readonly List<ProxiedRequest> _requests = new();
    private int _count;

    private FaultProxy(Uri target, IReadOnlyDictionary<int, Fault> schedule, Fault? always)
    {
        _target = target;
        _schedule = schedule;
        _always = always;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>The proxy's URL, ending in '/'.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every request so far.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.OrderBy(r => r.Index).ToList();
            }
        }
    }

    public static async Task<FaultProxy> StartAsync(string target, IReadOnlyDictionary<int, Fault> schedule) =>
        await StartAsync(new FaultProxy(new Uri(target), schedule, null));

    /// <summary>A proxy that injects <paramref name="fault"/> into every request.</summary>
    public static async Task<FaultProxy> AlwaysAsync(string target, Fault fault) =>
        await StartAsync(new FaultProxy(new Uri(target), new Dictionary<int, Fault>(), fault));

    private static async Task<FaultProxy> StartAsync(FaultProxy proxy)
    {
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = address.TrimEnd('/') + "/";
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        var arrived = DateTimeOffset.UtcNow;
        var fault = _always ?? _schedule.GetValueOrDefault(index);
        var pathAndQuery = context.Request.Path + context.Request.QueryString;
        DateTimeOffset? resumeAt = null;
        switch (fault)
        {
            case Fault.RetryAfter retryAfter:
                resumeAt = arrived.AddSeconds(retryAfter.Seconds);
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = retryAfter.Seconds.ToString(CultureInfo.InvariantCulture);
                break;
            case Fault.RateLimitReset reset:
                var epoch = (long)Math.Ceiling(arrived.AddSeconds(reset.Seconds).ToUnixTimeMilliseconds() / 1000.0);
                resumeAt = DateTimeOffset.FromUnixTimeSeconds(epoch);
                context.Response.StatusCode = 429;
                context.Response.Headers["X-RateLimit-Limit"] = "100";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = epoch.ToString(CultureInfo.InvariantCulture);
                break;
            case Fault.Unavailable:
                context.Response.StatusCode = 503;
                break;
            case Fault.Drop:
                context.Abort();
                break;
        }
        lock (_requests)
        {
            _requests.Add(new ProxiedRequest(index, arrived, context.Request.Method, pathAndQuery, fault, resumeAt));
        }
        if (fault is Fault.RetryAfter or Fault.RateLimitReset or Fault.Unavailable or Fault.Drop)
        {
            return;
        }
        if (fault is Fault.Slow slow)
        {
            try
            {
                await Task.Delay(slow.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await ForwardAsync(context, pathAndQuery, fault is Fault.DropMidBody);
    }

    private async Task ForwardAsync(HttpContext context, string pathAndQuery, bool dropMidBody)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, pathAndQuery.TrimStart('/')));
        foreach (var header in context.Request.Headers)
        {
            if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) && !request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                request.Content ??= new StreamContent(context.Request.Body);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }
        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        context.Response.ContentLength = body.Length;
        if (dropMidBody)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(body);
    }
}
