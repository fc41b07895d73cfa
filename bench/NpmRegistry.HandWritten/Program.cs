using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using NpmRegistry;

// usage: npm-registry-handwritten --url URL --token TOKEN [--page-size 250] [--search TEXT] [--alternate ROUNDS]
// Writes the RECORD lines of the `packages` stream, as source-npm-registry does, to stdout; with --alternate, times
// the hand loop against the toolkit in-process instead.
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
if (options.TryGetValue("alternate", out var rounds))
{
    await Alternate.RunAsync(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), http, baseUrl, options["token"], search, pageSize);
    return;
}
using var stdout = Console.OpenStandardOutput();
var lines = new PackageLines(stdout);
await HandLoop.ReadAsync(http, baseUrl, search, pageSize, package => lines.Write(package, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
lines.Flush();

/// <summary>The hand-written read: one GET per page, deserialized whole, until a short page.</summary>
internal static class HandLoop
{
    public static async Task<int> ReadAsync(HttpClient http, string baseUrl, string search, int pageSize, Action<Package> emit)
    {
        var count = 0;
        for (var from = 0; ; from += pageSize)
        {
            using var response = await http.GetAsync($"{baseUrl}-/v1/search?text={search}&from={from}&size={pageSize}");
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var page = await JsonSerializer.DeserializeAsync(body, HandJson.Default.SearchResponse);
            foreach (var hit in page!.Objects)
            {
                emit(Package.From(hit.Package));
                count++;
            }
            if (page.Objects.Count < pageSize)
            {
                return count;
            }
        }
    }
}

/// <summary>
/// In one process, the hand loop and the toolkit (HttpRequester, OffsetPaginator, JSON-path selection, the same Select)
/// read the same pages in turn, round after round (round 0 warms up): process CPU time and wall time per read, so
/// start-up and the runtime's record writing are out of the comparison.
/// </summary>
internal static class Alternate
{
    public static async Task RunAsync(int rounds, HttpClient http, string baseUrl, string token, string search, int pageSize)
    {
        using var requester = new Connectors.Http.HttpRequester(new Connectors.Http.HttpRequesterOptions
        {
            BaseUrl = baseUrl,
            Authenticator = new Connectors.Http.BearerAuthenticator(token),
        });
        var sink = 0L;
        var results = new List<(string Variant, double Cpu, double Wall, int Records)>();
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var variant in round % 2 == 0 ? new[] { "hand", "toolkit" } : ["toolkit", "hand"])
            {
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var records = 0;
                if (variant == "hand")
                {
                    records = await HandLoop.ReadAsync(http, baseUrl, search, pageSize, p => sink += p.Name.Length);
                }
                else
                {
                    var packages = requester.Get("-/v1/search").Query("text", Uri.UnescapeDataString(search))
                        .Paginate(new Connectors.Http.OffsetPaginator("from", "size", pageSize))
                        .Records("$.objects[*].package", NpmJson.Default.SearchPackage).Select(Package.From);
                    await foreach (var package in packages)
                    {
                        sink += package.Name.Length;
                        records++;
                    }
                }
                var spent = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                if (round > 0)
                {
                    results.Add((variant, spent, clock.Elapsed.TotalSeconds, records));
                }
            }
        }
        Console.WriteLine($"in-process, {rounds} rounds after one warm-up, {results[0].Records} records a read (checksum {sink})");
        Console.WriteLine("| variant | median CPU ms per read | median wall ms per read | median records/s (wall) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var variant in new[] { "hand", "toolkit" })
        {
            var mine = results.FindAll(r => r.Variant == variant);
            Console.WriteLine(System.FormattableString.Invariant(
                $"| {variant} | {Median(mine.ConvertAll(r => r.Cpu * 1000)):0.0} | {Median(mine.ConvertAll(r => r.Wall * 1000)):0.0} | {Median(mine.ConvertAll(r => r.Records / r.Wall)):0} |"));
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}

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
