using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NpmRegistry;

// usage: npm-registry-handwritten --url URL --token TOKEN [--page-size 250] [--search TEXT]
// Writes the RECORD lines of the `packages` stream, as source-npm-registry does, to stdout.
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
var baseUrl = options["url"].TrimEnd('/') + "/";
var pageSize = int.Parse(options.GetValueOrDefault("page-size", "250"), System.Globalization.CultureInfo.InvariantCulture);
var search = Uri.EscapeDataString(options.GetValueOrDefault("search", ""));

using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All });
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options["token"]);
using var stdout = Console.OpenStandardOutput();
var lines = new PackageLines(stdout);
for (var from = 0; ; from += pageSize)
{
    using var response = await http.GetAsync($"{baseUrl}-/v1/search?text={search}&from={from}&size={pageSize}");
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    var page = await JsonSerializer.DeserializeAsync(body, HandJson.Default.SearchResponse);
    foreach (var hit in page!.Objects)
    {
        lines.Write(Package.From(hit.Package), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }
    if (page.Objects.Count < pageSize)
    {
        break;
    }
}
lines.Flush();

/// <summary>The search endpoint's response.</summary>
internal sealed class SearchResponse
{
    public List<SearchObject> Objects { get; set; } = new();
}

internal sealed class SearchObject
{
    public SearchPackage Package { get; set; } = new();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SearchResponse))]
internal sealed partial class HandJson : JsonSerializerContext;

/// <summary>RECORD lines of the packages stream, written by hand: one writer, one buffer, 64 KiB writes.</summary>
internal sealed class PackageLines
{
    private const int ChunkSize = 64 * 1024;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * ChunkSize);
    private readonly Utf8JsonWriter _json;

    public PackageLines(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public void Write(Package package, long emittedAt)
    {
        var json = _json;
        json.WriteStartObject();
        json.WriteString("type"u8, "RECORD"u8);
        json.WriteStartObject("record"u8);
        json.WriteString("stream"u8, "packages"u8);
        json.WriteStartObject("data"u8);
        json.WriteString("name"u8, package.Name);
        json.WriteString("description"u8, package.Description);
        json.WriteString("latest_version"u8, package.LatestVersion);
        json.WriteStartArray("keywords"u8);
        foreach (var keyword in package.Keywords)
        {
            json.WriteStringValue(keyword);
        }
        json.WriteEndArray();
        if (package.ModifiedAt is { } modified)
        {
            json.WriteString("modified_at"u8, modified.AddTicks(-(modified.Ticks % 10)));
        }
        else
        {
            json.WriteNull("modified_at"u8);
        }
        json.WriteEndObject();
        json.WriteNumber("emitted_at"u8, emittedAt);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= ChunkSize)
        {
            Flush();
        }
    }

    public void Flush()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
