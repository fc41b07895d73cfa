using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>
/// Adds credentials to each attempt of each request. Take every credential from a <c>[ConfigProperty(Secret = true)]</c>
/// property: the runtime then masks it in every log and error, and the toolkit never logs headers or the query
/// parameters named in <see cref="SecretQueryParameters"/>.
/// </summary>
public abstract class HttpAuthenticator
{
    /// <summary>Adds the credentials to <paramref name="request"/> (called again for every retry).</summary>
    public abstract ValueTask AuthenticateAsync(HttpRequestMessage request, HttpAuthenticationContext context, CancellationToken cancellationToken);

    /// <summary>
    /// After a 401: forgets cached credentials and returns true when fresh ones may succeed (the request is then sent
    /// once more). Static credentials return false, and the 401 becomes a config error.
    /// </summary>
    public virtual ValueTask<bool> RefreshAsync(HttpAuthenticationContext context, CancellationToken cancellationToken) => new(false);

    /// <summary>Query parameters that carry a secret: shown as <c>****</c> wherever a request is described.</summary>
    public virtual IReadOnlyCollection<string> SecretQueryParameters => [];
}

/// <summary>What an authenticator may use: the requester, to call a token or login endpoint (with retries, without authentication).</summary>
public sealed class HttpAuthenticationContext
{
    private readonly Func<HttpRequestDefinition, CancellationToken, Task<HttpResponsePage>> _send;

    internal HttpAuthenticationContext(HttpRequester requester, Func<HttpRequestDefinition, CancellationToken, Task<HttpResponsePage>> send)
    {
        Requester = requester;
        _send = send;
    }

    /// <summary>The requester the authenticator serves; build the token request with it.</summary>
    public HttpRequester Requester { get; }

    /// <summary>Sends a request without authentication (retries and the request budget still apply).</summary>
    public Task<HttpResponsePage> SendUnauthenticatedAsync(HttpRequestDefinition request, CancellationToken cancellationToken) =>
        _send(request, cancellationToken);
}

/// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public sealed class BearerAuthenticator : HttpAuthenticator
{
    private readonly AuthenticationHeaderValue _header;

    /// <summary>Sends <paramref name="token"/> as a bearer token.</summary>
    public BearerAuthenticator(string token) => _header = new AuthenticationHeaderValue("Bearer", token);

    /// <inheritdoc />
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        return default;
    }
}

/// <summary><c>Authorization: Basic base64(user:password)</c>.</summary>
public sealed class BasicAuthenticator : HttpAuthenticator
{
    private readonly AuthenticationHeaderValue _header;

    /// <summary>Sends the user name and password with HTTP basic authentication.</summary>
    public BasicAuthenticator(string userName, string password) =>
        _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));

    /// <inheritdoc />
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        return default;
    }
}

/// <summary>An API key in a header (<c>X-Api-Key: key</c>) or in a query parameter (<c>?api_key=key</c>).</summary>
public sealed class ApiKeyAuthenticator : HttpAuthenticator
{
    private readonly string _name;
    private readonly string _value;
    private readonly bool _inQuery;

    private ApiKeyAuthenticator(string name, string value, bool inQuery)
    {
        _name = name;
        _value = value;
        _inQuery = inQuery;
    }

    /// <summary>The key in a header, optionally after a prefix (<c>Token </c>).</summary>
    public static ApiKeyAuthenticator Header(string headerName, string key, string prefix = "") => new(headerName, prefix + key, inQuery: false);

    /// <summary>The key in a query parameter (masked wherever a request is described).</summary>
    public static ApiKeyAuthenticator Query(string parameterName, string key) => new(parameterName, key, inQuery: true);

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretQueryParameters => _inQuery ? [_name] : [];

    /// <inheritdoc />
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        if (_inQuery)
        {
            var uri = request.RequestUri!;
            if (!uri.Query.Contains(Uri.EscapeDataString(_name) + "=", StringComparison.Ordinal))
            {
                var separator = uri.Query.Length > 1 ? "&" : uri.Query.Length == 1 ? "" : "?";
                request.RequestUri = new Uri(uri.AbsoluteUri + separator + Uri.EscapeDataString(_name) + "=" + Uri.EscapeDataString(_value));
            }
        }
        else
        {
            request.Headers.Remove(_name);
            request.Headers.TryAddWithoutValidation(_name, _value);
        }
        return default;
    }
}
