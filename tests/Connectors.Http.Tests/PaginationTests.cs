using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>Every paginator: what it asks for next, and when it stops.</summary>
public sealed class PaginationTests
{
    [Fact]
    public async Task Offset_pages_advance_by_the_records_read_and_stop_at_a_short_page()
    {
        using var api = new TestApi();
        api.Handler.OnGet("items?offset=0&limit=3").RespondJson(Items.Json(1, 3));
        api.Handler.OnGet("items?offset=3&limit=3").RespondJson(Items.Json(4, 6));
        api.Handler.OnGet("items?offset=6&limit=3").RespondJson(Items.Json(7, 7));

        var items = await api.Requester.Get("items").Query("q", "x").Paginate(new OffsetPaginator("offset", "limit", 3))
            .Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal(Enumerable.Range(1, 7), items.Select(i => i.Id));
        Assert.Equal(new[] { "/v1/items?q=x&offset=0&limit=3", "/v1/items?q=x&offset=3&limit=3", "/v1/items?q=x&offset=6&limit=3" },
            api.Handler.Requests.Select(r => r.Uri.PathAndQuery));
    }

    [Fact]
    public async Task A_full_last_page_costs_one_more_request_which_comes_back_empty()
    {
        using var api = new TestApi();
        api.Handler.OnGet("items?page=1").RespondJson(Items.Json(1, 2));
        api.Handler.OnGet("items?page=2").RespondJson(Items.Json(3, 4));
        api.Handler.OnGet("items?page=3").RespondJson("[]");

        var items = await api.Requester.Get("items").Paginate(new PageNumberPaginator("page", "per_page", 2))
            .Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal(4, items.Count);
        Assert.Equal(3, api.Handler.Requests.Count);
        Assert.EndsWith("page=3&per_page=2", api.Handler.Requests[2].Uri.Query);
    }

    [Fact]
    public async Task A_token_from_the_body_is_sent_back_until_it_is_missing()
    {
        using var api = new TestApi();
        api.Handler.OnGet("items").RespondJson("""{"data":[{"id":1,"name":"a"}],"meta":{"next":"t2"}}""");
        api.Handler.OnGet("items?cursor=t2").RespondJson("""{"data":[{"id":2,"name":"b"}],"meta":{"next":null}}""");

        var items = await api.Requester.Get("items").Paginate(new TokenPaginator("$.meta.next", "cursor"))
            .Records("$.data[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal(new[] { 1, 2 }, items.Select(i => i.Id));
        Assert.Equal(2, api.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_next_url_in_the_body_or_in_a_Link_header_is_followed_as_is()
    {
        using var api = new TestApi();
        api.Handler.OnGet("a").RespondJson("""{"data":[{"id":1,"name":"a"}],"next":"https://api.test/v1/a?after=1"}""");
        api.Handler.OnGet("a?after=1").RespondJson("""{"data":[{"id":2,"name":"b"}]}""");
        api.Handler.OnGet("b").RespondJson(Items.Json(1, 1), ("Link", """<https://api.test/v1/b?page=2>; rel="next", <https://api.test/v1/b?page=9>; rel="last" """));
        api.Handler.OnGet("b?page=2").RespondJson(Items.Json(2, 2), ("Link", """<https://api.test/v1/b?page=1>; rel="prev" """));

        var fromBody = await api.Requester.Get("a").Query("filter", "x").Paginate(TokenPaginator.NextUrl("$.next")).Records("$.data[*]", TestJson.Default.Item).ReadAllAsync();
        var fromHeader = await api.Requester.Get("b").Paginate(new LinkHeaderPaginator()).Records("$[*]", TestJson.Default.Item).ReadAllAsync();

        Assert.Equal(new[] { 1, 2 }, fromBody.Select(i => i.Id));
        Assert.Equal(new[] { 1, 2 }, fromHeader.Select(i => i.Id));
        // The next URL carries its own query: the first request's parameters are not added again.
        Assert.Equal("/v1/a?after=1", api.Handler.Requests[1].Uri.PathAndQuery);
    }

    [Fact]
    public async Task A_token_that_does_not_change_stops_the_read_instead_of_looping()
    {
        using var api = new TestApi();
        api.Handler.OnGet("items").RespondJson("""{"data":[{"id":1,"name":"a"}],"next":"same"}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            api.Requester.Get("items").Paginate(new TokenPaginator("$.next", "cursor")).Records("$.data[*]", TestJson.Default.Item).ReadAllAsync());

        Assert.Contains("asked for the same page again", error.Message);
        Assert.Equal(2, api.Handler.Requests.Count);
    }

    [Fact]
    public void Link_headers_are_parsed_with_several_relations_and_spacing()
    {
        Assert.Equal("https://x/2", LinkHeaderPaginator.NextLink("""<https://x/2>; rel="next prefetch", <https://x/1>; rel=prev"""));
        Assert.Equal("https://x/3", LinkHeaderPaginator.NextLink("""<https://x/1>; rel="first",<https://x/3>;rel=next"""));
        Assert.Null(LinkHeaderPaginator.NextLink("""<https://x/1>; rel="prev" """));
    }
}
