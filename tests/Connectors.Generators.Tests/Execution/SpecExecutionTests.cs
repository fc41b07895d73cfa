using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary><c>spec</c> prints the connector's configuration schema, as generated, in one SPEC message.</summary>
[Collection(ShopCollection.Name)]
public sealed class SpecExecutionTests(ShopConnector shop)
{
    [Fact]
    public async Task Spec_prints_the_generated_schema()
    {
        var result = await shop.RunAsync("spec");

        Assert.True(result.ExitCode == 0, result.ToString());
        var spec = result.Single("SPEC").GetProperty("spec");
        Assert.Equal("https://example.com/shop", spec.GetProperty("documentationUrl").GetString());
        var generated = (string)shop.Connector.ConnectorType.GetNestedType("ConnectorsGenerated", BindingFlags.NonPublic)!
            .GetField("ConfigSchema")!.GetRawConstantValue()!;
        Assert.True(JsonNode.DeepEquals(AirbyteKeywords.Render(generated), JsonNode.Parse(spec.GetProperty("connectionSpecification").GetRawText())));
    }

    [Fact]
    public async Task Spec_describes_what_the_binder_accepts()
    {
        var schema = (await shop.RunAsync("spec")).Single("SPEC").GetProperty("spec").GetProperty("connectionSpecification");

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(new[] { "api_key" }, schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal(
            new[] { "api_key", "count", "region", "auth", "tags", "accounts", "start_date", "ratio" },
            properties.EnumerateObject().Select(p => p.Name));

        var apiKey = properties.GetProperty("api_key");
        Assert.True(apiKey.GetProperty("airbyte_secret").GetBoolean());
        Assert.Equal("^[a-z0-9-]+$", apiKey.GetProperty("pattern").GetString());
        Assert.Equal("The API key.", apiKey.GetProperty("description").GetString());

        var count = properties.GetProperty("count");
        Assert.Equal("integer", count.GetProperty("type").GetString());
        Assert.Equal(3, count.GetProperty("default").GetInt32());
        Assert.Equal(1, count.GetProperty("minimum").GetInt32());
        Assert.Equal(1000, count.GetProperty("maximum").GetInt32());

        var region = properties.GetProperty("region");
        Assert.Equal(new[] { "us-east", "eu-west" }, region.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("eu-west", region.GetProperty("default").GetString());

        var auth = properties.GetProperty("auth");
        Assert.Equal(new[] { "client_id" }, auth.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(auth.GetProperty("properties").GetProperty("client_secret").GetProperty("airbyte_secret").GetBoolean());

        Assert.Equal("string", properties.GetProperty("tags").GetProperty("items").GetProperty("type").GetString());
        var account = properties.GetProperty("accounts").GetProperty("items");
        Assert.Equal(new[] { "client_id" }, account.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var startDate = properties.GetProperty("start_date");
        Assert.Equal(new[] { "string", "null" }, startDate.GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("date", startDate.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Number, properties.GetProperty("ratio").GetProperty("default").ValueKind);
    }

    [Fact]
    public void The_build_time_spec_says_what_the_description_says()
    {
        // What a generated Main's `spec` is answered from, without building the description (docs/aot.md).
        var spec = BuildTimeSpec(shop.Connector.ConnectorType);

        Assert.NotNull(spec);
        var descriptor = shop.Connector.Descriptor;
        Assert.Equal(descriptor.GetType().GetProperty("ConfigSchema")!.GetValue(descriptor), spec.ConfigSchema);
        Assert.Equal("https://example.com/shop", spec.DocumentationUrl);
    }

    [Fact]
    public void A_destination_has_no_build_time_spec()
    {
        // Its spec also lists the sync modes its description carries, so its `spec` is written from that.
        using var destination = LoadedConnector.Load(DestinationExecutionTests.Source, "Journal.JournalDestination");

        Assert.Null(BuildTimeSpecGetter(destination.ConnectorType));
    }

    /// <summary>The generated explicit implementation of <c>IConnector&lt;T&gt;.Spec</c>.</summary>
    private static MethodInfo? BuildTimeSpecGetter(System.Type connector) =>
        connector.GetMethods(BindingFlags.Static | BindingFlags.NonPublic).SingleOrDefault(m => m.Name.EndsWith(".get_Spec", System.StringComparison.Ordinal));

    private static Connectors.Runtime.ConnectorSpec? BuildTimeSpec(System.Type connector) =>
        (Connectors.Runtime.ConnectorSpec?)BuildTimeSpecGetter(connector)?.Invoke(null, null);
}
