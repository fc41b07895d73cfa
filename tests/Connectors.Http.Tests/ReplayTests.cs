using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Connectors.Http.Testing;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>Recording a connector's exchanges into a cassette and replaying them offline.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly string _cassette = Path.Combine(Path.GetTempPath(), "connectors-cassette-" + Guid.NewGuid().ToString("N") + ".json");

    private static HttpRequester Requester(System.Net.Http.HttpMessageHandler handler, string baseUrl = "https://api.test/v1/") =>
        new(new HttpRequesterOptions
        {
            BaseUrl = baseUrl,
            PrimaryHandler = handler,
            Authenticator = ApiKeyAuthenticator.Query("api_key", "key-secret"),
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

    private static Task<System.Collections.Generic.List<Item>> ReadAll(HttpRequester requester) =>
        requester.Get("items").Paginate(new PageNumberPaginator("page", null, 2)).Records("$[*]", TestJson.Default.Item).ReadAllAsync();

    [Fact]
    public async Task A_recorded_read_replays_offline_against_another_host_without_the_secret_in_the_cassette()
    {
        var live = new FakeHttpHandler();
        live.OnGet("items?page=1").RespondJson(Items.Json(1, 2), ("Link", "<x>; rel=next"));
        live.OnGet("items?page=2").RespondJson(Items.Json(3, 3));
        System.Collections.Generic.List<Item> recorded;
        using (var requester = Requester(HttpReplayHandler.Record(_cassette, live, redactQueryParameters: ["api_key"])))
        {
            recorded = await ReadAll(requester);
        }

        using var replayer = Requester(HttpReplayHandler.Replay(_cassette, ["api_key"]), "http://127.0.0.1:9/v1/");
        var replayed = await ReadAll(replayer);

        Assert.Equal(recorded, replayed);
        Assert.Equal(3, replayed.Count);
        var text = File.ReadAllText(_cassette);
        Assert.DoesNotContain("key-secret", text);
        Assert.Contains("GET /v1/items?page=1&api_key=****", text);
        Assert.Contains("rel=next", text);
    }

    [Fact]
    public async Task A_request_the_cassette_does_not_hold_fails_naming_it()
    {
        var live = new FakeHttpHandler();
        live.OnGet("items").RespondJson(Items.Json(1, 1));
        using (var requester = Requester(HttpReplayHandler.Record(_cassette, live)))
        {
            await ReadAll(requester);
        }
        using var replayer = Requester(HttpReplayHandler.Replay(_cassette));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => replayer.Get("other").ReadAsync(TestJson.Default.Item));

        Assert.Contains("holds no exchange for GET /v1/other", error.Message);
    }

    [Fact]
    public async Task Identical_requests_get_their_responses_in_recorded_order_including_failures()
    {
        var live = new FakeHttpHandler();
        live.OnGet("flaky").Respond(HttpStatusCode.ServiceUnavailable).RespondJson("""{"id":5,"name":"ok"}""");
        using (var requester = Requester(HttpReplayHandler.Record(_cassette, live)))
        {
            await requester.Get("flaky").ReadAsync(TestJson.Default.Item);
        }
        var handler = HttpReplayHandler.Replay(_cassette);
        using var replayer = Requester(handler);

        var item = await replayer.Get("flaky").ReadAsync(TestJson.Default.Item);

        Assert.Equal(5, item!.Id);
        Assert.False(handler.IsRecording);
    }

    public void Dispose() => File.Delete(_cassette);
}
