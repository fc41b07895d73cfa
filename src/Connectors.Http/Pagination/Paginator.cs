using System;
using System.Globalization;
using System.Linq;

namespace Connectors.Http;

/// <summary>
/// How a paginated read asks for the next page, and when it stops. Every paginator stops at an empty page; the
/// built-in ones are stateless (the current page's request carries the position), so one instance serves every
/// partition of a concurrent read.
/// </summary>
public abstract class Paginator
{
    /// <summary>The request for the first page: the author's request plus page one's parameters.</summary>
    public abstract HttpRequestDefinition FirstPage(HttpRequestDefinition request);

    /// <summary>The request for the page after <paramref name="page"/>, or null when it was the last.</summary>
    /// <param name="request">The request that produced <paramref name="page"/>.</param>
    /// <param name="page">The response, body included.</param>
    /// <param name="recordCount">How many records the page held at the record path.</param>
    public abstract HttpRequestDefinition? NextPage(HttpRequestDefinition request, HttpResponsePage page, int recordCount);

    private protected static long QueryNumber(HttpRequestDefinition request, string name, long fallback) =>
        long.TryParse(request.QueryValue(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>
/// Offset and limit parameters (<c>?offset=0&amp;limit=100</c>): the offset grows by the records of each page; the read
/// stops at a page with fewer records than the page size.
/// </summary>
public sealed class OffsetPaginator : Paginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="offsetParameter">The query parameter of the offset (<c>offset</c>, <c>from</c>, <c>skip</c>).</param>
    /// <param name="limitParameter">The query parameter of the page size (<c>limit</c>, <c>size</c>), or null to send none.</param>
    /// <param name="pageSize">Records per page.</param>
    public OffsetPaginator(string offsetParameter, string? limitParameter, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        OffsetParameter = offsetParameter;
        LimitParameter = limitParameter;
        PageSize = pageSize;
    }

    /// <summary>The offset's query parameter.</summary>
    public string OffsetParameter { get; }

    /// <summary>The page size's query parameter.</summary>
    public string? LimitParameter { get; }

    /// <summary>Records per page.</summary>
    public int PageSize { get; }

    /// <inheritdoc />
    public override HttpRequestDefinition FirstPage(HttpRequestDefinition request)
    {
        var first = request.Query(OffsetParameter, 0);
        return LimitParameter is null ? first : first.Query(LimitParameter, PageSize);
    }

    /// <inheritdoc />
    public override HttpRequestDefinition? NextPage(HttpRequestDefinition request, HttpResponsePage page, int recordCount) =>
        recordCount < PageSize ? null : request.Query(OffsetParameter, QueryNumber(request, OffsetParameter, 0) + recordCount);
}

/// <summary>A page number parameter (<c>?page=1&amp;per_page=100</c>); stops at a page with fewer records than the page size.</summary>
public sealed class PageNumberPaginator : Paginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="pageParameter">The query parameter of the page number.</param>
    /// <param name="sizeParameter">The query parameter of the page size, or null to send none.</param>
    /// <param name="pageSize">Records per page.</param>
    /// <param name="firstPage">The number of the first page (1 or 0).</param>
    public PageNumberPaginator(string pageParameter, string? sizeParameter, int pageSize, int firstPage = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        PageParameter = pageParameter;
        SizeParameter = sizeParameter;
        PageSize = pageSize;
        FirstPageNumber = firstPage;
    }

    /// <summary>The page number's query parameter.</summary>
    public string PageParameter { get; }

    /// <summary>The page size's query parameter.</summary>
    public string? SizeParameter { get; }

    /// <summary>Records per page.</summary>
    public int PageSize { get; }

    /// <summary>The first page's number.</summary>
    public int FirstPageNumber { get; }

    /// <inheritdoc />
    public override HttpRequestDefinition FirstPage(HttpRequestDefinition request)
    {
        var first = request.Query(PageParameter, FirstPageNumber);
        return SizeParameter is null ? first : first.Query(SizeParameter, PageSize);
    }

    /// <inheritdoc />
    public override HttpRequestDefinition? NextPage(HttpRequestDefinition request, HttpResponsePage page, int recordCount) =>
        recordCount < PageSize ? null : request.Query(PageParameter, QueryNumber(request, PageParameter, FirstPageNumber) + 1);
}

/// <summary>
/// A next-page token in the body (<c>$.next_cursor</c>), sent back as a query parameter; or, with
/// <see cref="NextUrl"/>, a whole next-page URL in the body. Stops when the token is missing, null or empty.
/// </summary>
public sealed class TokenPaginator : Paginator
{
    private readonly JsonPath _tokenPath;
    private readonly string? _tokenParameter;

    /// <summary>A token at <paramref name="tokenPath"/>, sent as the query parameter <paramref name="tokenParameter"/>.</summary>
    public TokenPaginator(string tokenPath, string tokenParameter)
        : this(JsonPath.Parse(tokenPath), tokenParameter)
    {
    }

    private TokenPaginator(JsonPath tokenPath, string? tokenParameter)
    {
        _tokenPath = tokenPath;
        _tokenParameter = tokenParameter;
    }

    /// <summary>A next-page URL (absolute, or relative to the base URL) at <paramref name="urlPath"/>, requested as is.</summary>
    public static TokenPaginator NextUrl(string urlPath) => new(JsonPath.Parse(urlPath), null);

    /// <inheritdoc />
    public override HttpRequestDefinition FirstPage(HttpRequestDefinition request) => request;

    /// <inheritdoc />
    public override HttpRequestDefinition? NextPage(HttpRequestDefinition request, HttpResponsePage page, int recordCount)
    {
        if (recordCount == 0 || page.ValueAt(_tokenPath) is not { Length: > 0 } token)
        {
            return null;
        }
        return _tokenParameter is null ? WithUrl(request, token) : request.Query(_tokenParameter, token);
    }

    internal static HttpRequestDefinition WithUrl(HttpRequestDefinition request, string url)
    {
        // The next URL carries the whole query; the author's parameters must not be appended a second time.
        var next = request.WithPath(url);
        foreach (var parameter in request.QueryParameters)
        {
            next = next.Query(parameter.Key, null);
        }
        return next;
    }
}

/// <summary>The next page's URL from a <c>Link: &lt;url&gt;; rel="next"</c> header (GitHub style); stops when there is none.</summary>
public sealed class LinkHeaderPaginator : Paginator
{
    /// <inheritdoc />
    public override HttpRequestDefinition FirstPage(HttpRequestDefinition request) => request;

    /// <inheritdoc />
    public override HttpRequestDefinition? NextPage(HttpRequestDefinition request, HttpResponsePage page, int recordCount)
    {
        if (recordCount == 0 || !page.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        foreach (var value in values)
        {
            if (NextLink(value) is { } url)
            {
                return TokenPaginator.WithUrl(request, url);
            }
        }
        return null;
    }

    /// <summary>The URL of the <c>rel="next"</c> entry of a Link header value, or null.</summary>
    internal static string? NextLink(string header)
    {
        foreach (var entry in header.Split(','))
        {
            var parts = entry.Split(';');
            var target = parts[0].Trim();
            if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
            {
                continue;
            }
            for (var i = 1; i < parts.Length; i++)
            {
                var parameter = parts[i].Trim();
                if (parameter.StartsWith("rel=", StringComparison.OrdinalIgnoreCase)
                    && parameter[4..].Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
                {
                    return target[1..^1];
                }
            }
        }
        return null;
    }
}
