using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>
/// One API request, described declaratively: method, path, query, headers, body, pagination. Immutable: every method
/// returns a new definition, so one can be shared and extended (a paginator derives each page's request from it).
/// Create it with <see cref="HttpRequester.Get(string)"/> and friends; read it with <see cref="Records{T}"/> or
/// <see cref="ReadAsync{T}"/>.
/// </summary>
public sealed class HttpRequestDefinition
{

    internal HttpRequestDefinition(HttpRequester requester, HttpMethod method, string path)
    {
        Requester = requester;
        Method = method;
        Path = path;
        QueryList = ImmutableArray<KeyValuePair<string, string>>.Empty;
        HeaderList = ImmutableArray<KeyValuePair<string, string>>.Empty;
        IgnoredStatuses = ImmutableArray<HttpStatusCode>.Empty;
    }

    private HttpRequestDefinition(HttpRequestDefinition from)
    {
        Requester = from.Requester;
        Method = from.Method;
        Path = from.Path;
        QueryList = from.QueryList;
        HeaderList = from.HeaderList;
        Body = from.Body;
        BodyContentType = from.BodyContentType;
        Paginator = from.Paginator;
        IgnoredStatuses = from.IgnoredStatuses;
    }

    private ImmutableArray<KeyValuePair<string, string>> QueryList { get; init; }

    private ImmutableArray<KeyValuePair<string, string>> HeaderList { get; init; }

    /// <summary>The requester that sends it.</summary>
    public HttpRequester Requester { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path (relative to the base URL) or an absolute URL.</summary>
    public string Path { get; private init; }

    /// <summary>Query parameters, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters => QueryList;

    /// <summary>Request headers, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => HeaderList;

    /// <summary>The body, if any.</summary>
    public ReadOnlyMemory<byte>? Body { get; private init; }

    /// <summary>The body's media type.</summary>
    public string? BodyContentType { get; private init; }

    /// <summary>How further pages are requested; null reads one page.</summary>
    public Paginator? Paginator { get; private init; }

    /// <summary>Statuses that mean "no records" rather than an error (see <see cref="IgnoreStatus"/>).</summary>
    public ImmutableArray<HttpStatusCode> IgnoredStatuses { get; private init; }

    /// <summary>Sets a query parameter (replacing one of the same name); a null value removes it.</summary>
    public HttpRequestDefinition Query(string name, string? value)
    {
        var index = -1;
        for (var i = 0; i < QueryList.Length && index < 0; i++)
        {
            index = QueryList[i].Key == name ? i : -1;
        }
        if (index < 0)
        {
            return value is null ? this : new(this) { QueryList = QueryList.Add(new(name, value)) };
        }
        // Replaced in place, so every page's URL lists the parameters in the same order.
        return new(this) { QueryList = value is null ? QueryList.RemoveAt(index) : QueryList.SetItem(index, new(name, value)) };
    }

    /// <summary>Sets a query parameter to a number.</summary>
    public HttpRequestDefinition Query(string name, long value) => Query(name, HttpValues.Format(value, null));

    /// <summary>Sets a query parameter to a date-time: RFC 3339 UTC, or <paramref name="format"/> (<c>unix</c>, <c>unix_ms</c>, or a .NET format).</summary>
    public HttpRequestDefinition Query(string name, DateTimeOffset value, string? format = null) => Query(name, HttpValues.Format(value, format));

    /// <summary>Sets a query parameter to a date-time, or removes it when null.</summary>
    public HttpRequestDefinition Query(string name, DateTimeOffset? value, string? format = null) =>
        Query(name, value is { } instant ? HttpValues.Format(instant, format) : null);

    /// <summary>The value of a query parameter, or null.</summary>
    public string? QueryValue(string name)
    {
        foreach (var pair in QueryList)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }
        return null;
    }

    /// <summary>Sets a header (replacing one of the same name).</summary>
    public HttpRequestDefinition Header(string name, string value) =>
        new(this) { HeaderList = HeaderList.RemoveAll(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Add(new(name, value)) };

    /// <summary>A JSON body, serialized with the given source-generated metadata (no reflection).</summary>
    public HttpRequestDefinition JsonBody<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(this) { Body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), BodyContentType = "application/json" };

    /// <summary>A body of raw bytes with its media type.</summary>
    public HttpRequestDefinition RawBody(ReadOnlyMemory<byte> body, string contentType) =>
        new(this) { Body = body, BodyContentType = contentType };

    /// <summary>A URL-encoded form body.</summary>
    public HttpRequestDefinition FormBody(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(field.Key)).Append('=').Append(Uri.EscapeDataString(field.Value));
        }
        return RawBody(Encoding.UTF8.GetBytes(text.ToString()), "application/x-www-form-urlencoded");
    }

    /// <summary>Reads every page with <paramref name="paginator"/>.</summary>
    public HttpRequestDefinition Paginate(Paginator paginator) => new(this) { Paginator = paginator };

    /// <summary>
    /// Treats a status as "no records": e.g. 404 for a child resource deleted between the parent's read and the child's.
    /// </summary>
    public HttpRequestDefinition IgnoreStatus(HttpStatusCode status) => new(this) { IgnoredStatuses = IgnoredStatuses.Add(status) };

    /// <summary>The same request at another path or absolute URL (a paginator's next-page URL).</summary>
    public HttpRequestDefinition WithPath(string path) => new(this) { Path = path };

    /// <summary>
    /// The records at <paramref name="recordPath"/> (a JSON path such as <c>$.data[*]</c>, <c>$.objects[*].package</c>,
    /// <c>$.items.*</c> or <c>$</c>) of every page, deserialized with source-generated metadata.
    /// </summary>
    public HttpRecords<T> Records<T>(string recordPath, JsonTypeInfo<T> typeInfo) =>
        new(new PagedRecords<T>(this, JsonPath.Parse(recordPath), typeInfo));

    /// <summary>Sends the request (one page) and deserializes the whole body, or the value at <paramref name="path"/>.</summary>
    public async Task<T?> ReadAsync<T>(JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default, string path = "$")
    {
        using var page = await Requester.SendAsync(this, cancellationToken).ConfigureAwait(false);
        var values = new List<T>(1);
        if (page.Ignored)
        {
            return default;
        }
        RecordSelector.Select(page, JsonPath.Parse(path), typeInfo, values);
        return values.Count > 0 ? values[0] : default;
    }

    /// <summary>The URL relative to the base (path and query), as sent.</summary>
    public string RelativeUrl()
    {
        if (QueryList.IsEmpty)
        {
            return Path;
        }
        var text = new StringBuilder(Path);
        var separator = Path.Contains('?') ? '&' : '?';
        foreach (var pair in QueryList)
        {
            text.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            separator = '&';
        }
        return text.ToString();
    }
}
