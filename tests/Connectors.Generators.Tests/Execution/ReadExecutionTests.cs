using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary><c>read</c> calls the stream methods and writes each record with the generated serializer.</summary>
[Collection(ShopCollection.Name)]
public sealed class ReadExecutionTests(ShopConnector shop)
{
    private const string Config = """{ "api_key": "read-key", "count": 2 }""";

    private static string Catalog(string stream, string syncMode, string? ns = null) => $$"""
        {
          "streams": [
            {
              "stream": { "name": "{{stream}}", {{(ns is null ? "" : $"\"namespace\": \"{ns}\", ")}}"json_schema": {} },
              "sync_mode": "{{syncMode}}",
              "destination_sync_mode": "append"
            }
          ]
        }
        """;

    [Fact]
    public async Task Records_parse_back_to_the_values_the_stream_returned()
    {
        var records = (await ReadAsync(Catalog("orders", "full_refresh"))).Records("orders");

        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal(1, first.GetProperty("id").GetInt64());
        Assert.Equal("2024-05-01T12:00:00+00:00", first.GetProperty("updated_at").GetString());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), first.GetProperty("updated_at").GetDateTimeOffset());

        var customer = first.GetProperty("customer");
        Assert.Equal("Ada 1", customer.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", customer.GetProperty("email").GetString());
        Assert.Equal("1 Main St", customer.GetProperty("address").GetProperty("street").GetString());
        Assert.Equal("Springfield", customer.GetProperty("address").GetProperty("city").GetString());

        Assert.Equal(JsonValueKind.Null, first.GetProperty("referrer").ValueKind);
        Assert.Equal("on-hold", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_status").ValueKind);

        var line = Assert.Single(first.GetProperty("lines").EnumerateArray());
        Assert.Equal("SKU-1", line.GetProperty("sku").GetString());
        Assert.Equal(1, line.GetProperty("quantity").GetInt32());
        Assert.Equal(9.99m, line.GetProperty("price").GetDecimal());

        Assert.Equal(new[] { "new", "vip" }, first.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[1,null]", first.GetProperty("scores").GetRawText());
        Assert.Equal("{\"views\":10}", first.GetProperty("counters").GetRawText());
        Assert.Equal("2024-05-01", first.GetProperty("day").GetString());
        Assert.Equal("13:45:00.5", first.GetProperty("opens_at").GetString());
        Assert.Equal("2024-05-01T08:30:00Z", first.GetProperty("local_seen").GetString());
        Assert.Equal(new Guid("00000000-0000-0000-0000-000000000001"), first.GetProperty("key").GetGuid());
        Assert.Equal("sig1", Encoding.UTF8.GetString(first.GetProperty("signature").GetBytesFromBase64()));
        Assert.Equal("https://shop.example.com/orders/1", first.GetProperty("website").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("homepage").ValueKind);
        Assert.Equal(0.25, first.GetProperty("ratio").GetDouble());
        Assert.True(first.GetProperty("paid").GetBoolean());
        Assert.Equal(15, first.GetProperty("discount").GetInt32());
        Assert.Equal("{\"source\":\"web\",\"n\":1}", first.GetProperty("extra").GetRawText());
    }

    [Fact]
    public async Task Records_keep_declaration_order_and_write_every_member()
    {
        var second = (await ReadAsync(Catalog("orders", "full_refresh"))).Records("orders")[1];

        Assert.Equal(
            new[]
            {
                "id", "updated_at", "customer", "referrer", "status", "previous_status", "lines", "tags", "scores", "counters", "day",
                "opens_at", "local_seen", "key", "signature", "website", "homepage", "ratio", "paid", "discount", "extra",
            },
            second.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("customer").GetProperty("email").ValueKind);
        Assert.Equal("Shelbyville", second.GetProperty("referrer").GetProperty("address").GetProperty("city").GetString());
        Assert.Equal("Closed", second.GetProperty("status").GetString());
        Assert.Equal("Open", second.GetProperty("previous_status").GetString());
        Assert.Equal(new[] { 9.99m, 19.98m }, second.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("price").GetDecimal()));
        Assert.Equal("[]", second.GetProperty("tags").GetRawText());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("discount").ValueKind);
        Assert.False(second.GetProperty("paid").GetBoolean());
    }

    [Fact]
    public async Task Incremental_read_resumes_after_the_saved_cursor_and_saves_the_new_one()
    {
        const string state = """
            [{ "type": "STREAM", "stream": { "stream_descriptor": { "name": "events", "namespace": "audit" }, "stream_state": { "sequence": 3 } } }]
            """;

        var result = await ReadAsync(Catalog("events", "incremental", "audit"), state);

        var records = result.Records("events");
        Assert.Equal(new long[] { 4, 5 }, records.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal(new[] { "even", "odd" }, records.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(result.OfType("RECORD"), r => Assert.Equal("audit", r.GetProperty("record").GetProperty("namespace").GetString()));
        var saved = result.OfType("STATE").Last().GetProperty("state").GetProperty("stream");
        Assert.Equal("audit", saved.GetProperty("stream_descriptor").GetProperty("namespace").GetString());
        Assert.Equal(5, saved.GetProperty("stream_state").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Incremental_read_passes_the_saved_date_cursor_to_the_stream_method()
    {
        const string state = """
            [{ "type": "STREAM", "stream": { "stream_descriptor": { "name": "orders" }, "stream_state": { "updated_at": "2024-05-01T12:00:00+00:00" } } }]
            """;

        var result = await ReadAsync(Catalog("orders", "incremental"), state);

        Assert.Equal(new long[] { 2 }, result.Records("orders").Select(r => r.GetProperty("id").GetInt64()));
        var saved = result.OfType("STATE").Last().GetProperty("state").GetProperty("stream").GetProperty("stream_state");
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 12, 0, 0, TimeSpan.Zero), saved.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_saved_state_without_the_cursor_key_is_a_config_error_not_a_full_reread()
    {
        using var files = new TempDirectory();
        const string state = """
            [{ "type": "STREAM", "stream": { "stream_descriptor": { "name": "orders" }, "stream_state": { "page": 3 } } }]
            """;

        var result = await shop.RunAsync("read", "--config", files.Write("config.json", Config), "--catalog",
            files.Write("catalog.json", Catalog("orders", "incremental")), "--state", files.Write("state.json", state));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(result.Records("orders"));
        var error = result.OfType("TRACE").Single().GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.EndsWith("is invalid: $[0].stream.stream_state.updated_at: missing: the state has no \"updated_at\" (it has \"page\"); this stream saves {\"updated_at\": …}",
            error.GetProperty("message").GetString());
    }

    private async Task<HostResult> ReadAsync(string catalog, string? state = null)
    {
        using var files = new TempDirectory();
        var args = new[] { "read", "--config", files.Write("config.json", Config), "--catalog", files.Write("catalog.json", catalog) };
        if (state is not null)
        {
            args = [.. args, "--state", files.Write("state.json", state)];
        }
        var result = await shop.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
