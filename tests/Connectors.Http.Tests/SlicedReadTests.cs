using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Http.Testing;
using Connectors.Http.Tests.Support;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>
/// A generated connector reading date windows through the runtime (<c>read</c>, in-process): a STATE after each window,
/// a resume from a mid-sync state, and a failed window that leaves the last finished window's state behind.
/// </summary>
[Collection(nameof(SlicedReadTests))] // EventsSource.Api is static: these tests run one at a time.
public sealed class SlicedReadTests : IDisposable
{
    private static readonly DateTimeOffset Day0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "connectors-http-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeHttpHandler _api = new();

    public SlicedReadTests()
    {
        Directory.CreateDirectory(_folder);
        EventsSource.Api = _api;
        // Three events a day at 06:00, 12:00 and 18:00 for four days, two to a page; the API filters (from, to].
        _api.OnGet("events").Respond(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var from = DateTimeOffset.Parse(query["from"]!, CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(query["to"]!, CultureInfo.InvariantCulture);
            var all = Enumerable.Range(0, 4 * 3).Select(i => Day0.AddHours(6 + i / 3 * 24 + i % 3 * 6)).Where(t => t > from && t <= to).ToList();
            var skip = int.Parse(query["cursor"] ?? "0", CultureInfo.InvariantCulture);
            var page = all.Skip(skip).Take(2).Select(t => $$"""{"id":"e{{t:MMddHH}}","occurred_at":"{{t:O}}","kind":"click"}""");
            var next = skip + 2 < all.Count ? $"\"{skip + 2}\"" : "null";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"data":[{{string.Join(",", page)}}],"next":{{next}}}""") };
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Each_window_ends_with_a_state_holding_its_last_cursor(int concurrency)
    {
        var run = await ReadAsync(Config(concurrency));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(12, run.Records.Count);
        Assert.Equal(new[] { "2024-05-01T18:00:00+00:00", "2024-05-02T18:00:00+00:00", "2024-05-03T18:00:00+00:00", "2024-05-04T18:00:00+00:00" },
            run.Cursors);
        Assert.Equal(new[] { 3, 3, 3, 3 }, run.Counts);
        // Records leave window by window, in time order, even when later windows were fetched first.
        Assert.Equal(run.Records.Order(StringComparer.Ordinal), run.Records);
    }

    [Fact]
    public async Task A_sync_resumed_from_a_window_state_reads_only_the_windows_after_it()
    {
        var run = await ReadAsync(Config(1), state: "2024-05-02T18:00:00+00:00");

        Assert.Equal(new[] { "e050306", "e050312", "e050318", "e050406", "e050412", "e050418" }, run.Records);
        Assert.Equal("2024-05-02T18:00:00Z", HttpUtilityQuery(_api.Requests[0].Uri, "from"));
    }

    [Fact]
    public async Task A_window_that_keeps_failing_leaves_the_previous_windows_state_and_a_transient_error()
    {
        _api.On(r => r.RequestUri!.Query.Contains("from=2024-05-03", StringComparison.Ordinal)).Respond(HttpStatusCode.ServiceUnavailable);

        var failed = await ReadAsync(Config(2));
        var resumed = await ReadAsync(Config(2), state: failed.Cursors[^1]);

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(new[] { "2024-05-01T18:00:00+00:00", "2024-05-02T18:00:00+00:00" }, failed.Cursors);
        Assert.Equal(6, failed.Records.Count);
        Assert.Equal("transient_error", failed.Errors.Single());
        // Resumed windows start at the saved cursor: the first one still holds May 3rd's events; the next fails again.
        Assert.Equal(new[] { "e050306", "e050312", "e050318" }, resumed.Records);
        Assert.Equal(new[] { "2024-05-03T18:00:00+00:00" }, resumed.Cursors);
        Assert.Equal(1, resumed.ExitCode);
    }

    public void Dispose()
    {
        EventsSource.Api = null;
        _api.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Config(int concurrency) => $$"""
        {"start_date":"{{Day0:O}}","end_date":"{{Day0.AddDays(4):O}}","concurrency":{{concurrency}},"max_retries":1}
        """;

    private async Task<Run> ReadAsync(string config, string? state = null)
    {
        var catalog = """
            {"streams":[{"stream":{"name":"events","json_schema":{},"supported_sync_modes":["incremental"]},
             "sync_mode":"incremental","destination_sync_mode":"append_dedup","cursor_field":["occurred_at"],"primary_key":[["id"]]}]}
            """;
        var args = new List<string> { "read", "--config", Write("config.json", config), "--catalog", Write("catalog.json", catalog) };
        if (state is not null)
        {
            args.AddRange(["--state", Write("state.json",
                "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"events\"},\"stream_state\":{\"occurred_at\":\"" + state + "\"}}}]")]);
        }
        var stdout = new MemoryStream();
        var exitCode = await ConnectorHost.RunAsync(DescriptorOf<EventsSource>(), args.ToArray(), new HostIO(stdout, new StringWriter(), Stream.Null));
        var messages = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var states = messages.Where(m => m.GetProperty("type").GetString() == "STATE").Select(m => m.GetProperty("state")).ToList();
        return new Run(
            exitCode,
            messages.Where(m => m.GetProperty("type").GetString() == "RECORD").Select(m => m.GetProperty("record").GetProperty("data").GetProperty("id").GetString()!).ToList(),
            states.Select(s => s.GetProperty("stream").GetProperty("stream_state").GetProperty("occurred_at").GetString()!).ToList(),
            states.Select(s => s.GetProperty("sourceStats").GetProperty("recordCount").GetInt32()).ToList(),
            messages.Where(m => m.GetProperty("type").GetString() == "TRACE" && m.GetProperty("trace").TryGetProperty("error", out _))
                .Select(m => m.GetProperty("trace").GetProperty("error").GetProperty("failure_type").GetString()!).ToList());
    }

    private static Connectors.Runtime.ConnectorDescriptor<T> DescriptorOf<T>() where T : class, Connectors.Runtime.IConnector<T> => T.Descriptor;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string? HttpUtilityQuery(Uri uri, string name) => System.Web.HttpUtility.ParseQueryString(uri.Query)[name];

    private sealed record Run(int ExitCode, IReadOnlyList<string> Records, IReadOnlyList<string> Cursors, IReadOnlyList<int> Counts, IReadOnlyList<string> Errors);
}
