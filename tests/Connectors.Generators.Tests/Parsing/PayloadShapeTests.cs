using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// How a class, struct or record in a command payload is shaped, read from the model the generator builds: which
/// constructor binds it, each member's name, JSON name, description, required flag and default. These become the
/// command's payload schema and its binder, so a wrong one is a payload the runtime rejects or misreads.
/// </summary>
public sealed class PayloadShapeTests
{
    private const string Types = """

        /// <summary>A point.</summary>
        /// <param name="label">The label, from the constructor's doc.</param>
        /// <param name="weight">The weight, from the constructor's doc.</param>
        public sealed class Point
        {
            public Point(string label, int weight) { Label = label; Weight = weight; }

            /// <summary>The label, from the property's summary.</summary>
            public string Label { get; }

            public int Weight { get; }

            [System.Text.Json.Serialization.JsonPropertyName("x-coord")] public int XCoord { get; set; }
            public int YCoord { get; set; }
            public int? Maybe { get; set; }
            public int Preset { get; set; } = 5;
            public string? Note { get; set; } = null;
            public required string? Must { get; set; }
            public string Computed { get; set; } = System.Guid.NewGuid().ToString();
            public int[]? Values { get; set; }
        }

        public sealed class Chosen
        {
            private Chosen() { }
            public Chosen(int size) { Size = size; }
            public int Size { get; }
        }

        public sealed class Parameterless
        {
            public Parameterless() { }
            public Parameterless(int size) { Size = size; }
            public int Size { get; set; }
        }

        [System.Obsolete("Use Point", DiagnosticId = "PAY001")]
        public sealed class Old
        {
            [System.Obsolete("Gone", DiagnosticId = "PAY002")] public Old() { }
            [System.Obsolete("Use Point", DiagnosticId = "PAY003")] public int Size { get; set; }
        }
        """;

    private const string Members = """

        [Command("A.Run")] public void Run(Point point, Chosen chosen, Parameterless parameterless, IReadOnlyList<int> sizes) { }
        #pragma warning disable PAY001, PAY002, PAY003
        [Command("A.Old")] public void OldOne(Old old) { }
        #pragma warning restore PAY001, PAY002, PAY003
        """;

    private static readonly (ConnectorModel Model, string Commands) Built = Build();

    private static PayloadObjectModel Object(string name) =>
        Built.Model.Commands!.PayloadObjects.Single(o => o.TypeName == "global::Sample.TestSource." + name);

    private static IReadOnlyDictionary<string, MemberModel> PointMembers => Object("Point").Object.Members.ToDictionary(m => m.Name);

    [Fact]
    public void A_constructor_parameter_takes_its_property_name_and_the_property_summary_before_the_parameter_doc()
    {
        Assert.Equal(new[] { "Label", "Weight" }, Object("Point").ConstructorMembers);
        Assert.Equal("The label, from the property's summary.", PointMembers["Label"].Description);
        Assert.Equal("The weight, from the constructor's doc.", PointMembers["Weight"].Description);
        Assert.Equal("label", PointMembers["Label"].JsonName);
    }

    [Fact]
    public void A_JsonPropertyName_attribute_wins_over_the_naming_policy()
    {
        Assert.Equal("x-coord", PointMembers["XCoord"].JsonName);
        Assert.Equal("y_coord", PointMembers["YCoord"].JsonName);
    }

    [Theory]
    [InlineData("Label", true)]
    [InlineData("YCoord", true)]
    [InlineData("Maybe", false)]
    [InlineData("Preset", false)]
    [InlineData("Note", false)]
    [InlineData("Must", true)]
    [InlineData("Computed", false)]
    public void A_property_is_required_when_marked_required_or_when_it_accepts_no_null_and_has_no_initializer(string name, bool required) =>
        Assert.Equal(required, PointMembers[name].Config!.Required);

    [Theory]
    [InlineData("Preset", "5")]
    [InlineData("Note", null)]
    [InlineData("Computed", null)]
    [InlineData("YCoord", null)]
    public void Only_a_constant_initializer_that_is_not_null_becomes_the_default(string name, string? expected)
    {
        var facets = PointMembers[name].Config!;
        Assert.Equal(expected, facets.Default);
        Assert.Equal(expected is not null, facets.AssignsDefault);
    }

    [Fact]
    public void An_array_member_is_an_array_of_its_elements_that_accepts_null_only_when_declared_so()
    {
        var values = PointMembers["Values"].Type;
        Assert.Equal(ShapeKind.Array, values.Kind);
        Assert.Equal(CollectionKind.Array, values.Collection);
        Assert.True(values.IsNullable);
        Assert.False(values.IsNullableValueType);
        Assert.Equal("", values.Primitive);
        Assert.Equal(ShapeKind.Integer, values.Element!.Kind);
    }

    [Fact]
    public void A_list_interface_binds_as_a_list()
    {
        var sizes = Built.Model.Commands!.Commands.Single(c => c.Action == "A.Run").Payload.Members.Single(m => m.Name == "sizes").Type;
        Assert.Equal(ShapeKind.Array, sizes.Kind);
        Assert.Equal(CollectionKind.List, sizes.Collection);
    }

    [Fact]
    public void A_payload_object_member_names_its_type_and_has_no_primitive()
    {
        var point = Built.Model.Commands!.Commands.Single(c => c.Action == "A.Run").Payload.Members.Single(m => m.Name == "point").Type;
        Assert.Equal(ShapeKind.Object, point.Kind);
        Assert.Equal("", point.Primitive);
        Assert.Equal("global::Sample.TestSource.Point", point.Object!.TypeName);
    }

    [Fact]
    public void The_only_public_constructor_binds_even_beside_a_private_parameterless_one()
    {
        Assert.Equal(new[] { "Size" }, Object("Chosen").ConstructorMembers);
        Assert.Empty(Object("Parameterless").ConstructorMembers);
        Assert.Equal(new[] { "Size" }, Object("Parameterless").Object.Members.Select(m => m.Name));
    }

    [Fact]
    public void The_generated_commands_silence_the_obsolete_ids_of_a_payload_type_its_constructor_and_properties()
    {
        var pragma = Built.Commands.Split('\n').First(l => l.StartsWith("#pragma warning disable"));
        Assert.Contains("PAY001", pragma);
        Assert.Contains("PAY002", pragma);
        Assert.Contains("PAY003", pragma);
    }

    private static (ConnectorModel, string) Build()
    {
        var (run, model) = GeneratorHarness.RunWithModel(Connector(Check + Members + Types));
        GeneratorAssert.Succeeds(run);
        var commands = run.Result.GeneratedSources.Single(s => s.HintName == "Sample.TestSource.Commands.g.cs").SourceText.ToString();
        return (model, commands);
    }
}
