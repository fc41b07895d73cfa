using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The platform services a long-running connector gets (docs/platform-services.md): health, metrics, connector data,
/// file hand-off and file records, the platform environment, and its logs. Local by default (a store and files in the
/// data directory, reports on the command host's stdout); the platform API when <see cref="PlatformEnvironment.UsesHttpPlatform"/>.
/// </summary>
public sealed class PlatformServices : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    internal PlatformServices(PlatformEnvironment environment, ConnectorHealth health, ConnectorMetrics metrics, IConnectorData data,
        Func<PlatformServices, IConnectorFiles> files, ConnectorLogs logs, IPlatformReporter reporter, IAsyncDisposable? owned)
    {
        Environment = environment;
        Health = health;
        Metrics = metrics;
        Data = data;
        Logs = logs;
        Reporter = reporter;
        _owned = owned;
        Files = files(this);
    }

    /// <summary>The platform configuration from the environment.</summary>
    public PlatformEnvironment Environment { get; }

    /// <summary>The connector's health.</summary>
    public ConnectorHealth Health { get; }

    /// <summary>The connector's metrics.</summary>
    public ConnectorMetrics Metrics { get; }

    /// <summary>The connector's key-value store.</summary>
    public IConnectorData Data { get; }

    /// <summary>File hand-off and file status records.</summary>
    public IConnectorFiles Files { get; }

    /// <summary>The level, shipping and flushing of the connector's logs.</summary>
    public ConnectorLogs Logs { get; }

    /// <summary>Where reports go.</summary>
    public IPlatformReporter Reporter { get; }

    /// <summary>
    /// Where Start, Stop and UpdateConfig (without a config) reload the config from when it is not the config file: the
    /// platform API's <c>GET /config</c> under the HTTP platform. It answers null when the platform holds no config.
    /// </summary>
    internal Func<CancellationToken, Task<System.Text.Json.JsonElement?>>? ConfigSource { get; init; }

    /// <summary>Routes file reports through the running reporting task (null: straight to the reporter).</summary>
    internal Func<HandedOffFile, CancellationToken, ValueTask>? FileReports { get; set; }

    /// <summary>
    /// The local services: the chosen store (SQLite with Connectors.Platform.Sqlite, else the JSON file) and files under
    /// <see cref="PlatformEnvironment.DataDirectory"/>. <paramref name="storeLog"/>, if any, hears once that the store is
    /// the JSON file, and how to get SQLite.
    /// </summary>
    internal static PlatformServices CreateLocal(PlatformEnvironment environment, IPlatformReporter reporter, SecretMasker masker, ConnectorLogs logs,
        ILogger? storeLog = null)
    {
        var directory = environment.DataDirectory;
        var store = new LocalStore(directory, environment["CONNECTOR_DATA_KEY"], masker, log: storeLog);
        return new PlatformServices(environment, new ConnectorHealth(), new ConnectorMetrics(environment.ConnectorName), store,
            services => new LocalFiles(Path.Combine(directory, "outbox"), store, services.ReportFileAsync), logs, reporter, new Owned(store));
    }

    /// <summary>
    /// The services over the platform API at <see cref="PlatformEnvironment.Endpoint"/> (docs/platform.md): connector data,
    /// files, reports and shipped logs all go there. Needs <c>TDP_ENDPOINT</c> and <c>CONNECTOR_ID</c>.
    /// </summary>
    internal static PlatformServices CreateHttp(PlatformEnvironment environment, SecretMasker masker, ConnectorLogs logs, HttpMessageHandler? handler = null)
    {
        if (!HttpPlatformFeature.IsSupported)
        {
            // First, so that a build with the switch off compiles none of what follows (HttpClient, TLS).
            throw HttpPlatformFeature.LeftOut();
        }
        if (environment.Endpoint is not { } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("The HTTP platform needs TDP_ENDPOINT, an absolute URL.");
        }
        if (environment.ConnectorId is not { } connectorId)
        {
            throw new InvalidOperationException("The HTTP platform needs CONNECTOR_ID.");
        }
        var http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        var platform = new HttpPlatform(http, endpoint, connectorId, environment.ConnectorName, environment.ConnectorToken, masker);
        logs.ShipTo(platform);
        return new PlatformServices(environment, new ConnectorHealth(), new ConnectorMetrics(environment.ConnectorName), platform, _ => platform, logs,
            platform, new Owned(platform)) { ConfigSource = platform.GetConfigAsync };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) =>
        FileReports is { } route ? route(file, cancellationToken) : Reporter.ReportFileAsync(file, cancellationToken);

    private sealed class Owned(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
