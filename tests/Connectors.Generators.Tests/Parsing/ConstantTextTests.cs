using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Connectors.Generators.Parsing;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// A config default or example reaches the spec and the binder as the text <see cref="ConstantText"/> makes of it: a
/// constant that does not fit the property's type is refused (CONN0042 reports it) rather than written wrongly.
/// </summary>
public sealed class ConstantTextTests
{
    private static readonly TypeShape Integer = TypeShape.Simple(ShapeKind.Integer, "global::System.Int32", false, false, "int");
    private static readonly TypeShape Number = TypeShape.Simple(ShapeKind.Number, "global::System.Double", false, false, "double");

    private static readonly TypeShape Region = new(ShapeKind.Enum, "global::Sample.Region", false, false, "", CollectionKind.None, null,
        new[] { new EnumMemberModel("UsEast", "us-east", "0"), new EnumMemberModel("EuWest", "eu-west", "5") }.ToEquatableArray(), null);

    [Theory]
    [InlineData(nameof(ShapeKind.String))]
    [InlineData(nameof(ShapeKind.DateTimeOffset))]
    [InlineData(nameof(ShapeKind.DateTime))]
    [InlineData(nameof(ShapeKind.DateOnly))]
    [InlineData(nameof(ShapeKind.Uri))]
    public void Text_shapes_take_a_string_as_it_is(string kindName)
    {
        var kind = System.Enum.Parse<ShapeKind>(kindName);
        var shape = TypeShape.Simple(kind, "global::T", false, false);

        Assert.Equal("2024-01-02 \"x\"", ConstantText.Of(shape, "2024-01-02 \"x\""));
        Assert.Null(ConstantText.Of(shape, 3));
        Assert.Null(ConstantText.Of(shape, null));
    }

    [Fact]
    public void A_boolean_is_true_or_false_and_nothing_else()
    {
        var shape = TypeShape.Simple(ShapeKind.Boolean, "global::System.Boolean", false, false);

        Assert.Equal("true", ConstantText.Of(shape, true));
        Assert.Equal("false", ConstantText.Of(shape, false));
        Assert.Null(ConstantText.Of(shape, "true"));
        Assert.Null(ConstantText.Of(shape, 1));
    }

    [Theory]
    [InlineData(42, "42")]
    [InlineData(-7L, "-7")]
    [InlineData(18446744073709551615UL, "18446744073709551615")]
    [InlineData((byte)255, "255")]
    [InlineData(5.0, "5")]
    [InlineData(-3.0f, "-3")]
    public void An_integer_takes_integral_values_of_any_numeric_type(object value, string text) =>
        Assert.Equal(text, ConstantText.Of(Integer, value));

    [Theory]
    [InlineData(2.5)]
    [InlineData(0.5f)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData("5")]
    [InlineData(true)]
    public void An_integer_refuses_fractions_infinities_and_non_numbers(object value)
    {
        Assert.Null(ConstantText.Of(Integer, value));
        Assert.False(ConstantText.Fits(Integer, value));
    }

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(3, "3")]
    [InlineData(-2L, "-2")]
    public void A_number_keeps_its_shortest_round_trip_text(object value, string text)
    {
        Assert.Equal(text, ConstantText.Of(Number, value));
        Assert.True(ConstantText.Fits(Number, value));
    }

    [Fact]
    public void A_decimal_number_keeps_its_digits() =>
        Assert.Equal("1.50", ConstantText.Of(Number, 1.50m));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData("1.5")]
    [InlineData(false)]
    public void A_number_refuses_what_JSON_cannot_write(object value) => Assert.Null(ConstantText.Of(Number, value));

    [Fact]
    public void An_enum_constant_arrives_as_its_value_and_becomes_the_member_name()
    {
        Assert.Equal("EuWest", ConstantText.Of(Region, 5));
        Assert.Equal("UsEast", ConstantText.Of(Region, 0L));
        Assert.Null(ConstantText.Of(Region, 3));
        Assert.Null(ConstantText.Of(Region, null));
    }

    [Theory]
    [InlineData(nameof(ShapeKind.Array))]
    [InlineData(nameof(ShapeKind.Object))]
    [InlineData(nameof(ShapeKind.Guid))]
    [InlineData(nameof(ShapeKind.Json))]
    public void Shapes_without_constants_refuse_every_value(string kindName)
    {
        var kind = System.Enum.Parse<ShapeKind>(kindName);
        var shape = TypeShape.Simple(kind, "global::T", false, false);

        Assert.Null(ConstantText.Of(shape, "x"));
        Assert.Null(ConstantText.Of(shape, 1));
    }
}
