using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary><c>discover</c> prints the catalog the generator built from the [Stream] methods.</summary>
[Collection(ShopCollection.Name)]
public sealed class DiscoverExecutionTests(ShopConnector shop)
{
    [Fact]
    public async Task Discover_lists_every_stream_with_its_keys_cursor_and_sync_modes()
    {
        var streams = await DiscoverAsync();

        Assert.Equal(new[] { "orders", "events" }, streams.Select(s => s.GetProperty("name").GetString()));

        var orders = streams[0];
        Assert.False(orders.TryGetProperty("namespace", out _));
        Assert.Equal(new[] { "full_refresh", "incremental" }, orders.GetProperty("supported_sync_modes").EnumerateArray().Select(e => e.GetString()));
        Assert.True(orders.GetProperty("source_defined_cursor").GetBoolean());
        Assert.Equal(new[] { "updated_at" }, orders.GetProperty("default_cursor_field").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[[\"id\"]]", orders.GetProperty("source_defined_primary_key").GetRawText());

        var events = streams[1];
        Assert.Equal("audit", events.GetProperty("namespace").GetString());
        Assert.Equal(new[] { "sequence" }, events.GetProperty("default_cursor_field").EnumerateArray().Select(e => e.GetString()));
        Assert.False(events.TryGetProperty("source_defined_primary_key", out _));
    }

    [Fact]
    public async Task Discover_prints_the_generated_record_schemas()
    {
        var streams = await DiscoverAsync();
        var generated = shop.Connector.ConnectorType.GetNestedType("ConnectorsGenerated", BindingFlags.NonPublic)!;

        foreach (var (stream, constant) in new[] { (streams[0], "OrdersSchema"), (streams[1], "EventsSchema") })
        {
            var schema = (string)generated.GetField(constant, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
            Assert.True(JsonNode.DeepEquals(AirbyteKeywords.Render(schema), JsonNode.Parse(stream.GetProperty("json_schema").GetRawText())));
        }
        var properties = streams[0].GetProperty("json_schema").GetProperty("properties");
        Assert.Equal("timestamp_with_timezone", properties.GetProperty("updated_at").GetProperty("airbyte_type").GetString());
        Assert.Equal(
            new[] { "street", "city" },
            properties.GetProperty("customer").GetProperty("properties").GetProperty("address").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "Open", "on-hold", "Closed", null }, properties.GetProperty("previous_status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Discover_validates_the_config_first()
    {
        using var files = new TempDirectory();
        var result = await shop.RunAsync("discover", "--config", files.Write("config.json", """{ "count": 0 }"""));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.OfType("CATALOG"));
        var error = result.Single("TRACE").GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.EndsWith("is invalid: $.api_key: required; $.count: must be at least 1, got 0", error.GetProperty("message").GetString());
    }

    private async Task<JsonElement[]> DiscoverAsync()
    {
        using var files = new TempDirectory();
        var result = await shop.RunAsync("discover", "--config", files.Write("config.json", """{ "api_key": "discover-key" }"""));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray().ToArray();
    }
}
