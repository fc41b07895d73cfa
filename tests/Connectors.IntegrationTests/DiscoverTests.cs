using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary><c>discover</c>: one CATALOG of uniquely named streams whose schemas, cursors and keys hold together.</summary>
public class DiscoverTests
{
    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task Discover_prints_exactly_one_catalog_of_uniquely_named_streams(string name)
    {
        var run = (await Connector.Named(name).DiscoverAsync()).Run;

        Assert.True(run.ExitCode == 0, run.Describe());
        var catalog = Assert.Single(run.OfType("CATALOG")).GetProperty("catalog");
        var names = catalog.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.NotEmpty(names);
        Assert.Equal(names.Distinct().Count(), names.Count);
    }

    [Fact]
    public async Task Faker_discovers_users_products_and_purchases_all_incremental()
    {
        var catalog = (await Connector.Faker.DiscoverAsync()).Catalog;

        var streams = catalog.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["users", "products", "purchases"], streams.Select(s => s.GetProperty("name").GetString()));
        foreach (var stream in streams)
        {
            Assert.Equal(["full_refresh", "incremental"], stream.GetProperty("supported_sync_modes").EnumerateArray().Select(m => m.GetString()));
            Assert.True(stream.GetProperty("source_defined_cursor").GetBoolean());
            Assert.Equal(["updated_at"], stream.GetProperty("default_cursor_field").EnumerateArray().Select(f => f.GetString()));
            Assert.True(stream.GetProperty("is_resumable").GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task Stream_schemas_are_draft_07_object_schemas_the_acceptance_tests_accept(string name)
    {
        foreach (var stream in await StreamsAsync(name))
        {
            var schema = stream.GetProperty("json_schema");
            var streamName = stream.GetProperty("name").GetString();
            Assert.Empty(SchemaRules.Draft07Problems(schema).Select(p => streamName + ": " + p));
            Assert.Empty(SchemaRules.AirbyteProblems(schema).Select(p => streamName + ": " + p));
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.NotEmpty(schema.GetProperty("properties").EnumerateObject());
            ProtocolSchema.BuildDraft07(schema);
        }
    }

    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task Cursors_and_primary_keys_are_fields_of_the_schema_and_keys_are_scalars(string name)
    {
        foreach (var stream in await StreamsAsync(name))
        {
            var schema = stream.GetProperty("json_schema");
            Assert.NotEmpty(stream.GetProperty("supported_sync_modes").EnumerateArray());
            if (stream.TryGetProperty("default_cursor_field", out var cursor))
            {
                Assert.NotNull(Field(schema, cursor));
                Assert.Contains("incremental", stream.GetProperty("supported_sync_modes").EnumerateArray().Select(m => m.GetString()));
                Assert.True(stream.GetProperty("source_defined_cursor").GetBoolean());
                Assert.True(stream.GetProperty("is_resumable").GetBoolean());
            }
            if (stream.TryGetProperty("source_defined_primary_key", out var keys))
            {
                foreach (var key in keys.EnumerateArray())
                {
                    var field = Field(schema, key);
                    Assert.NotNull(field);
                    Assert.DoesNotContain("object", RecordSchemas.Types(field.Value));
                    Assert.DoesNotContain("array", RecordSchemas.Types(field.Value));
                }
            }
        }
    }

    private static async Task<List<JsonElement>> StreamsAsync(string name) =>
        (await Connector.Named(name).DiscoverAsync()).Catalog.GetProperty("streams").EnumerateArray().ToList();

    /// <summary>The schema of the field at a path of property names, or null when the schema has no such field.</summary>
    private static JsonElement? Field(JsonElement schema, JsonElement path)
    {
        var current = schema;
        foreach (var segment in path.EnumerateArray())
        {
            if (!current.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(segment.GetString()!, out current))
            {
                return null;
            }
        }
        return current;
    }
}
