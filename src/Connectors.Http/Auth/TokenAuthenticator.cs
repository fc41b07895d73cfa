using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http;

/// <summary>
/// Credentials obtained from an endpoint (an OAuth token, a session token), cached until shortly before they expire,
/// fetched again after a 401. One fetch at a time, however many streams and partitions wait for it.
/// </summary>
public abstract class TokenAuthenticator : HttpAuthenticator
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly string _headerName;
    private readonly string _prefix;
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>Sends the token in <paramref name="headerName"/>, after <paramref name="prefix"/>.</summary>
    protected TokenAuthenticator(string headerName = "Authorization", string prefix = "Bearer ")
    {
        _headerName = headerName;
        _prefix = prefix;
    }

    /// <summary>A token is fetched again this long before it expires.</summary>
    public TimeSpan ExpiryMargin { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Calls the endpoint: the token, and how long it lives (null: until a 401).</summary>
    protected abstract Task<(string Token, TimeSpan? ExpiresIn)> FetchTokenAsync(HttpAuthenticationContext context, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(context, cancellationToken).ConfigureAwait(false);
        request.Headers.Remove(_headerName);
        request.Headers.TryAddWithoutValidation(_headerName, _prefix + token);
    }

    /// <inheritdoc />
    public override ValueTask<bool> RefreshAsync(HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        _token = null;
        return new(true);
    }

    private async ValueTask<string> TokenAsync(HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        var now = context.Requester.TimeProvider.GetUtcNow();
        if (_token is { } cached && now < _expires)
        {
            return cached;
        }
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = context.Requester.TimeProvider.GetUtcNow();
            if (_token is { } fetched && now < _expires)
            {
                return fetched;
            }
            var (token, expiresIn) = await FetchTokenAsync(context, cancellationToken).ConfigureAwait(false);
            _expires = expiresIn is { } lifetime ? now + lifetime - ExpiryMargin : DateTimeOffset.MaxValue;
            _token = token;
            return token;
        }
        finally
        {
            _fetch.Release();
        }
    }
}

/// <summary>
/// OAuth 2.0 access tokens from a token endpoint: the refresh-token grant or the client-credentials grant (RFC 6749
/// §6 and §4.4), client credentials in the form body. Tokens are cached for their <c>expires_in</c> and fetched again
/// after a 401. A refused grant (400/401 from the token endpoint) is a config error.
/// </summary>
public sealed class OAuth2Authenticator : TokenAuthenticator
{
    private readonly string _tokenUrl;
    private readonly List<KeyValuePair<string, string>> _form;
    private string? _refreshToken;

    private OAuth2Authenticator(string tokenUrl, List<KeyValuePair<string, string>> form, string? refreshToken)
    {
        _tokenUrl = tokenUrl;
        _form = form;
        _refreshToken = refreshToken;
    }

    /// <summary>The refresh-token grant: exchanges a long-lived refresh token for access tokens.</summary>
    public static OAuth2Authenticator RefreshToken(string tokenUrl, string clientId, string clientSecret, string refreshToken, string? scope = null) =>
        new(tokenUrl, Form("refresh_token", clientId, clientSecret, scope), refreshToken);

    /// <summary>The client-credentials grant: the client's own id and secret buy access tokens.</summary>
    public static OAuth2Authenticator ClientCredentials(string tokenUrl, string clientId, string clientSecret, string? scope = null) =>
        new(tokenUrl, Form("client_credentials", clientId, clientSecret, scope), null);

    /// <inheritdoc />
    protected override async Task<(string Token, TimeSpan? ExpiresIn)> FetchTokenAsync(HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>(_form);
        if (_refreshToken is { } refreshToken)
        {
            fields.Add(new("refresh_token", refreshToken));
        }
        var request = context.Requester.Post(_tokenUrl).Header("Accept", "application/json").FormBody(fields);
        HttpResponsePage page;
        try
        {
            page = await context.SendUnauthenticatedAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpStatusException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // invalid_grant, invalid_client, unauthorized_client (RFC 6749 §5.2): the configured credentials are wrong.
            throw new ConfigException($"The OAuth token endpoint refused the credentials: {ex.Message}", ex);
        }
        using var _ = page;
        var response = TokenResponse.Read(page);
        // A server that rotates refresh tokens sends a new one with each access token; the old one may be dead already.
        if (response.RefreshToken is { Length: > 0 } rotated && _refreshToken is not null)
        {
            _refreshToken = rotated;
        }
        return (response.AccessToken, response.ExpiresIn);
    }

    private static List<KeyValuePair<string, string>> Form(string grant, string clientId, string clientSecret, string? scope)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", grant), new("client_id", clientId), new("client_secret", clientSecret) };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }
        return form;
    }
}

/// <summary>
/// A session token from a login request (user name and password in, token out), sent with every request until the
/// API answers 401, then fetched again.
/// </summary>
public sealed class SessionTokenAuthenticator : TokenAuthenticator
{
    private readonly Func<HttpRequester, HttpRequestDefinition> _login;
    private readonly JsonPath _tokenPath;
    private readonly TimeSpan? _lifetime;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="login">Builds the login request (e.g. <c>r => r.Post("login").JsonBody(credentials, Json.Default.Credentials)</c>).</param>
    /// <param name="tokenPath">Where the token is in the login response (<c>$.token</c>).</param>
    /// <param name="headerName">The header that carries the token.</param>
    /// <param name="prefix">Text before the token in that header.</param>
    /// <param name="lifetime">How long a session lasts, when the API says; otherwise until a 401.</param>
    public SessionTokenAuthenticator(Func<HttpRequester, HttpRequestDefinition> login, string tokenPath, string headerName = "Authorization",
        string prefix = "Bearer ", TimeSpan? lifetime = null)
        : base(headerName, prefix)
    {
        _login = login;
        _tokenPath = JsonPath.Parse(tokenPath);
        _lifetime = lifetime;
    }

    /// <inheritdoc />
    protected override async Task<(string Token, TimeSpan? ExpiresIn)> FetchTokenAsync(HttpAuthenticationContext context, CancellationToken cancellationToken)
    {
        using var page = await context.SendUnauthenticatedAsync(_login(context.Requester), cancellationToken).ConfigureAwait(false);
        var token = page.ValueAt(_tokenPath);
        if (string.IsNullOrEmpty(token))
        {
            throw new ConfigException($"The login request {page.Describe()} returned no token at {_tokenPath}.");
        }
        return (token, _lifetime);
    }
}
