using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Lifecycle;

/// <summary>Commands that drive each platform service, for the platform services tests.</summary>
public sealed partial class LifecycleConnector
{
    /// <summary>Sets the connector's health.</summary>
    [Command("Lifecycle.SetHealth")]
    public void SetHealth(string status, string? message, ConnectorContext context)
    {
        if (!HealthStatusNames.TryParse(status, out var parsed))
        {
            throw new ConfigException($"Unknown health status '{status}'.");
        }
        context.Health.Set(parsed, message);
    }

    /// <summary>Adds to a counter.</summary>
    [Command("Lifecycle.Count")]
    public void Count(string name, long by, ConnectorContext context) => context.Metrics.Counter(name).Add(by);

    /// <summary>Sets a gauge.</summary>
    [Command("Lifecycle.Gauge")]
    public void Gauge(string name, double value, ConnectorContext context) => context.Metrics.SetGauge(name, value);

    /// <summary>Saves one string value in the connector data.</summary>
    [Command("Lifecycle.SaveData")]
    public Task SaveData(string key, string value, bool secure, ConnectorContext context, CancellationToken cancellationToken) =>
        context.Data.SaveAsync(key, value, secure, cancellationToken);

    /// <summary>Reads values of the connector data (secure ones come back masked, as every output is).</summary>
    [Command("Lifecycle.GetData")]
    public async Task<StoredValue[]> GetData(string[] keys, ConnectorContext context, CancellationToken cancellationToken) =>
        (await context.Data.GetAsync(keys, cancellationToken)).Select(v => new StoredValue(v.Key, v.Text, v.Secure)).ToArray();

    /// <summary>Hands a file off.</summary>
    [Command("Lifecycle.HandOff")]
    public async Task<HandOff> HandOffFile(string name, string content, string? destinationId, string? sampleId, ConnectorContext context,
        CancellationToken cancellationToken)
    {
        var metadata = sampleId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["sample_id"] = sampleId };
        var file = await context.Files.UploadFileAsync(FileUpload.FromBytes(name, Encoding.UTF8.GetBytes(content)) with
        {
            DestinationId = destinationId,
            Metadata = metadata,
        }, cancellationToken);
        return new HandOff(file.FileId, file.Location, file.Bytes, file.Sha256);
    }

    /// <summary>Saves file status records, in batches.</summary>
    [Command("Lifecycle.SaveFiles")]
    public async Task<int> SaveFiles(int count, string status, ConnectorContext context, CancellationToken cancellationToken)
    {
        var parsed = Enum.Parse<ConnectorFileStatus>(status, ignoreCase: true);
        var saved = await context.Files.SaveFilesAsync(
            Enumerable.Range(0, count).Select(i => new ConnectorFile($"file-{i:D5}", $"/data/{i}.json", parsed)), cancellationToken);
        return saved.Count;
    }

    /// <summary>Counts file status records, of a status or all.</summary>
    [Command("Lifecycle.CountFiles")]
    public async Task<int> CountFiles(string? status, ConnectorContext context, CancellationToken cancellationToken)
    {
        var query = status is null ? null : new ConnectorFileQuery { Statuses = [Enum.Parse<ConnectorFileStatus>(status, ignoreCase: true)] };
        return (await context.Files.GetFilesAsync(query, cancellationToken)).Count;
    }

    /// <summary>Sets the log level from connector code.</summary>
    [Command("Lifecycle.SetLevel")]
    public void SetLevel(string level, ConnectorContext context)
    {
        if (!LogLevelNames.TryParse(level, out var parsed))
        {
            throw new ConfigException($"Unknown level '{level}'.");
        }
        context.Logs.Level = parsed;
    }

    /// <summary>Ships the buffered logs now.</summary>
    [Command("Lifecycle.FlushLogs")]
    public Task FlushLogs(ConnectorContext context) => context.Logs.FlushAsync();
}

/// <summary>A value read back.</summary>
/// <param name="Key">Its key.</param>
/// <param name="Value">Its value.</param>
/// <param name="Secure">Whether it is secure.</param>
public sealed record StoredValue(string Key, string Value, bool Secure);

/// <summary>A file handed off.</summary>
/// <param name="FileId">Its id.</param>
/// <param name="Location">Where it went.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Its hash.</param>
public sealed record HandOff(string FileId, string Location, long Bytes, string Sha256);
