using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>
/// Retries, backoff, Retry-After and X-RateLimit headers, the request budget, attempt timeouts and what is left when the
/// retries run out; waits are checked on a fake clock against the times the fake API saw the requests.
/// </summary>
public sealed class ResilienceTests
{
    private static Task<Item?> Read(TestApi api, string path = "item") => api.Requester.Get(path).ReadAsync(TestJson.Default.Item);

    [Fact]
    public async Task Server_errors_and_network_errors_are_retried_with_growing_delays_and_each_retry_is_logged()
    {
        using var api = new TestApi(o => o with { RetryDelay = TimeSpan.FromSeconds(2) }, fakeTime: true);
        api.Handler.OnGet("item").Respond(HttpStatusCode.ServiceUnavailable).Fail().Respond(HttpStatusCode.InternalServerError)
            .RespondJson("""{"id":1,"name":"a"}""");

        var item = await api.OnFakeTimeAsync(() => Read(api));

        Assert.Equal(1, item!.Id);
        var times = api.Handler.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.Equal(4, times.Count);
        // Exponential with jitter around 2, 4, 8 s: each gap is positive and the last is the longest on average; check bounds.
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0.1, 20));
        var retries = api.Log.Entries.Where(e => e.StartsWith("Warning Retrying", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, retries.Count);
        Assert.Contains("(retry 1 of 5): 503 Service Unavailable", retries[0]);
        Assert.Contains("(retry 2 of 5): The connection was reset (fake).", retries[1]);
        Assert.Contains("(retry 3 of 5): 500 Internal Server Error", retries[2]);
        Assert.All(retries, r => Assert.StartsWith("Warning Retrying GET https://api.test/v1/item in ", r));
    }

    [Fact]
    public async Task Retry_after_in_seconds_or_as_a_date_and_X_RateLimit_reset_are_waited_for_exactly()
    {
        using var api = new TestApi(fakeTime: true);
        var start = api.Time!.GetUtcNow();
        var resetAt = start.AddSeconds(100).ToUnixTimeSeconds();
        api.Handler.OnGet("item")
            .Respond(HttpStatusCode.TooManyRequests, null, ("Retry-After", "30"))
            .Respond(HttpStatusCode.TooManyRequests, null, ("Retry-After", start.AddSeconds(60).ToString("R", CultureInfo.InvariantCulture)))
            .Respond(HttpStatusCode.TooManyRequests, null, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", resetAt.ToString(CultureInfo.InvariantCulture)))
            .Respond(HttpStatusCode.ServiceUnavailable, null, ("RateLimit-Reset", "5"))
            .RespondJson("""{"id":1,"name":"a"}""");

        await api.OnFakeTimeAsync(() => Read(api), TimeSpan.FromMilliseconds(500));

        var times = api.Handler.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.InRange((times[1] - times[0]).TotalSeconds, 30, 31);
        Assert.InRange((times[2] - start).TotalSeconds, 60, 61);
        Assert.InRange((times[3] - DateTimeOffset.FromUnixTimeSeconds(resetAt)).TotalSeconds, 0, 1);
        Assert.InRange((times[4] - times[3]).TotalSeconds, 5, 6);
        var retries = api.Log.Entries.Where(e => e.StartsWith("Warning Retrying", StringComparison.Ordinal)).ToList();
        Assert.Contains("429 Too Many Requests, Retry-After: 30", retries[0]);
        Assert.Contains("429 Too Many Requests, Retry-After: ", retries[1]);
        Assert.Contains($"429 Too Many Requests, X-RateLimit-Reset: {resetAt}", retries[2]);
        Assert.Contains("503 Service Unavailable, RateLimit-Reset: 5", retries[3]);
    }

    [Fact]
    public async Task A_retry_never_comes_before_the_time_the_server_named_even_when_timers_fire_early()
    {
        using var api = new TestApi(fakeTime: true, clock: time => new EarlyTimers(time));
        var start = api.Time!.GetUtcNow();
        var resetAt = start.AddSeconds(100).ToUnixTimeSeconds();
        api.Handler.OnGet("item")
            .Respond(HttpStatusCode.TooManyRequests, null, ("Retry-After", "30"))
            .Respond(HttpStatusCode.TooManyRequests, null, ("X-RateLimit-Reset", resetAt.ToString(CultureInfo.InvariantCulture)))
            .Respond(HttpStatusCode.TooManyRequests, null, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", (resetAt + 20).ToString(CultureInfo.InvariantCulture)))
            .RespondJson("""{"id":1,"name":"a"}""");

        var item = await api.OnFakeTimeAsync(() => Read(api), TimeSpan.FromMilliseconds(50));

        Assert.Equal(1, item!.Id);
        var times = api.Handler.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.Equal(4, times.Count);
        // A timer alone would have let each retry go a tenth of its wait early (27 s after the first 429).
        Assert.InRange((times[1] - times[0]).TotalSeconds, 30, 30.5);
        Assert.InRange((times[2] - DateTimeOffset.FromUnixTimeSeconds(resetAt)).TotalSeconds, 0, 0.5);
        Assert.InRange((times[3] - DateTimeOffset.FromUnixTimeSeconds(resetAt + 20)).TotalSeconds, 0, 0.5);
    }

    [Fact]
    public async Task A_server_asking_for_a_longer_wait_than_allowed_is_not_waited_for()
    {
        using var api = new TestApi(o => o with { MaxRetryAfter = TimeSpan.FromMinutes(1) }, fakeTime: true);
        api.Handler.OnGet("item").Respond(HttpStatusCode.TooManyRequests, null, ("Retry-After", "3600"));

        var error = await Assert.ThrowsAsync<TransientException>(() => Read(api));

        Assert.Contains("was rate limited (Retry-After: 3600)", error.Message);
        Assert.Single(api.Handler.Requests);
    }

    [Fact]
    public async Task When_the_retries_run_out_the_failure_is_transient_and_counts_the_attempts()
    {
        using var api = new TestApi(o => o with { MaxRetries = 2 });
        api.Handler.OnGet("down").Respond(HttpStatusCode.BadGateway, """{"error":"upstream"}""");
        api.Handler.OnGet("unreachable").Fail();

        var status = await Assert.ThrowsAsync<TransientException>(() => Read(api, "down"));
        var network = await Assert.ThrowsAsync<TransientException>(() => Read(api, "unreachable"));

        Assert.Equal("""GET https://api.test/v1/down still failed after 3 attempt(s): 502 Bad Gateway. Response: {"error":"upstream"}""", status.Message);
        Assert.Equal("GET https://api.test/v1/unreachable failed after 3 attempt(s): The connection was reset (fake).", network.Message);
        Assert.Equal(6, api.Handler.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_slower_than_the_timeout_is_abandoned_and_retried()
    {
        using var api = new TestApi(o => o with { AttemptTimeout = TimeSpan.FromSeconds(10) }, fakeTime: true);
        api.Handler.OnGet("item").RespondJson("""{"id":1,"name":"slow"}""").After(TimeSpan.FromSeconds(30)).RespondJson("""{"id":2,"name":"fast"}""");

        var item = await api.OnFakeTimeAsync(() => Read(api));

        Assert.Equal(2, item!.Id);
        Assert.Contains(api.Log.Entries, e => e.Contains("(retry 1 of 5): no response within 10 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_used_up_quota_holds_the_next_request_until_the_reset()
    {
        using var api = new TestApi(fakeTime: true);
        var reset = api.Time!.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds();
        api.Handler.OnGet("first").RespondJson("""{"id":1,"name":"a"}""", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture)));
        api.Handler.OnGet("second").RespondJson("""{"id":2,"name":"b"}""");

        await api.OnFakeTimeAsync(async () => (await Read(api, "first"), await Read(api, "second")));

        Assert.True(api.Handler.Requests[1].ReceivedAt >= DateTimeOffset.FromUnixTimeSeconds(reset));
        Assert.DoesNotContain(api.Log.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_request_budget_is_shared_by_concurrent_reads()
    {
        // Real time: the budget's limiter has its own timer. 4 requests per 400 ms; 12 requests need at least two more windows.
        using var api = new TestApi(o => o with { RequestBudget = new RequestBudget(4, TimeSpan.FromMilliseconds(400)) });
        api.Handler.On(_ => true).RespondJson("""{"id":1,"name":"a"}""");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Read(api, "item" + i)));

        // Requests 0-3 go at once, 4-7 once the first permits slide out of the window, 8-11 a window later: 800 ms, less
        // the sliding window's granularity (a tenth of the window at the first and at the last step). A lower bound only:
        // a busy machine may add to it, never take from it.
        Assert.Equal(12, api.Handler.Requests.Count);
        Assert.True(clock.ElapsedMilliseconds >= 600, $"12 requests took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_connection_dropped_in_the_middle_of_a_body_is_retried()
    {
        using var api = new TestApi();
        api.Handler.OnGet("item")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BrokenStream("""{"id":1,"na"""u8.ToArray())) })
            .RespondJson("""{"id":1,"name":"whole"}""");

        var item = await Read(api);

        Assert.Equal("whole", item!.Name);
        Assert.Equal(2, api.Handler.Requests.Count);
    }

    /// <summary>A body that delivers a few bytes, then fails like a reset connection.</summary>
    private sealed class BrokenStream : System.IO.MemoryStream
    {
        public BrokenStream(byte[] start) : base(start)
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new System.IO.IOException("The connection was reset mid-body (fake).");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new System.IO.IOException("The connection was reset mid-body (fake).");
        }
    }
}
