using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// The shapes the parser gives C# types, read from the model the generator builds: the one mapping the spec, the
/// catalog, the binders and the serializers share. A wrong kind, nullability, collection or JSON name here is a wrong
/// schema and a binder that disagrees with it.
/// </summary>
public sealed class TypeShapeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.Serialization;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        public enum Tier
        {
            [JsonStringEnumMemberName("tier-free")] Free = 3,
            [EnumMember(Value = "tier-pro")] Pro = 7,
            Team = 9,
        }

        public class Base
        {
            public long Id { get; set; }
            public string Hidden { get; set; } = "";
        }

        public sealed class Row : Base
        {
            public sbyte Tiny { get; set; }
            public ushort Port { get; set; }
            public uint Count { get; set; }
            public ulong Big { get; set; }
            public float Ratio { get; set; }
            public decimal Price { get; set; }
            public int? Maybe { get; set; }
            public string? Note { get; set; }
            public Tier? Tier { get; set; }
            public Guid Key { get; set; }
            public TimeOnly At { get; set; }
            public DateTime Local { get; set; }
            public byte[] Blob { get; set; } = [];
            public JsonElement Extra { get; set; }
            public int[] Numbers { get; set; } = [];
            public List<string> Names { get; set; } = [];
            public HashSet<int> Set { get; set; } = [];
            public Dictionary<string, double?> Scores { get; set; } = [];
            [JsonPropertyName("renamed")] public int Original { get; set; }
            [JsonIgnore] public int IgnoredAlways { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.Always)] public int IgnoredExplicitly { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? KeptWhenNotNull { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int KeptAlways { get; set; }
            public static int Static { get; set; }
            public int Private { private get; set; }
            internal int Internal { get; set; }
            public int this[int index] => index;
        }

        public sealed class Nested
        {
            [ConfigProperty] public string Host { get; set; } = "";
        }

        [Connector("source-shapes", Version = "1.0.0")]
        public partial class ShapesSource
        {
            [ConfigProperty] public string Label { get; set; } = "x";
            [ConfigProperty] public required string Account { get; set; }
            [ConfigProperty] public string Region { get; set; } = "";
            [ConfigProperty] public int Needed { get; set; }
            [ConfigProperty] public int? Optional { get; set; }
            [ConfigProperty(Default = 5)] public int WithDefault { get; set; }
            [ConfigProperty] public int FromInitializer { get; set; } = 12;
            [ConfigProperty] public Tier Tier { get; set; } = Tier.Pro;
            [ConfigProperty(Title = "Page size", Minimum = 0.5, Maximum = 100, Examples = new object[] { 10, 20 })] public double PageSize { get; set; } = 1;
            [ConfigProperty] public IReadOnlyList<string> Tags { get; set; } = [];
            [ConfigProperty] public IEnumerable<int> Ids { get; set; } = [];
            [ConfigProperty] public long[] Longs { get; set; } = [];
            [ConfigProperty] public Nested Server { get; set; } = new();
            public string NotConfig { get; set; } = "";

            [Stream("rows")]
            public IEnumerable<Row> Rows() => [];
        }
        """;

    private static readonly ConnectorModel Model = Build();

    private static IReadOnlyDictionary<string, MemberModel> RecordMembers =>
        Model.Streams.Single().Record.Object!.Members.ToDictionary(m => m.Name);

    private static IReadOnlyDictionary<string, MemberModel> ConfigMembers => Model.Config.Members.ToDictionary(m => m.Name);

    [Fact]
    public void Record_members_are_public_readable_instance_properties_base_first_without_ignored_ones()
    {
        Assert.Equal(
            new[]
            {
                "Id", "Hidden", "Tiny", "Port", "Count", "Big", "Ratio", "Price", "Maybe", "Note", "Tier", "Key", "At", "Local", "Blob",
                "Extra", "Numbers", "Names", "Set", "Scores", "Original", "KeptWhenNotNull", "KeptAlways",
            },
            Model.Streams.Single().Record.Object!.Members.Select(m => m.Name));
        Assert.Equal("renamed", RecordMembers["Original"].JsonName);
        Assert.Equal("kept_when_not_null", RecordMembers["KeptWhenNotNull"].JsonName);
    }

    [Theory]
    [InlineData("Id", "Integer", "long", false, false)]
    [InlineData("Tiny", "Integer", "sbyte", false, false)]
    [InlineData("Port", "Integer", "ushort", false, false)]
    [InlineData("Count", "Integer", "uint", false, false)]
    [InlineData("Big", "Integer", "ulong", false, false)]
    [InlineData("Ratio", "Number", "float", false, false)]
    [InlineData("Price", "Number", "decimal", false, false)]
    [InlineData("Maybe", "Integer", "int", true, true)]
    [InlineData("Note", "String", "", true, false)]
    [InlineData("Tier", "Enum", "", true, true)]
    [InlineData("Key", "Guid", "", false, false)]
    [InlineData("At", "TimeOnly", "", false, false)]
    [InlineData("Local", "DateTime", "", false, false)]
    [InlineData("Blob", "Bytes", "", false, false)]
    [InlineData("Extra", "Json", "", true, false)]
    public void Record_scalars_have_their_kind_primitive_and_nullability(string member, string kind, string primitive, bool nullable, bool nullableValueType)
    {
        var shape = RecordMembers[member].Type;

        Assert.Equal(kind, shape.Kind.ToString());
        Assert.Equal(primitive, shape.Primitive);
        Assert.Equal(nullable, shape.IsNullable);
        Assert.Equal(nullableValueType, shape.IsNullableValueType);
    }

    [Theory]
    [InlineData("Numbers", "Array", "Array", "Integer")]
    [InlineData("Names", "Array", "List", "String")]
    [InlineData("Set", "Array", "Enumerable", "Integer")]
    [InlineData("Scores", "Dictionary", "Enumerable", "Number")]
    public void Record_collections_keep_how_they_are_typed(string member, string kind, string collection, string element)
    {
        var shape = RecordMembers[member].Type;

        Assert.Equal(kind, shape.Kind.ToString());
        Assert.Equal(collection, shape.Collection.ToString());
        Assert.Equal(element, shape.Element!.Kind.ToString());
    }

    [Fact]
    public void An_enum_member_is_named_by_its_attribute_and_keeps_its_value()
    {
        var members = RecordMembers["Tier"].Type.EnumMembers;

        Assert.Equal(
            new[] { new EnumMemberModel("Free", "tier-free", "3"), new EnumMemberModel("Pro", "tier-pro", "7"), new EnumMemberModel("Team", "Team", "9") },
            members.ToArray());
        Assert.Equal("double", RecordMembers["Scores"].Type.Element!.Primitive);
        Assert.True(RecordMembers["Scores"].Type.Element!.IsNullable);
    }

    [Fact]
    public void Config_members_are_the_ConfigProperty_ones_in_declaration_order()
    {
        Assert.Equal(
            new[] { "Label", "Account", "Region", "Needed", "Optional", "WithDefault", "FromInitializer", "Tier", "PageSize", "Tags", "Ids", "Longs", "Server" },
            Model.Config.Members.Select(m => m.Name));
    }

    [Theory]
    [InlineData("Label", false, "x", false)]
    [InlineData("Account", true, null, false)]
    [InlineData("Region", false, "", false)]
    [InlineData("Needed", true, null, false)]
    [InlineData("Optional", false, null, false)]
    [InlineData("WithDefault", false, "5", true)]
    [InlineData("FromInitializer", false, "12", false)]
    [InlineData("Tier", false, "Pro", false)]
    [InlineData("PageSize", false, "1", false)]
    public void A_config_value_is_required_unless_nullable_initialized_or_defaulted(string member, bool required, string? defaultText, bool assignsDefault)
    {
        var config = ConfigMembers[member].Config!;

        Assert.Equal(required, config.Required);
        Assert.Equal(defaultText, config.Default);
        Assert.Equal(assignsDefault, config.AssignsDefault);
        Assert.Equal(member == "Account", config.IsRequiredMember);
    }

    [Fact]
    public void Config_facets_come_from_the_attribute_or_the_name()
    {
        var pageSize = ConfigMembers["PageSize"].Config!;
        var label = ConfigMembers["Label"].Config!;

        Assert.Equal("Page size", pageSize.Title);
        Assert.Equal("0.5", pageSize.Minimum);
        Assert.Equal("100", pageSize.Maximum);
        Assert.Equal(new[] { "10", "20" }, pageSize.Examples.ToArray());
        Assert.Equal("Label", label.Title);
        Assert.Null(label.Minimum);
        Assert.Null(label.Maximum);
        Assert.Empty(label.Examples.ToArray());
    }

    [Theory]
    [InlineData("Tags", "List", "String")]
    [InlineData("Ids", "List", "Integer")]
    [InlineData("Longs", "Array", "Integer")]
    public void A_config_collection_is_bound_as_a_list_or_an_array(string member, string collection, string element)
    {
        var shape = ConfigMembers[member].Type;

        Assert.Equal(ShapeKind.Array, shape.Kind);
        Assert.Equal(collection, shape.Collection.ToString());
        Assert.Equal(element, shape.Element!.Kind.ToString());
    }

    [Fact]
    public void A_config_class_with_config_properties_is_a_nested_object()
    {
        var server = ConfigMembers["Server"].Type;

        Assert.Equal(ShapeKind.Object, server.Kind);
        Assert.Equal("Host", Assert.Single(server.Object!.Members).Name);
        Assert.Equal("host", server.Object!.Members.First().JsonName);
    }

    private static ConnectorModel Build()
    {
        var (run, model) = GeneratorHarness.RunWithModel(Source);
        GeneratorAssert.Quiet(run);
        return model;
    }
}
