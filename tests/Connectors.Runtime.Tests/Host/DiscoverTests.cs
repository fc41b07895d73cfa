using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary><c>discover</c>: exactly one CATALOG describing every stream.</summary>
public sealed class DiscoverTests
{
    private static async Task<HostRun> DiscoverAsync(ConnectorDescriptor<TestSource> descriptor, string config = TestConnector.ValidConfig)
    {
        using var files = new TempDir();
        return await HostRun.RunAsync(descriptor, "discover", "--config", files.Write("config.json", config));
    }

    private static ConnectorDescriptor<TestSource> ThreeStreams() => TestConnector.WithStreams(
        TestConnector.Rows("plain", (_, _) => Row.WithSeqs(), cursor: false),
        TestConnector.Rows("with_cursor", (_, _) => Row.WithSeqs()),
        TestConnector.Rows("incremental", (_, _) => Row.WithSeqs(), incremental: true, sorted: true, ns: "public"));

    [Fact]
    public async Task Prints_exactly_one_CATALOG_with_every_stream_in_declaration_order()
    {
        var run = await DiscoverAsync(ThreeStreams());

        Assert.Equal(0, run.ExitCode);
        var message = Assert.Single(run.Messages);
        var streams = message.GetProperty("catalog").GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(new[] { "plain", "with_cursor", "incremental" }, streams.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("public", streams[2].GetProperty("namespace").GetString());
        Assert.False(streams[0].TryGetProperty("namespace", out _));
        using var schema = JsonDocument.Parse(TestConnector.RowSchema);
        Assert.All(streams, s => Assert.True(JsonElement.DeepEquals(schema.RootElement, s.GetProperty("json_schema"))));
    }

    [Fact]
    public async Task Describes_sync_modes_cursor_primary_key_and_resumability()
    {
        var run = await DiscoverAsync(ThreeStreams());

        var streams = run.Single("CATALOG", "catalog").GetProperty("streams").EnumerateArray().ToList();
        var (plain, withCursor, incremental) = (streams[0], streams[1], streams[2]);

        Assert.Equal(new[] { "full_refresh" }, Strings(plain.GetProperty("supported_sync_modes")));
        Assert.False(plain.GetProperty("source_defined_cursor").GetBoolean());
        Assert.False(plain.TryGetProperty("default_cursor_field", out _));
        Assert.False(plain.GetProperty("is_resumable").GetBoolean());

        Assert.Equal(new[] { "full_refresh" }, Strings(withCursor.GetProperty("supported_sync_modes")));
        Assert.True(withCursor.GetProperty("source_defined_cursor").GetBoolean());
        Assert.Equal(new[] { "seq" }, Strings(withCursor.GetProperty("default_cursor_field")));
        Assert.False(withCursor.GetProperty("is_resumable").GetBoolean());

        Assert.Equal(new[] { "full_refresh", "incremental" }, Strings(incremental.GetProperty("supported_sync_modes")));
        Assert.True(incremental.GetProperty("source_defined_cursor").GetBoolean());
        Assert.Equal(new[] { "seq" }, Strings(incremental.GetProperty("default_cursor_field")));
        Assert.True(incremental.GetProperty("is_resumable").GetBoolean());

        Assert.All(streams, s => Assert.Equal("[[\"id\"]]", s.GetProperty("source_defined_primary_key").GetRawText()));
    }

    [Fact]
    public async Task A_stream_without_primary_key_has_no_source_defined_primary_key()
    {
        var stream = new SourceStream<TestSource, Row>
        {
            Name = "keyless",
            JsonSchema = TestConnector.RowSchema,
            OpenSync = (_, _) => Row.WithSeqs(),
            WriteRecord = Row.Write,
        };

        var run = await DiscoverAsync(TestConnector.WithStreams(stream));

        var described = Assert.Single(run.Single("CATALOG", "catalog").GetProperty("streams").EnumerateArray());
        Assert.False(described.TryGetProperty("source_defined_primary_key", out _));
    }

    [Fact]
    public async Task A_config_that_does_not_bind_is_a_config_error_and_no_catalog()
    {
        var run = await DiscoverAsync(ThreeStreams(), """{"count":"many"}""");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.OfType("CATALOG"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("config.json' is invalid", message);
        Assert.Contains("$.api_key: required", message);
        Assert.Contains("$.count: expected an integer, got \"many\"", message);
    }

    private static string?[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToArray();
}
