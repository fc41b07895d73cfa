using System.Linq;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Json;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class ConfiguredCatalogTests
{
    private static ConfiguredCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ConfiguredCatalog.Parse(document.RootElement, "catalog.json");
    }

    [Fact]
    public void Reads_every_field_of_a_configured_stream()
    {
        var catalog = Parse("""
            {"streams":[{
              "stream":{"name":"users","namespace":"crm","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"]},
              "sync_mode":"incremental","destination_sync_mode":"append_dedup","cursor_field":["updated_at"],
              "primary_key":[["id"],["tenant","id"]],"generation_id":3,"minimum_generation_id":2,"sync_id":42
            }]}
            """);

        var stream = Assert.Single(catalog.Streams);
        Assert.Equal(new StreamKey("users", "crm"), stream.Key);
        Assert.Equal(0, stream.Index);
        Assert.Equal("incremental", stream.SyncMode);
        Assert.Equal("append_dedup", stream.DestinationSyncMode);
        Assert.Equal(new[] { "updated_at" }, stream.CursorField);
        Assert.Equal(new[] { "id", "tenant.id" }, stream.PrimaryKey!.Select(p => string.Join(".", p)));
        Assert.Equal(3, stream.GenerationId);
        Assert.Equal(2, stream.MinimumGenerationId);
        Assert.Equal(42, stream.SyncId);
        Assert.Equal("{\"type\":\"object\"}", stream.JsonSchema.GetRawText());
    }

    [Fact]
    public void Uses_the_protocol_defaults_and_keeps_catalog_order()
    {
        var catalog = Parse("""{"streams":[{"stream":{"name":"b"}},{"stream":{"name":"a"},"sync_mode":null}]}""");

        Assert.Equal(new[] { "b", "a" }, catalog.Streams.Select(s => s.Key.Name));
        Assert.Equal(new[] { 0, 1 }, catalog.Streams.Select(s => s.Index));
        Assert.All(catalog.Streams, s =>
        {
            Assert.Equal("full_refresh", s.SyncMode);
            Assert.Equal("append", s.DestinationSyncMode);
            Assert.Null(s.Key.Namespace);
            Assert.Null(s.CursorField);
            Assert.Null(s.PrimaryKey);
            Assert.Null(s.GenerationId);
        });
    }

    [Fact]
    public void Keeps_an_unknown_sync_mode_for_the_read_command_to_reject()
    {
        Assert.Equal("INVALID", Assert.Single(Parse("""{"streams":[{"stream":{"name":"a"},"sync_mode":"INVALID"}]}""").Streams).SyncMode);
    }

    [Theory]
    [InlineData("5", "$: expected an object, got a number")]
    [InlineData("""{"streams":null}""", "$.streams: required")]
    [InlineData("""{"streams":[{"stream":{"name":"a"}},{"stream":null}]}""", "$.streams[1].stream: required")]
    [InlineData("""{"streams":[{"stream":{"name":""},"destination_sync_mode":true}]}""", "$.streams[0].destination_sync_mode: expected a string, got a boolean")]
    [InlineData("""{"streams":[{"stream":{"name":"a"},"primary_key":"id"}]}""", "$.streams[0].primary_key: expected an array of field paths, got a string")]
    [InlineData("""{"streams":[{"stream":{"name":"a"},"sync_id":1.5}]}""", "$.streams[0].sync_id: expected an integer, got a number")]
    public void Rejects_wrong_shapes_with_the_file_and_path(string json, string problem)
    {
        var thrown = Assert.Throws<InputException>(() => Parse(json));

        Assert.Equal("The catalog file 'catalog.json' is invalid: " + problem, thrown.Message);
    }

    [Fact]
    public void Load_names_a_missing_file()
    {
        using var files = new TempDir();
        var missing = files.Missing("catalog.json");

        Assert.Equal($"The catalog file '{missing}' does not exist.", Assert.Throws<InputException>(() => ConfiguredCatalog.Load(missing)).Message);
        Assert.Single(ConfiguredCatalog.Load(files.Write("ok.json", TestConnector.FullRefresh("users"))).Streams);
    }
}
