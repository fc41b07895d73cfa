using System.Linq;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Destinations;

/// <summary>What a destination makes columns of: a stream schema's top-level properties, their types and formats.</summary>
public sealed class StreamFieldTests
{
    private static StreamField[] Fields(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return StreamField.FromSchema(document.RootElement).ToArray();
    }

    private static FieldType TypeOf(string definition) => Fields($$$"""{"properties":{"f":{{{definition}}}}}""").Single().Type;

    [Fact]
    public void Every_top_level_property_becomes_a_field_in_schema_order_with_its_format_and_airbyte_type()
    {
        var fields = Fields("""
            {"type":"object","properties":{
              "zeta":{"type":"string","format":"date-time","airbyte_type":"timestamp_with_timezone"},
              "alpha":{"type":"integer"},
              "nested":{"type":"object","properties":{"inner":{"type":"string"}}}
            }}
            """);

        Assert.Equal(
            [
                new StreamField("zeta", FieldType.String, "date-time", "timestamp_with_timezone"),
                new StreamField("alpha", FieldType.Integer),
                new StreamField("nested", FieldType.Object),
            ],
            fields);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("true")]
    [InlineData("""{"type":"object"}""")]
    [InlineData("""{"properties":[{"a":{"type":"string"}}]}""")]
    [InlineData("""{"properties":true}""")]
    public void A_schema_without_a_properties_object_has_no_fields(string schema)
    {
        Assert.Empty(Fields(schema));
    }

    [Theory]
    [InlineData("""{"type":"string"}""", FieldType.String)]
    [InlineData("""{"type":"integer"}""", FieldType.Integer)]
    [InlineData("""{"type":"number"}""", FieldType.Number)]
    [InlineData("""{"type":"boolean"}""", FieldType.Boolean)]
    [InlineData("""{"type":"object"}""", FieldType.Object)]
    [InlineData("""{"type":"array"}""", FieldType.Array)]
    [InlineData("""{"type":"null"}""", FieldType.Any)]
    [InlineData("""{"type":"date"}""", FieldType.Any)]
    [InlineData("""{"type":["null","string"]}""", FieldType.String)]
    [InlineData("""{"type":["string","null"]}""", FieldType.String)]
    [InlineData("""{"type":["string","string"]}""", FieldType.String)]
    [InlineData("""{"type":["integer","number"]}""", FieldType.Number)]
    [InlineData("""{"type":["number","integer","null"]}""", FieldType.Number)]
    [InlineData("""{"type":["string","integer"]}""", FieldType.Any)]
    [InlineData("""{"type":["integer","boolean"]}""", FieldType.Any)]
    [InlineData("""{"type":["integer","number","string"]}""", FieldType.Any)]
    [InlineData("""{"type":[1,"string",null]}""", FieldType.String)]
    [InlineData("""{"type":7}""", FieldType.Any)]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", FieldType.Any)]
    [InlineData("""{}""", FieldType.Any)]
    [InlineData("""true""", FieldType.Any)]
    public void A_field_has_one_type_only_when_its_schema_allows_one_besides_null(string definition, FieldType type)
    {
        Assert.Equal(type, TypeOf(definition));
    }

    [Theory]
    [InlineData("""{"type":"number","airbyte_type":"integer"}""", FieldType.Integer)]
    [InlineData("""{"type":["null","number"],"airbyte_type":"integer"}""", FieldType.Integer)]
    [InlineData("""{"type":"number","airbyte_type":"big_integer"}""", FieldType.Number)]
    [InlineData("""{"type":"string","airbyte_type":"integer"}""", FieldType.String)]
    [InlineData("""{"airbyte_type":"integer"}""", FieldType.Any)]
    public void A_number_whose_airbyte_type_is_integer_is_an_integer(string definition, FieldType type)
    {
        Assert.Equal(type, TypeOf(definition));
    }

    [Fact]
    public void A_format_or_airbyte_type_that_is_not_a_string_is_ignored()
    {
        var field = Fields("""{"properties":{"f":{"type":"string","format":1,"airbyte_type":{"x":1}}}}""").Single();

        Assert.Null(field.Format);
        Assert.Null(field.AirbyteType);
        Assert.Equal(FieldType.String, field.Type);
    }
}
