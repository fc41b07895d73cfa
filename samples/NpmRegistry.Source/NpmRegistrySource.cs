using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Http;
using Microsoft.Extensions.Logging;

namespace NpmRegistry;

/// <summary>
/// Reads a private npm registry (verdaccio, or any registry with the npm search and package APIs): its packages, every
/// published version (incrementally, by publish time), and the user the credentials belong to.
/// </summary>
[Connector("source-npm-registry", Version = "0.1.0", Title = "npm Registry Source",
    DocumentationUrl = "https://github.com/verdaccio/verdaccio")]
public sealed partial class NpmRegistrySource : IDisposable
{
    /// <summary>The registry's URL.</summary>
    [ConfigProperty(Order = 0, Examples = new object[] { "http://127.0.0.1:4873/" })]
    public string RegistryUrl { get; set; } = "http://127.0.0.1:4873/";

    /// <summary>An access token (from `npm login` or the registry's adduser API). Leave empty to log in with a user name and password.</summary>
    [ConfigProperty(Secret = true, Order = 1)]
    public string? Token { get; set; }

    /// <summary>The user to log in as when no token is given.</summary>
    [ConfigProperty(Order = 2)]
    public string? Username { get; set; }

    /// <summary>The password of that user.</summary>
    [ConfigProperty(Secret = true, Order = 3)]
    public string? Password { get; set; }

    /// <summary>Only packages whose name or description contains this text (empty: every package).</summary>
    [ConfigProperty(Order = 4)]
    public string SearchText { get; set; } = "";

    /// <summary>Packages per search page (the registry's maximum is 250).</summary>
    [ConfigProperty(Minimum = 1, Maximum = 250, Order = 5)]
    public int PageSize { get; set; } = 250;

    /// <summary>How many package documents to read at the same time for the versions stream.</summary>
    [ConfigProperty(Minimum = 1, Maximum = 32, Order = 6)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Requests per second the connector may send, all streams together (0: no limit).</summary>
    [ConfigProperty(Minimum = 0, Order = 7, Group = "advanced")]
    public int RequestsPerSecond { get; set; } = 0;

    /// <summary>Retries of a request that failed with 429, 5xx, a timeout or a network error.</summary>
    [ConfigProperty(Minimum = 0, Maximum = 10, Order = 8, Group = "advanced")]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay, in seconds; it doubles with each retry (the server's Retry-After wins).</summary>
    [ConfigProperty(Minimum = 0, Maximum = 60, Order = 9, Group = "advanced")]
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>How long one attempt of a request may take, in seconds.</summary>
    [ConfigProperty(Minimum = 1, Maximum = 600, Order = 10, Group = "advanced")]
    public int RequestTimeoutSeconds { get; set; } = 60;

    private HttpRequester? _registry;

    // One requester for the whole connector: every stream shares its connections and its request budget.
    private HttpRequester Registry(ILogger logger) => _registry ??= new HttpRequester(new HttpRequesterOptions
    {
        BaseUrl = RegistryUrl,
        Authenticator = Authenticator(),
        MaxRetries = MaxRetries,
        RetryDelay = TimeSpan.FromSeconds(RetryDelaySeconds),
        AttemptTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
        RequestBudget = RequestsPerSecond > 0 ? RequestBudget.PerSecond(RequestsPerSecond) : null,
        UserAgent = "source-npm-registry/0.1.0",
        Logger = logger,
    });

    private HttpAuthenticator Authenticator()
    {
        if (!string.IsNullOrEmpty(Token))
        {
            return new BearerAuthenticator(Token);
        }
        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            throw new ConfigException("Give a token, or a username and a password.");
        }
        // npm's login: a PUT of the user document, with the same credentials as basic auth, is answered with a session token.
        var login = new Login(Username, Password);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));
        return new SessionTokenAuthenticator(
            registry => registry.Request(HttpMethod.Put, $"-/user/org.couchdb.user:{login.Name}")
                .Header("Authorization", "Basic " + basic)
                .JsonBody(login, NpmJson.Default.Login),
            tokenPath: "$.token");
    }

    /// <summary>Logs in and asks the registry who we are.</summary>
    [Check]
    public async Task<CheckResult> CheckAsync(ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var me = await Registry(logger).Get("-/whoami").ReadAsync(NpmJson.Default.WhoAmI, cancellationToken);
            return string.IsNullOrEmpty(me?.Username)
                ? CheckResult.Failed($"The registry at {RegistryUrl} did not recognise the credentials.")
                : CheckResult.Success($"Logged in to {RegistryUrl} as {me.Username}.");
        }
        catch (TransientException ex)
        {
            return CheckResult.Failed($"Could not reach the registry: {ex.Message}");
        }
    }

    /// <summary>Every package the search endpoint lists, 250 a page.</summary>
    [Stream("packages", PrimaryKey = nameof(Package.Name))]
    public IAsyncEnumerable<Package> Packages(ILogger logger) =>
        Registry(logger).Get("-/v1/search")
            .Query("text", SearchText)
            .Paginate(new OffsetPaginator("from", "size", PageSize))
            .Records("$.objects[*].package", NpmJson.Default.SearchPackage)
            .Select(Package.From);

    /// <summary>
    /// Every published version: the packages are the partitions, their documents read <c>concurrency</c> at a time.
    /// Incremental by publish time; a package not modified since the last sync is not read again.
    /// </summary>
    [Stream("versions", PrimaryKey = "Package,Version", Cursor = nameof(PackageVersion.PublishedAt))]
    public IAsyncEnumerable<PackageVersion> Versions(DateTimeOffset? since, ILogger logger) =>
        Packages(logger)
            .Where(package => since is null || package.ModifiedAt is null || package.ModifiedAt > since)
            .ReadPartitions(Concurrency, package => Registry(logger).Get($"{package.Name}")
                .IgnoreStatus(HttpStatusCode.NotFound) // unpublished between the search and this read
                .Records("$", NpmJson.Default.Packument)
                .SelectMany(PackageVersion.From)
                .Where(version => since is null || version.PublishedAt > since));

    /// <summary>The user the credentials belong to.</summary>
    [Stream("user", PrimaryKey = nameof(RegistryUser.Name))]
    public IAsyncEnumerable<RegistryUser> User(ILogger logger) =>
        Registry(logger).Get("-/npm/v1/user")
            .Records("$", NpmJson.Default.Profile)
            .Select(profile => new RegistryUser(profile.Name, NullIfEmpty(profile.Email), NullIfEmpty(profile.Fullname), profile.Tfa));

    /// <inheritdoc />
    public void Dispose() => _registry?.Dispose();

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
