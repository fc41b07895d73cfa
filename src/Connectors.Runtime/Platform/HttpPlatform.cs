using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The platform services over the platform API (docs/platform.md): connector data, file hand-off and file records,
/// heartbeats, health, metrics and shipped logs, under <c>{TDP_ENDPOINT}/v1/data-acquisition/connectors/{CONNECTOR_ID}</c>
/// with <c>Authorization: Bearer {CONNECTOR_TOKEN}</c>. JSON is written and read by hand (no reflection). A call the
/// API answers with anything but 2xx throws <see cref="PlatformApiException"/>, masked.
/// </summary>
internal sealed class HttpPlatform : IConnectorData, IConnectorFiles, IPlatformReporter, ILogShippingSink, IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly string _connector;
    private readonly string _connectorId;
    private readonly SecretMasker _masker;

    public HttpPlatform(HttpClient http, string endpoint, string connectorId, string connector, string? token, SecretMasker masker)
    {
        _http = http;
        _connectorId = connectorId;
        _connector = connector;
        _masker = masker;
        _base = endpoint.TrimEnd('/') + "/v1/data-acquisition/connectors/" + Uri.EscapeDataString(connectorId);
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public async Task SaveAsync(IEnumerable<ConnectorValue> values, CancellationToken cancellationToken = default)
    {
        foreach (var batch in values.Chunk(LocalStore.BatchSize))
        {
            foreach (var value in batch.Where(v => v.Secure))
            {
                _masker.Add(Strings(value.Value));
            }
            await SendAsync(HttpMethod.Put, "/data", Json(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("values");
                foreach (var value in batch)
                {
                    json.WriteStartObject();
                    json.WriteString("key", value.Key);
                    json.WritePropertyName("value");
                    value.Value.WriteTo(json);
                    json.WriteBoolean("secure", value.Secure);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ConnectorValue>> GetAsync(IEnumerable<string>? keys = null, CancellationToken cancellationToken = default)
    {
        var found = new List<ConnectorValue>();
        var wanted = keys?.Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in wanted is null ? [null] : wanted.Chunk(LocalStore.BatchSize).Select(b => (string[]?)b))
        {
            var query = batch is null ? "" : "?keys=" + Uri.EscapeDataString(string.Join(",", batch));
            using var document = await SendAsync(HttpMethod.Get, "/data" + query, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("values").EnumerateArray())
            {
                var value = new ConnectorValue(item.GetProperty("key").GetString()!, item.GetProperty("value").Clone(),
                    item.TryGetProperty("secure", out var secure) && secure.GetBoolean());
                if (value.Secure)
                {
                    _masker.Add(Strings(value.Value));
                }
                found.Add(value);
            }
        }
        return found.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<HandedOffFile> UploadFileAsync(FileUpload upload, CancellationToken cancellationToken = default)
    {
        var name = LocalFiles.CheckedTargetName(upload.TargetName).Replace('\\', '/');
        byte[] content;
        await using (var source = upload.Open())
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            content = buffer.ToArray();
        }
        var contentType = upload.ContentType ?? "application/octet-stream";
        var query = "?targetName=" + Uri.EscapeDataString(name) + (upload.DestinationId is { } destination ? "&destinationId=" + Uri.EscapeDataString(destination) : "");
        using var request = new HttpRequestMessage(HttpMethod.Post, _base + "/files/upload" + query) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-File-Metadata", Encoding.UTF8.GetString(Json(json =>
        {
            json.WriteStartObject();
            foreach (var (key, value) in upload.Metadata)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
        })));
        using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new HandedOffFile(root.GetProperty("fileId").GetString()!, name, root.GetProperty("location").GetString()!, content.LongLength,
            Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), upload.DestinationId, contentType,
            new Dictionary<string, string>(upload.Metadata), DateTimeOffset.UtcNow);
    }

    public async Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ConnectorFileQuery();
        var found = new List<ConnectorFile>();
        foreach (var batch in query.Ids is null ? [null] : query.Ids.Distinct(StringComparer.Ordinal).Chunk(LocalStore.BatchSize).Select(b => (string[]?)b))
        {
            var parameters = new List<string>();
            if (batch is not null)
            {
                parameters.Add("ids=" + Uri.EscapeDataString(string.Join(",", batch)));
            }
            if (query.Statuses is { } statuses)
            {
                parameters.Add("statuses=" + string.Join(",", statuses.Select(LocalStore.FileStatusText)));
            }
            if (query.Limit is { } limit)
            {
                parameters.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
            }
            using var document = await SendAsync(HttpMethod.Get, "/files" + (parameters.Count == 0 ? "" : "?" + string.Join("&", parameters)), null,
                cancellationToken).ConfigureAwait(false);
            found.AddRange(document.RootElement.GetProperty("files").EnumerateArray().Select(ConnectorFileJson.Read));
        }
        IEnumerable<ConnectorFile> ordered = found.OrderBy(f => f.UpdatedAt).ThenBy(f => f.UniqueExternalId, StringComparer.Ordinal);
        return (query.Limit is { } most ? ordered.Take(most) : ordered).ToList();
    }

    public async Task<IReadOnlyList<ConnectorFile>> SaveFilesAsync(IEnumerable<ConnectorFile> files, CancellationToken cancellationToken = default)
    {
        var saved = new List<ConnectorFile>();
        foreach (var batch in files.Chunk(LocalStore.BatchSize))
        {
            using var document = await SendAsync(HttpMethod.Post, "/files", Json(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("files");
                foreach (var file in batch)
                {
                    ConnectorFileJson.Write(json, file, withTimes: false);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }), cancellationToken).ConfigureAwait(false);
            saved.AddRange(document.RootElement.GetProperty("files").EnumerateArray().Select(ConnectorFileJson.Read));
        }
        return saved;
    }

    public async ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/heartbeat", Json(json => PlatformReportJson.WriteHeartbeat(json, heartbeat, _connector, _connectorId)),
            cancellationToken).ConfigureAwait(false)).Dispose();

    public async ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Put, "/health", Json(json => PlatformReportJson.WriteHealth(json, health)), cancellationToken).ConfigureAwait(false)).Dispose();

    public async ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/metrics", Json(json => PlatformReportJson.WriteMetrics(json, metrics)), cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary>The upload already told the platform.</summary>
    public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/logs", Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var entry in batch)
            {
                json.WriteStartObject();
                json.WriteString("timestamp", entry.Timestamp);
                json.WritePropertyName("entry");
                json.WriteRawValue(entry.Json);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }), cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary>
    /// The connector's config as the platform holds it (<c>GET /config</c> answering <c>{"config": {…}}</c>), or null when
    /// the platform holds none (404): then the config file stays the source.
    /// </summary>
    public async Task<JsonElement?> GetConfigAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _base + "/config");
        using var answer = await SendAsync(request, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }
        if (answer.RootElement.ValueKind != JsonValueKind.Object || !answer.RootElement.TryGetProperty("config", out var config)
            || config.ValueKind != JsonValueKind.Object)
        {
            throw new PlatformApiException($"The platform API answered GET {request.RequestUri!.AbsolutePath} without a \"config\" object.");
        }
        return config.Clone();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (await SendAsync(request, cancellationToken, notFoundIsNull: false).ConfigureAwait(false))!;

    private async Task<JsonDocument?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool notFoundIsNull)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var what = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        if (!response.IsSuccessStatusCode)
        {
            throw new PlatformApiException(_masker.Apply($"The platform API answered {what} with {(int)response.StatusCode} {response.ReasonPhrase}: {text}"));
        }
        try
        {
            return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        }
        catch (JsonException ex)
        {
            throw new PlatformApiException($"The platform API answered {what} with something that is not JSON: {ex.Message}");
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

/// <summary>The platform API refused a call or answered something unreadable; the message says which call and why (masked).</summary>
public sealed class PlatformApiException(string message) : Exception(message);
