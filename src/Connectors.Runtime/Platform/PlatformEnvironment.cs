using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The platform configuration a connector reads from its environment, with the variable names of TetraScience's SDK
/// (<c>CONNECTOR_ID</c>, <c>TDP_ENDPOINT</c>, <c>ORG_SLUG</c>, <c>CONNECTOR_TOKEN</c>, …), plus this SDK's own
/// (<c>CONNECTOR_DATA_DIR</c>, intervals). Secrets (<c>CONNECTOR_TOKEN</c>, <c>TDP_CERTIFICATE_KEY</c>,
/// <c>CONNECTOR_DATA_KEY</c>) are added to the process's masker and never shown by <see cref="Describe"/>.
/// </summary>
public sealed class PlatformEnvironment
{
    /// <summary>The variables of TetraScience's <c>TdpApiConfig</c>, in its order.</summary>
    public static IReadOnlyList<string> TdpVariables { get; } =
    [
        "AWS_REGION", "ORG_SLUG", "HUB_ID", "CONNECTOR_ID", "DATALAKE_BUCKET", "STREAM_BUCKET", "TDP_CERTIFICATE_KEY", "JWT_TOKEN_PARAMETER",
        "TDP_ENDPOINT", "OUTBOUND_COMMAND_QUEUE", "KMS_KEY_ID", "ARTIFACT_TYPE", "CONNECTOR_TOKEN", "LOCAL_CERTIFICATE_PEM_LOCATION",
    ];

    /// <summary>The variables whose values are secrets.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } = ["CONNECTOR_TOKEN", "TDP_CERTIFICATE_KEY", "CONNECTOR_DATA_KEY"];

    private readonly IReadOnlyDictionary<string, string> _values;

    private PlatformEnvironment(IReadOnlyDictionary<string, string> values, string connectorName)
    {
        _values = values;
        ConnectorName = connectorName;
    }

    /// <summary>Reads the environment (copying lower-case proxy variables to upper case where only those exist, as the seed does).</summary>
    public static PlatformEnvironment Read(string connectorName, SecretMasker? masker = null) =>
        From(connectorName, Environment.GetEnvironmentVariable, masker, Environment.SetEnvironmentVariable);

    /// <summary>Reads variables through <paramref name="lookup"/> (tests, or another source).</summary>
    public static PlatformEnvironment From(string connectorName, Func<string, string?> lookup, SecretMasker? masker = null, bool copyProxies = false) =>
        From(connectorName, lookup, masker, copyProxies ? Environment.SetEnvironmentVariable : null);

    /// <summary>
    /// Reads variables through <paramref name="lookup"/>; with <paramref name="copyProxy"/>, a lower-case proxy variable
    /// set where its upper-case name is not is read under the upper-case name and handed to <paramref name="copyProxy"/>
    /// (the process's environment, so that child processes and libraries see it too).
    /// </summary>
    internal static PlatformEnvironment From(string connectorName, Func<string, string?> lookup, SecretMasker? masker, Action<string, string>? copyProxy)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in TdpVariables.Concat(OwnVariables).Concat(ProxyVariables))
        {
            if (lookup(name) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }
        if (copyProxy is not null)
        {
            foreach (var name in ProxyVariables)
            {
                if (!values.ContainsKey(name) && lookup(name.ToLowerInvariant()) is { Length: > 0 } lower)
                {
                    values[name] = lower;
                    copyProxy(name, lower);
                }
            }
        }
        if (masker is not null)
        {
            masker.Add(SecretVariables.Where(values.ContainsKey).Select(n => values[n]));
        }
        return new PlatformEnvironment(values, connectorName);
    }

    private static readonly string[] ProxyVariables = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    private static readonly string[] OwnVariables =
    [
        "CONNECTOR_DATA_DIR", "CONNECTOR_DATA_KEY", "CONNECTOR_PLATFORM", "HEARTBEAT_INTERVAL_SECONDS", "METRICS_INTERVAL_SECONDS",
        "LOG_FLUSH_INTERVAL_SECONDS", "LOG_BATCH_SIZE", "CONNECTOR_LOG_FILE",
    ];

    /// <summary>The connector's name (from <c>[Connector]</c>).</summary>
    public string ConnectorName { get; }

    /// <summary>A variable's value, or null when it is unset or empty.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary><c>CONNECTOR_ID</c>.</summary>
    public string? ConnectorId => this["CONNECTOR_ID"];

    /// <summary><c>ORG_SLUG</c>.</summary>
    public string? OrgSlug => this["ORG_SLUG"];

    /// <summary><c>HUB_ID</c>.</summary>
    public string? HubId => this["HUB_ID"];

    /// <summary><c>TDP_ENDPOINT</c>: the platform API's base URL.</summary>
    public string? Endpoint => this["TDP_ENDPOINT"];

    /// <summary><c>CONNECTOR_TOKEN</c>: the bearer token for the platform API (a secret).</summary>
    public string? ConnectorToken => this["CONNECTOR_TOKEN"];

    /// <summary>
    /// Where the local services keep their files: <c>CONNECTOR_DATA_DIR</c>, else
    /// <c>&lt;local application data&gt;/connectors/&lt;connector name&gt;/&lt;CONNECTOR_ID or "default"&gt;</c>; a process
    /// with no home directory at all (an empty environment and no passwd entry) uses <c>connector-data</c> beside the
    /// executable instead of a path relative to wherever it was started.
    /// </summary>
    public string DataDirectory => this["CONNECTOR_DATA_DIR"] is { } set
        ? Path.GetFullPath(set)
        : Path.Combine(ApplicationData(), "connectors", ConnectorName, SafeName(ConnectorId ?? "default"));

    private static string ApplicationData() =>
        DataRoot(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The local application data folder, or <c>connector-data</c> beside the executable when it is empty or relative (no home).</summary>
    internal static string DataRoot(string localApplicationData) =>
        Path.IsPathRooted(localApplicationData) ? localApplicationData : Path.Combine(AppContext.BaseDirectory, "connector-data");

    /// <summary>An id as one folder name (a Conduit connector id is <c>pipeline:connector</c>; a slash must not nest folders).</summary>
    private static string SafeName(string id) => string.Concat(id.Select(c => c is '/' or '\\' or '\0' ? '_' : c));

    /// <summary>
    /// True when the services talk to the platform API (<c>CONNECTOR_PLATFORM=http</c>, or both <c>TDP_ENDPOINT</c> and
    /// <c>CONNECTOR_ID</c> set without <c>CONNECTOR_PLATFORM=local</c>); false for the local services.
    /// </summary>
    public bool UsesHttpPlatform => this["CONNECTOR_PLATFORM"]?.ToLowerInvariant() switch
    {
        "http" => true,
        "local" => false,
        _ => Endpoint is not null && ConnectorId is not null,
    };

    /// <summary><c>HEARTBEAT_INTERVAL_SECONDS</c> (default 30).</summary>
    public TimeSpan HeartbeatInterval => Seconds("HEARTBEAT_INTERVAL_SECONDS", 30);

    /// <summary><c>METRICS_INTERVAL_SECONDS</c> (default 60).</summary>
    public TimeSpan MetricsInterval => Seconds("METRICS_INTERVAL_SECONDS", 60);

    /// <summary><c>LOG_FLUSH_INTERVAL_SECONDS</c> (default 5).</summary>
    public TimeSpan LogFlushInterval => Seconds("LOG_FLUSH_INTERVAL_SECONDS", 5);

    /// <summary><c>LOG_BATCH_SIZE</c>: entries that trigger a flush (default 500).</summary>
    public int LogBatchSize => int.TryParse(this["LOG_BATCH_SIZE"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
        ? size : 500;

    /// <summary>Every variable read, one per line, secrets as <c>****</c>.</summary>
    public string Describe() => string.Join("\n", _values.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}={(SecretVariables.Contains(p.Key) ? SecretMasker.Mask : p.Value)}"));

    /// <inheritdoc />
    public override string ToString() => Describe();

    private TimeSpan Seconds(string name, double fallback) =>
        double.TryParse(this[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(fallback);
}
