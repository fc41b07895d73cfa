using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>What goes on the wire: URLs, escaping, query values, headers, bodies; and which statuses mean what.</summary>
public sealed class RequestTests
{
    [Fact]
    public async Task Path_template_holes_are_escaped_and_paths_resolve_under_the_base_url()
    {
        using var api = new TestApi();
        api.Handler.On(_ => true).RespondJson("[]");
        var name = "@scope/name";
        var since = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));

        await api.Requester.Get($"packages/{name}/versions").Query("since", since).Query("limit", 10).Query("absent", (string?)null)
            .Records("$[*]", TestJson.Default.Item).ReadAllAsync();
        await api.Requester.Get("/users").Query("at", since, "unix").Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal("https://api.test/v1/packages/%40scope%2Fname/versions?since=2024-05-01T10%3A00%3A00Z&limit=10",
            api.Handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://api.test/v1/users?at=1714557600", api.Handler.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public void Date_times_are_formatted_as_RFC_3339_UTC_with_fractions_only_when_present()
    {
        Assert.Equal("2024-05-01T00:00:00Z", HttpValues.Format(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), null));
        Assert.Equal("2024-05-01T00:00:00.25Z", HttpValues.Format(new DateTimeOffset(2024, 5, 1, 0, 0, 0, 250, TimeSpan.Zero), null));
        Assert.Equal("1.5", HttpValues.Format(1.5, null));
    }

    [Fact]
    public async Task Headers_and_a_JSON_body_are_sent_with_every_attempt()
    {
        using var api = new TestApi(o => o with { Headers = new System.Collections.Generic.Dictionary<string, string> { ["X-Tenant"] = "t1" } });
        api.Handler.On(HttpMethod.Post, "search").Respond(HttpStatusCode.BadGateway).RespondJson("""[{"id":1,"name":"a"}]""");

        var items = await api.Requester.Post("search").Header("X-Trace", "abc")
            .JsonBody(new System.Collections.Generic.Dictionary<string, string> { ["query"] = "x" }, TestJson.Default.DictionaryStringString)
            .Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Single(items);
        Assert.Equal(2, api.Handler.Requests.Count);
        Assert.All(api.Handler.Requests, r =>
        {
            Assert.Equal("""{"query":"x"}""", r.Body);
            Assert.Equal("t1", r.Headers["X-Tenant"]);
            Assert.Equal("abc", r.Headers["X-Trace"]);
            Assert.Equal("application/json", r.Headers["Accept"]);
        });
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "check the credentials")]
    [InlineData(HttpStatusCode.Forbidden, "lack a permission")]
    public async Task Refused_credentials_are_a_config_error_and_not_retried(HttpStatusCode status, string advice)
    {
        using var api = new TestApi();
        api.Handler.OnGet("me").Respond(status, """{"error":"nope"}""");

        var error = await Assert.ThrowsAsync<ConfigException>(() => api.Requester.Get("me").ReadAsync(TestJson.Default.Item));

        Assert.Contains($"GET https://api.test/v1/me was refused with {(int)status}", error.Message);
        Assert.Contains(advice, error.Message);
        Assert.Single(api.Handler.Requests);
    }

    [Fact]
    public async Task Other_client_errors_fail_at_once_unless_the_request_ignores_them()
    {
        using var api = new TestApi();
        api.Handler.OnGet("gone").Respond(HttpStatusCode.NotFound, """{"error":"not found"}""");

        var error = await Assert.ThrowsAsync<HttpStatusException>(() => api.Requester.Get("gone").Records("$[*]", TestJson.Default.Item).ReadAllAsync());
        var ignored = await api.Requester.Get("gone").IgnoreStatus(HttpStatusCode.NotFound).Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("""returned 404 Not Found. Response: {"error":"not found"}""", error.Message);
        Assert.Empty(ignored);
        Assert.Equal(2, api.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_names_the_request_and_shows_the_body()
    {
        using var api = new TestApi();
        api.Handler.OnGet("html").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>") });

        var error = await Assert.ThrowsAsync<HttpResponseFormatException>(() => api.Requester.Get("html").Records("$[*]", TestJson.Default.Item).ReadAllAsync());

        Assert.Contains("GET https://api.test/v1/html returned a body that does not hold Item records at $[*]", error.Message);
        Assert.Contains("<html>maintenance</html>", error.Message);
    }

    [Fact]
    public void A_base_url_that_is_not_http_is_a_config_error()
    {
        var error = Assert.Throws<ConfigException>(() => new HttpRequester(new HttpRequesterOptions { BaseUrl = "ftp://x/" }));
        Assert.Contains("ftp://x/", error.Message);
    }

    [Fact]
    public async Task Records_can_be_mapped_filtered_and_expanded_before_the_runtime_sees_them()
    {
        using var api = new TestApi();
        api.Handler.OnGet("items").RespondJson(Items.Json(1, 4));

        var names = await api.Requester.Get("items").Records("$[*]", TestJson.Default.Item)
            .Where(i => i.Id % 2 == 0).SelectMany(i => new[] { i, i }).Select(i => i.Name).ReadAllAsync();

        Assert.Equal(new[] { "item 2", "item 2", "item 4", "item 4" }, names);
    }
}
