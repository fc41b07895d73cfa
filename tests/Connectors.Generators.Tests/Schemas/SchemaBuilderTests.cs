using System.Linq;
using System.Text.Json;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Connectors.Generators.Parsing;
using Connectors.Generators.Schema;
using Xunit;

namespace Connectors.Generators.Tests.Schemas;

/// <summary>
/// The JSON Schemas the generator writes, built from hand-made shapes: what a config form or a command payload accepts
/// (narrow integers bounded to what binds, closed payload objects at any depth) and how each value type is described.
/// </summary>
public sealed class SchemaBuilderTests
{
    [Theory]
    [InlineData("sbyte", "-128", "127")]
    [InlineData("byte", "0", "255")]
    [InlineData("short", "-32768", "32767")]
    [InlineData("ushort", "0", "65535")]
    [InlineData("int", "-2147483648", "2147483647")]
    [InlineData("uint", "0", "4294967295")]
    [InlineData("ulong", "0", null)]
    [InlineData("long", null, null)]
    public void A_config_integer_accepts_exactly_what_its_type_binds(string primitive, string? minimum, string? maximum)
    {
        var value = Payload(Member("Value", Integer(primitive))).GetProperty("properties").GetProperty("value");

        Assert.Equal(minimum, Raw(value, "minimum"));
        Assert.Equal(maximum, Raw(value, "maximum"));
    }

    [Fact]
    public void A_record_integer_has_no_bounds()
    {
        var value = Record(Member("Value", Integer("byte"), config: false)).GetProperty("properties").GetProperty("value");

        Assert.Equal("integer", value.GetProperty("type").GetString());
        Assert.False(value.TryGetProperty("minimum", out _));
        Assert.False(value.TryGetProperty("maximum", out _));
    }

    [Fact]
    public void Declared_bounds_and_pattern_replace_the_type_range()
    {
        var facets = Facets() with { Minimum = "1", Maximum = "9.5", Pattern = "^a+$" };

        var value = Payload(Member("Value", Integer("byte"), facets)).GetProperty("properties").GetProperty("value");

        Assert.Equal("1", Raw(value, "minimum"));
        Assert.Equal("9.5", Raw(value, "maximum"));
        Assert.Equal("^a+$", value.GetProperty("pattern").GetString());
    }

    [Fact]
    public void A_declared_minimum_keeps_the_type_maximum()
    {
        var value = Payload(Member("Value", Integer("ushort"), Facets() with { Minimum = "10" })).GetProperty("properties").GetProperty("value");

        Assert.Equal("10", Raw(value, "minimum"));
        Assert.Equal("65535", Raw(value, "maximum"));
    }

    [Fact]
    public void Every_object_of_a_payload_is_closed_and_only_the_top_opens_for_a_whole_payload()
    {
        var line = new ObjectModel("global::Sample.Line", false, new[] { Member("Sku", Simple(ShapeKind.String)) }.ToEquatableArray());
        var lineShape = Shape(ShapeKind.Object, @object: line);
        var lines = Shape(ShapeKind.Array, element: lineShape);
        var labels = Shape(ShapeKind.Dictionary, element: Simple(ShapeKind.String));
        var members = new[] { Member("Lines", lines), Member("Main", lineShape), Member("Labels", labels) };

        foreach (var open in new[] { false, true })
        {
            var schema = Parse(SchemaBuilder.Payload(Object(members), open));
            var properties = schema.GetProperty("properties");

            Assert.Equal(open, schema.GetProperty("additionalProperties").GetBoolean());
            Assert.False(properties.GetProperty("lines").GetProperty("items").GetProperty("additionalProperties").GetBoolean());
            Assert.False(properties.GetProperty("main").GetProperty("additionalProperties").GetBoolean());
            Assert.False(properties.GetProperty("labels").TryGetProperty("additionalProperties", out _));
            Assert.Equal(new[] { "lines", "main", "labels" }, schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public void A_record_object_stays_open()
    {
        var line = new ObjectModel("global::Sample.Line", false, new[] { Member("Sku", Simple(ShapeKind.String), config: false) }.ToEquatableArray());

        var schema = Record(Member("Main", Shape(ShapeKind.Object, @object: line), config: false));

        Assert.True(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.False(schema.GetProperty("properties").GetProperty("main").TryGetProperty("additionalProperties", out _));
        Assert.False(schema.TryGetProperty("required", out _));
    }

    [Theory]
    [InlineData(nameof(ShapeKind.String), """{"type":"string"}""")]
    [InlineData(nameof(ShapeKind.Guid), """{"type":"string"}""")]
    [InlineData(nameof(ShapeKind.Boolean), """{"type":"boolean"}""")]
    [InlineData(nameof(ShapeKind.Number), """{"type":"number"}""")]
    [InlineData(nameof(ShapeKind.DateTimeOffset), """{"type":"string","format":"date-time","x-timezone":true}""")]
    [InlineData(nameof(ShapeKind.DateTime), """{"type":"string","format":"date-time","x-timezone":false}""")]
    [InlineData(nameof(ShapeKind.DateOnly), """{"type":"string","format":"date"}""")]
    [InlineData(nameof(ShapeKind.TimeOnly), """{"type":"string","format":"time","x-timezone":false}""")]
    [InlineData(nameof(ShapeKind.Uri), """{"type":"string","format":"uri"}""")]
    [InlineData(nameof(ShapeKind.Bytes), """{"type":"string","contentEncoding":"base64"}""")]
    [InlineData(nameof(ShapeKind.Dictionary), """{"type":"object"}""")]
    [InlineData(nameof(ShapeKind.Json), """{}""")]
    public void Each_value_type_has_its_JSON_type_and_format(string kindName, string expected)
    {
        var kind = System.Enum.Parse<ShapeKind>(kindName);
        var value = Record(Member("Value", Simple(kind), config: false)).GetProperty("properties").GetProperty("value");

        Assert.Equal(expected, JsonSerializer.Serialize(value));
    }

    [Fact]
    public void A_nullable_value_also_takes_null()
    {
        var value = Record(Member("Value", Simple(ShapeKind.DateOnly) with { IsNullable = true }, config: false))
            .GetProperty("properties").GetProperty("value");

        Assert.Equal("""{"type":["string","null"],"format":"date"}""", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void An_enum_lists_its_JSON_names_and_null_when_nullable()
    {
        var region = Region();

        var plain = Record(Member("Region", region, config: false)).GetProperty("properties").GetProperty("region");
        var nullable = Record(Member("Region", region with { IsNullable = true }, config: false)).GetProperty("properties").GetProperty("region");

        Assert.Equal("""{"type":"string","enum":["us-east","eu-west"]}""", JsonSerializer.Serialize(plain));
        Assert.Equal("""{"type":["string","null"],"enum":["us-east","eu-west",null]}""", JsonSerializer.Serialize(nullable));
    }

    [Fact]
    public void Config_facets_describe_a_form_field_in_a_fixed_order()
    {
        var facets = Facets() with
        {
            Title = "Home region",
            Required = true,
            Default = "EuWest",
            Examples = new[] { "UsEast", "EuWest" }.ToEquatableArray(),
            Secret = true,
            Hidden = true,
            Order = 3,
            Group = "Location",
        };
        var member = new MemberModel("Region", "region", Region(), "Where the data lives.", facets);

        var value = Payload(member).GetProperty("properties").GetProperty("region");

        Assert.Equal(
            """{"type":"string","enum":["us-east","eu-west"],"title":"Home region","description":"Where the data lives.","default":"eu-west","examples":["us-east","eu-west"],"x-secret":true,"x-hidden":true,"order":3,"group":"Location"}""",
            JsonSerializer.Serialize(value));
    }

    [Fact]
    public void Unset_facets_write_only_the_title()
    {
        var value = Payload(Member("Count", Integer("long"))).GetProperty("properties").GetProperty("count");

        Assert.Equal("""{"type":"integer","title":"Count"}""", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void A_record_member_has_its_description_and_no_form_facets()
    {
        var member = new MemberModel("Name", "name", Simple(ShapeKind.String), "The user's name.", null);

        var value = Record(member).GetProperty("properties").GetProperty("name");

        Assert.Equal("""{"type":"string","description":"The user\u0027s name."}""", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void A_spec_is_an_open_draft_07_object_with_one_group_per_distinct_group_name()
    {
        var members = new[]
        {
            Member("Host", Simple(ShapeKind.String), Facets() with { Title = "Host", Required = true, Group = "Connection" }),
            Member("Region", Simple(ShapeKind.String), Facets() with { Title = "Region", Group = "Location" }),
            Member("Port", Integer("long"), Facets() with { Title = "Port", Group = "Connection" }),
            Member("Verbose", Simple(ShapeKind.Boolean)),
        };

        var spec = JsonSerializer.Serialize(Parse(SchemaBuilder.Spec(Connector(members))));

        Assert.Equal(
            """{"$schema":"http://json-schema.org/draft-07/schema#","title":"Shop Source","type":"object","required":["host","verbose"],"properties":{"host":{"type":"string","title":"Host","group":"Connection"},"region":{"type":"string","title":"Region","group":"Location"},"port":{"type":"integer","title":"Port","group":"Connection"},"verbose":{"type":"boolean","title":"Verbose"}},"additionalProperties":true,"groups":[{"id":"Connection","title":"Connection"},{"id":"Location","title":"Location"}]}""",
            spec);
    }

    [Fact]
    public void A_spec_without_groups_or_required_properties_says_neither()
    {
        var spec = Parse(SchemaBuilder.Spec(Connector(Member("Verbose", Simple(ShapeKind.Boolean), Facets() with { Title = "Verbose" }))));

        Assert.False(spec.TryGetProperty("groups", out _));
        Assert.False(spec.TryGetProperty("required", out _));
        Assert.True(spec.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void A_record_schema_is_an_open_draft_07_object()
    {
        var record = Record(Member("Name", Simple(ShapeKind.String), config: false));

        Assert.Equal(
            """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":true,"properties":{"name":{"type":"string"}}}""",
            JsonSerializer.Serialize(record));
    }

    [Fact]
    public void A_payload_schema_is_a_closed_draft_07_object_that_requires_only_required_fields()
    {
        var payload = Payload(Member("Note", Simple(ShapeKind.String), Facets() with { Title = "Note" }));

        Assert.Equal(
            """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"note":{"type":"string","title":"Note"}},"additionalProperties":false}""",
            JsonSerializer.Serialize(payload));
    }

    [Fact]
    public void Arrays_describe_their_items_and_objects_their_properties()
    {
        var line = new ObjectModel("global::Sample.Line", false, new[] { Member("Sku", Simple(ShapeKind.String), config: false) }.ToEquatableArray());
        var lines = Shape(ShapeKind.Array, element: Shape(ShapeKind.Object, @object: line)) with { IsNullable = true };

        var value = Record(Member("Lines", lines, config: false)).GetProperty("properties").GetProperty("lines");

        Assert.Equal(
            """{"type":["array","null"],"items":{"type":"object","properties":{"sku":{"type":"string"}}}}""",
            JsonSerializer.Serialize(value));
    }

    [Fact]
    public void A_config_array_bounds_its_narrow_integer_items()
    {
        var value = Payload(Member("Ports", Shape(ShapeKind.Array, element: Integer("ushort")))).GetProperty("properties").GetProperty("ports");

        Assert.Equal(
            """{"type":"array","items":{"type":"integer","minimum":0,"maximum":65535},"title":"Ports"}""",
            JsonSerializer.Serialize(value));
    }

    private static ConnectorModel Connector(params MemberModel[] members) => new(
        new TypeDeclarationModel("Sample", EquatableArray<ContainerModel>.Empty, "class", "ShopSource", "global::Sample.ShopSource"),
        "shop", "1.0.0", "Shop Source", null, false, Object(members), null, EquatableArray<StreamModel>.Empty);

    private static JsonElement Payload(params MemberModel[] members) => Parse(SchemaBuilder.Payload(Object(members)));

    private static JsonElement Record(params MemberModel[] members) =>
        Parse(SchemaBuilder.Record(Shape(ShapeKind.Object, @object: Object(members))));

    private static JsonElement Parse(JsonObject schema) => JsonDocument.Parse(schema.ToString()).RootElement.Clone();

    private static string? Raw(JsonElement value, string name) => value.TryGetProperty(name, out var found) ? found.GetRawText() : null;

    private static ObjectModel Object(MemberModel[] members) => new("global::Sample.Payload", false, members.ToEquatableArray());

    private static MemberModel Member(string name, TypeShape shape, ConfigFacets? facets = null, bool config = true) =>
        new(name, JsonNamingFor(name), shape, null, config ? facets ?? Facets() with { Title = name, Required = true } : null);

    private static string JsonNamingFor(string name) => JsonNaming.Apply(JsonNaming.SnakeCase, name);

    private static ConfigFacets Facets() =>
        new("Value", false, false, false, null, false, EquatableArray<string>.Empty, null, null, null, null, null);

    private static TypeShape Integer(string primitive) => TypeShape.Simple(ShapeKind.Integer, "global::System.Int64", false, false, primitive);

    private static TypeShape Simple(ShapeKind kind) => TypeShape.Simple(kind, "global::T", false, false);

    private static TypeShape Shape(ShapeKind kind, TypeShape? element = null, ObjectModel? @object = null) =>
        new(kind, "global::T", false, false, "", CollectionKind.None, element, EquatableArray<EnumMemberModel>.Empty, @object);

    private static TypeShape Region() => new(ShapeKind.Enum, "global::Sample.Region", false, false, "", CollectionKind.None, null,
        new[] { new EnumMemberModel("UsEast", "us-east", "0"), new EnumMemberModel("EuWest", "eu-west", "1") }.ToEquatableArray(), null);
}
