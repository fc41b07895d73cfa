using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Connectors.Http;

/// <summary>One response, its body read whole: what a <see cref="Paginator"/> looks at to find the next page.</summary>
public sealed class HttpResponsePage : IDisposable
{
    private readonly HttpResponseMessage _response;

    internal HttpResponsePage(HttpRequestDefinition request, HttpResponseMessage response, bool ignored)
    {
        Request = request;
        _response = response;
        Ignored = ignored;
    }

    /// <summary>The request that produced the page.</summary>
    public HttpRequestDefinition Request { get; }

    /// <summary>The response's status.</summary>
    public HttpStatusCode StatusCode => _response.StatusCode;

    /// <summary>The response's headers.</summary>
    public HttpResponseHeaders Headers => _response.Headers;

    /// <summary>The whole body.</summary>
    public ReadOnlyMemory<byte> Body => _response.Content is BufferedContent buffered ? buffered.Body : ReadOnlyMemory<byte>.Empty;

    /// <summary>True when the status was one the request ignores (<see cref="HttpRequestDefinition.IgnoreStatus"/>): no records.</summary>
    public bool Ignored { get; }

    /// <summary>The first string or number at <paramref name="path"/> in the body, or null.</summary>
    public string? ValueAt(JsonPath path)
    {
        try
        {
            return RecordSelector.FirstScalar(Body.Span, path);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new HttpResponseFormatException($"{Describe()} returned a body that is not JSON: {ex.Message} Body: {BodySnippet()}", ex);
        }
    }

    /// <summary>"GET https://api/path?query" with secret query values masked, for messages.</summary>
    public string Describe() => Request.Requester.Describe(Request.Method, _response.RequestMessage?.RequestUri);

    /// <summary>The start of the body as text, for error messages.</summary>
    public string BodySnippet()
    {
        var body = Body.Span;
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]);
        return body.Length > 300 ? text + "…" : text;
    }

    /// <inheritdoc />
    public void Dispose() => _response.Dispose();
}

/// <summary>A response body that is not what the request's record path or type expects.</summary>
public sealed class HttpResponseFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpResponseFormatException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>A response with a status the toolkit does not retry or ignore (a 400 or 404, say): a connector bug or a changed API.</summary>
public sealed class HttpStatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpStatusException(HttpStatusCode statusCode, string message) : base(message) => StatusCode = statusCode;

    /// <summary>The response's status.</summary>
    public HttpStatusCode StatusCode { get; }
}
