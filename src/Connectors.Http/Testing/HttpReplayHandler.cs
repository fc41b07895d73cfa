using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Http.Testing;

/// <summary>
/// Records a connector's HTTP exchanges into a cassette file, then replays them offline, so its tests run without the
/// API. Requests match by method, path, query and body (not host or port, so a cassette recorded against one server
/// replays for any base URL); identical requests get their responses in recorded order. Request headers are never
/// stored, so credentials stay out of the cassette; name query parameters that carry secrets in
/// <c>redactQueryParameters</c>. Pass the handler as <see cref="HttpRequesterOptions.PrimaryHandler"/>, or set
/// <c>CONNECTORS_HTTP_CASSETTE=path</c> for a requester without one (a connector run as a process).
/// </summary>
public sealed class HttpReplayHandler : HttpMessageHandler
{
    /// <summary>The environment variable that makes every requester without a primary handler record or replay.</summary>
    public const string CassetteVariable = "CONNECTORS_HTTP_CASSETTE";

    private static readonly string[] KeptHeaders =
        ["Content-Type", "Link", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Reset", "ETag"];

    private readonly string _path;
    private readonly HttpMessageInvoker? _recordFrom;
    private readonly HashSet<string> _redacted;
    private readonly List<Exchange> _exchanges;
    private readonly Dictionary<string, Queue<Exchange>> _replay;

    private HttpReplayHandler(string path, HttpMessageHandler? recordFrom, IEnumerable<string> redactQueryParameters, List<Exchange> exchanges)
    {
        _path = path;
        _recordFrom = recordFrom is null ? null : new HttpMessageInvoker(recordFrom, disposeHandler: true);
        _redacted = new HashSet<string>(redactQueryParameters, StringComparer.Ordinal);
        _exchanges = exchanges;
        _replay = exchanges.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => new Queue<Exchange>(g));
    }

    /// <summary>True when recording (the cassette is written on disposal), false when replaying.</summary>
    public bool IsRecording => _recordFrom is not null;

    /// <summary>Replays the cassette at <paramref name="path"/>; a request it does not hold throws, naming the request.</summary>
    public static HttpReplayHandler Replay(string path, IEnumerable<string>? redactQueryParameters = null) =>
        new(path, null, redactQueryParameters ?? [], Load(path));

    /// <summary>Sends requests through <paramref name="inner"/> (a real connection by default) and writes the cassette at disposal.</summary>
    public static HttpReplayHandler Record(string path, HttpMessageHandler? inner = null, IEnumerable<string>? redactQueryParameters = null) =>
        new(path, inner ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }, redactQueryParameters ?? [], new List<Exchange>());

    /// <summary>Replays the cassette if it exists, otherwise records it.</summary>
    public static HttpReplayHandler RecordOrReplay(string path, IEnumerable<string>? redactQueryParameters = null) =>
        File.Exists(path) ? Replay(path, redactQueryParameters) : Record(path, null, redactQueryParameters);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var key = Key(request.Method.Method, request.RequestUri!, body);
        if (_recordFrom is null)
        {
            Exchange? exchange = null;
            lock (_replay)
            {
                if (_replay.TryGetValue(key, out var queue) && queue.Count > 0)
                {
                    exchange = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                }
            }
            if (exchange is null)
            {
                throw new InvalidOperationException($"The cassette {_path} holds no exchange for {key}.");
            }
            return exchange.ToResponse(request);
        }
        var response = await _recordFrom.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = KeptHeaders
            .Select(name => (name, values: response.Headers.TryGetValues(name, out var h) ? h : response.Content.Headers.TryGetValues(name, out var c) ? c : null))
            .Where(h => h.values is not null)
            .ToDictionary(h => h.name, h => string.Join(", ", h.values!));
        var recorded = new Exchange(key, (int)response.StatusCode, headers, text);
        lock (_exchanges)
        {
            _exchanges.Add(recorded);
        }
        response.Dispose();
        return recorded.ToResponse(request);
    }

    /// <summary>Writes the cassette now (recording only; disposal does it too).</summary>
    public void Save()
    {
        if (_recordFrom is null)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        using var file = File.Create(_path);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartArray("exchanges");
        lock (_exchanges)
        {
            foreach (var exchange in _exchanges)
            {
                exchange.Write(writer);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Save();
            _recordFrom?.Dispose();
        }
        base.Dispose(disposing);
    }

    private string Key(string method, Uri uri, string? body)
    {
        var query = string.Join("&", uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => _redacted.Contains(Uri.UnescapeDataString(parts[0])) ? parts[0] + "=****" : string.Join("=", parts)));
        var key = method + " " + uri.AbsolutePath + (query.Length > 0 ? "?" + query : "");
        return string.IsNullOrEmpty(body) ? key : key + " " + body;
    }

    private static List<Exchange> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The cassette {path} does not exist: record it first (HttpReplayHandler.Record or RecordOrReplay).", path);
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("exchanges").EnumerateArray().Select(Exchange.Read).ToList();
    }

    private sealed record Exchange(string Key, int Status, Dictionary<string, string> Headers, string Body)
    {
        public HttpResponseMessage ToResponse(HttpRequestMessage request)
        {
            var response = new HttpResponseMessage((HttpStatusCode)Status) { RequestMessage = request, Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body)) };
            foreach (var (name, value) in Headers)
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            return response;
        }

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("request", Key);
            writer.WriteNumber("status", Status);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in Headers)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
            writer.WriteString("body", Body);
            writer.WriteEndObject();
        }

        public static Exchange Read(JsonElement element) => new(
            element.GetProperty("request").GetString()!,
            element.GetProperty("status").GetInt32(),
            element.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            element.GetProperty("body").GetString()!);
    }
}
