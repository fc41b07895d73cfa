using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>The records of every page of one request: send, select, paginate, until the paginator stops.</summary>
internal sealed class PagedRecords<T> : IAsyncEnumerable<T>
{
    private readonly HttpRequestDefinition _request;
    private readonly JsonPath _path;
    private readonly JsonTypeInfo<T> _typeInfo;

    public PagedRecords(HttpRequestDefinition request, JsonPath path, JsonTypeInfo<T> typeInfo)
    {
        _request = request;
        _path = path;
        _typeInfo = typeInfo;
    }

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var paginator = _request.Paginator;
        var request = paginator?.FirstPage(_request) ?? _request;
        var records = new List<T>();
        while (request is not null)
        {
            records.Clear();
            HttpRequestDefinition? next = null;
            using (var page = await _request.Requester.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (page.Ignored)
                {
                    yield break;
                }
                RecordSelector.Select(page, _path, _typeInfo, records);
                if (paginator is not null && records.Count > 0)
                {
                    next = paginator.NextPage(request, page, records.Count);
                    if (next is not null && next.RelativeUrl() == request.RelativeUrl())
                    {
                        throw new InvalidOperationException(
                            $"{page.Describe()}: the paginator asked for the same page again; the API's next-page token did not change.");
                    }
                }
            }
            // The page's buffer is back in the pool before the records go out.
            foreach (var record in records)
            {
                yield return record;
            }
            request = next;
        }
    }
}

/// <summary>
/// A stream of records read over HTTP: return it from a <c>[Stream]</c> method (it is an
/// <see cref="IAsyncEnumerable{T}"/>), or shape it first with <see cref="Select{TOut}"/>, <see cref="Where"/> and
/// <see cref="SelectMany{TOut}"/>. Nothing is sent until it is enumerated.
/// </summary>
public sealed class HttpRecords<T> : IAsyncEnumerable<T>
{
    private readonly IAsyncEnumerable<T> _source;

    /// <summary>Wraps any asynchronous sequence (a parent stream, a merged read).</summary>
    public HttpRecords(IAsyncEnumerable<T> source) => _source = source;

    /// <summary>Each record mapped to another type (the API's shape to the stream's record).</summary>
    public HttpRecords<TOut> Select<TOut>(Func<T, TOut> map) => new(SelectAsync(_source, map));

    /// <summary>The records that pass <paramref name="predicate"/>.</summary>
    public HttpRecords<T> Where(Func<T, bool> predicate) => new(WhereAsync(_source, predicate));

    /// <summary>Each record expanded into several (a package document into its versions).</summary>
    public HttpRecords<TOut> SelectMany<TOut>(Func<T, IEnumerable<TOut>> expand) => new(SelectManyAsync(_source, expand));

    /// <inheritdoc />
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => _source.GetAsyncEnumerator(cancellationToken);

    private static async IAsyncEnumerable<TOut> SelectAsync<TOut>(IAsyncEnumerable<T> source, Func<T, TOut> map,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return map(item);
        }
    }

    private static async IAsyncEnumerable<T> WhereAsync(IAsyncEnumerable<T> source, Func<T, bool> predicate,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (predicate(item))
            {
                yield return item;
            }
        }
    }

    private static async IAsyncEnumerable<TOut> SelectManyAsync<TOut>(IAsyncEnumerable<T> source, Func<T, IEnumerable<TOut>> expand,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var output in expand(item))
            {
                yield return output;
            }
        }
    }
}
