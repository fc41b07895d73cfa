using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>Each authenticator on the wire, token caching and refresh, and secrets kept out of what is logged.</summary>
public sealed class AuthenticationTests
{
    private static Task<Item?> Read(TestApi api, string path = "item") => api.Requester.Get(path).ReadAsync(TestJson.Default.Item);

    [Fact]
    public async Task Static_credentials_go_in_the_header_or_query_they_are_configured_for()
    {
        using var bearer = new TestApi(o => o with { Authenticator = new BearerAuthenticator("tok-1") });
        using var basic = new TestApi(o => o with { Authenticator = new BasicAuthenticator("ann", "pw") });
        using var header = new TestApi(o => o with { Authenticator = ApiKeyAuthenticator.Header("X-Api-Key", "key-1") });
        using var query = new TestApi(o => o with { Authenticator = ApiKeyAuthenticator.Query("api_key", "key-2") });
        foreach (var api in new[] { bearer, basic, header, query })
        {
            api.Handler.On(_ => true).RespondJson("""{"id":1,"name":"a"}""");
            await api.Requester.Get("item").Query("q", "1").ReadAsync(TestJson.Default.Item);
        }

        Assert.Equal("Bearer tok-1", bearer.Handler.Requests[0].Headers["Authorization"]);
        Assert.Equal("Basic " + Convert.ToBase64String("ann:pw"u8.ToArray()), basic.Handler.Requests[0].Headers["Authorization"]);
        Assert.Equal("key-1", header.Handler.Requests[0].Headers["X-Api-Key"]);
        Assert.Equal("?q=1&api_key=key-2", query.Handler.Requests[0].Uri.Query);
    }

    [Fact]
    public async Task A_query_parameter_key_is_masked_wherever_the_request_is_described()
    {
        using var api = new TestApi(o => o with { Authenticator = ApiKeyAuthenticator.Query("api_key", "key-secret") });
        api.Handler.OnGet("item").Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<HttpStatusException>(() => Read(api));

        Assert.Contains("GET https://api.test/v1/item?api_key=**** returned 404", error.Message);
        Assert.Contains(api.Log.Entries, e => e.Contains("Retrying GET https://api.test/v1/item?api_key=****", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Log.Entries, e => e.Contains("key-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_credentials_tokens_are_cached_until_they_expire_and_fetched_again_after_a_401()
    {
        using var api = new TestApi(o => o with
        {
            Authenticator = OAuth2Authenticator.ClientCredentials("https://auth.test/token", "client", "client-secret", scope: "read"),
        }, fakeTime: true);
        var issued = 0;
        api.Handler.On(HttpMethod.Post, "/token").Respond(_ =>
        {
            issued++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"access_token":"at-{{issued}}","expires_in":3600,"token_type":"bearer"}""") };
        });
        api.Handler.OnGet("item").RespondJson("""{"id":1,"name":"a"}""").RespondJson("""{"id":1,"name":"a"}""")
            .Respond(HttpStatusCode.Unauthorized).RespondJson("""{"id":1,"name":"a"}""");

        await Read(api);
        await Read(api);
        api.Time!.Advance(TimeSpan.FromHours(2));
        await Read(api);

        var calls = api.Handler.Requests.Select(r => r.Uri.AbsolutePath + " " + r.Headers.GetValueOrDefault("Authorization")).ToList();
        Assert.Equal(new[]
        {
            "/token ", "/v1/item Bearer at-1", "/v1/item Bearer at-1",
            "/token ", "/v1/item Bearer at-2", "/token ", "/v1/item Bearer at-3",
        }, calls);
        Assert.Equal("grant_type=client_credentials&client_id=client&client_secret=client-secret&scope=read", api.Handler.Requests[0].Body);
    }

    [Fact]
    public async Task A_refresh_token_grant_uses_the_rotated_refresh_token_and_a_refused_grant_is_a_config_error()
    {
        using var api = new TestApi(o => o with { Authenticator = OAuth2Authenticator.RefreshToken("https://auth.test/token", "c", "s", "rt-1") });
        api.Handler.On(HttpMethod.Post, "/token")
            .RespondJson("""{"access_token":"at-1","refresh_token":"rt-2"}""")
            .Respond(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");
        api.Handler.OnGet("item").RespondJson("""{"id":1,"name":"a"}""").Respond(HttpStatusCode.Unauthorized);

        await Read(api);
        var error = await Assert.ThrowsAsync<ConfigException>(() => Read(api));

        var tokenRequests = api.Handler.Requests.Where(r => r.Uri.AbsolutePath == "/token").Select(r => r.Body).ToList();
        Assert.EndsWith("refresh_token=rt-1", tokenRequests[0]);
        Assert.EndsWith("refresh_token=rt-2", tokenRequests[1]);
        Assert.Contains("The OAuth token endpoint refused the credentials", error.Message);
        Assert.Contains("invalid_grant", error.Message);
    }

    [Fact]
    public async Task A_session_token_comes_from_a_login_request_and_is_renewed_once_after_a_401()
    {
        using var api = new TestApi(o => o with
        {
            Authenticator = new SessionTokenAuthenticator(r => r.Post("login").RawBody("user=ann"u8.ToArray(), "text/plain"), "$.session.token",
                headerName: "X-Session", prefix: ""),
        });
        api.Handler.On(HttpMethod.Post, "login").RespondJson("""{"session":{"token":"s-1"}}""").RespondJson("""{"session":{"token":"s-2"}}""");
        api.Handler.OnGet("item").RespondJson("""{"id":1,"name":"a"}""").Respond(HttpStatusCode.Unauthorized).RespondJson("""{"id":2,"name":"b"}""");

        await Read(api);
        var second = await Read(api);

        Assert.Equal(2, second!.Id);
        Assert.Equal(new[] { "login ", "item s-1", "item s-1", "login ", "item s-2" },
            api.Handler.Requests.Select(r => r.Uri.Segments[^1] + " " + r.Headers.GetValueOrDefault("X-Session")));
    }

    [Fact]
    public async Task Credentials_refused_even_after_a_refresh_are_a_config_error()
    {
        using var api = new TestApi(o => o with { Authenticator = new SessionTokenAuthenticator(r => r.Post("login"), "$.token") });
        api.Handler.On(HttpMethod.Post, "login").RespondJson("""{"token":"t"}""");
        api.Handler.OnGet("item").Respond(HttpStatusCode.Unauthorized);

        await Assert.ThrowsAsync<ConfigException>(() => Read(api));

        Assert.Equal(2, api.Handler.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("item", StringComparison.Ordinal)));
    }
}
