using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// A small platform API (docs/platform.md) on 127.0.0.1: keeps connector data and file records in memory, takes uploads,
/// and records every request (method, path and query, authorization, body) for the tests to read.
/// </summary>
internal sealed class FakePlatformApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Dictionary<string, JsonNode?> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _secure = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _files = new(StringComparer.Ordinal);

    public FakePlatformApi()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>The connector's config as the platform holds it (<c>GET /config</c>); null answers 404.</summary>
    public JsonNode? Config { get; set; }

    /// <summary>The status to answer every request with instead, when set.</summary>
    public int? FailWith { get; set; }

    public List<Request> Requests { get; } = new();

    public sealed record Request(string Method, string PathAndQuery, string? Authorization, string Body, IReadOnlyDictionary<string, string?> Headers);

    public IReadOnlyList<Request> Of(string method, string pathEnd)
    {
        lock (Requests)
        {
            return Requests.Where(r => r.Method == method && r.PathAndQuery.Split('?')[0].EndsWith(pathEnd, StringComparison.Ordinal)).ToList();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Handle(context);
            }
            catch (Exception ex)
            {
                Answer(context, 500, JsonSerializer.Serialize(new { message = ex.Message }));
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        request.InputStream.CopyTo(buffer);
        var body = Encoding.UTF8.GetString(buffer.ToArray());
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k!], StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new Request(request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Authorization"], body, headers));
        }
        if (FailWith is { } status)
        {
            Answer(context, status, """{"message":"refused token Bearer tok-secret-123456"}""");
            return;
        }
        var path = request.Url.AbsolutePath;
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        lock (_data)
        {
            switch (request.HttpMethod, path[(path.LastIndexOf("/c-1/", StringComparison.Ordinal) + 5)..])
            {
                case ("PUT", "data"):
                    foreach (var value in JsonNode.Parse(body)!["values"]!.AsArray())
                    {
                        _data[(string)value!["key"]!] = value["value"]?.DeepClone();
                        _secure[(string)value["key"]!] = (bool)value["secure"]!;
                    }
                    Answer(context, 204, "");
                    return;
                case ("GET", "data"):
                    var keys = query["keys"]?.Split(',') ?? _data.Keys.ToArray();
                    var values = new JsonArray(keys.Where(_data.ContainsKey)
                        .Select(k => (JsonNode)new JsonObject { ["key"] = k, ["value"] = _data[k]?.DeepClone(), ["secure"] = _secure[k] }).ToArray());
                    Answer(context, 200, new JsonObject { ["values"] = values }.ToJsonString());
                    return;
                case ("POST", "files"):
                    var saved = new JsonArray();
                    foreach (var file in JsonNode.Parse(body)!["files"]!.AsArray())
                    {
                        var copy = (JsonObject)file!.DeepClone();
                        copy["updatedAt"] = DateTimeOffset.UtcNow.ToString("O");
                        _files[(string)copy["uniqueExternalId"]!] = copy;
                        saved.Add(copy.DeepClone());
                    }
                    Answer(context, 200, new JsonObject { ["files"] = saved }.ToJsonString());
                    return;
                case ("GET", "files"):
                    var ids = query["ids"]?.Split(',');
                    var statuses = query["statuses"]?.Split(',');
                    var found = _files.Values.Where(f => (ids is null || ids.Contains((string)f["uniqueExternalId"]!))
                        && (statuses is null || statuses.Contains((string)f["status"]!)));
                    Answer(context, 200, new JsonObject { ["files"] = new JsonArray(found.Select(f => f.DeepClone()).ToArray()) }.ToJsonString());
                    return;
                case ("POST", "files/upload"):
                    Answer(context, 201, JsonSerializer.Serialize(new { fileId = "file-1", location = "s3://lake/" + query["targetName"] }));
                    return;
                case ("GET", "config") when Config is { } config:
                    Answer(context, 200, new JsonObject { ["config"] = config.DeepClone() }.ToJsonString());
                    return;
                case ("POST", "heartbeat") or ("PUT", "health") or ("POST", "metrics") or ("POST", "logs"):
                    Answer(context, 204, "");
                    return;
                default:
                    Answer(context, 404, """{"message":"no such endpoint"}""");
                    return;
            }
        }
    }

    private static void Answer(HttpListenerContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0)
        {
            context.Response.ContentType = "application/json";
            context.Response.OutputStream.Write(bytes);
        }
        context.Response.Close();
    }
}
