using System;
using System.Globalization;
using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Reduces an attribute argument or initializer constant to what it means for a shape: invariant text, with no C# or
/// JSON syntax (a string's characters, an integer's digits, a number's shortest round-trip text, <c>true</c>/<c>false</c>,
/// an enum member's C# name). The model keeps that fact; <c>Schema.JsonText.Constant</c> writes it as JSON and
/// <c>Emit.CSharpLiterals.Constant</c> as C#.
/// </summary>
internal static class ConstantText
{
    /// <summary>The constant's text for the shape, or null when it does not fit the shape.</summary>
    public static string? Of(TypeShape shape, object? value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String or ShapeKind.DateTimeOffset or ShapeKind.DateTime or ShapeKind.DateOnly or ShapeKind.Uri when value is string text:
                return text;
            case ShapeKind.Boolean when value is bool flag:
                return flag ? "true" : "false";
            case ShapeKind.Integer when IsIntegral(value):
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            case ShapeKind.Number when IsNumber(value):
                return NumberText(value);
            case ShapeKind.Enum when EnumMember(shape, value) is { } member:
                return member.Name;
            default:
                return null;
        }
    }

    /// <summary>True when the constant fits the shape (so it can be shown in the spec and assigned by generated code).</summary>
    public static bool Fits(TypeShape shape, object? value) => Of(shape, value) is not null;

    // A float constant keeps its own shortest text (0.1f is "0.1", not 0.10000000149011612 as a double).
    private static string NumberText(object? value) => value switch
    {
        float single => single.ToString("R", CultureInfo.InvariantCulture),
        decimal exact => exact.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    };

    private static bool IsIntegral(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong
        || (value is double d && Math.Floor(d) == d && !double.IsInfinity(d))
        || (value is float f && Math.Floor(f) == f && !float.IsInfinity(f));

    private static bool IsNumber(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal
        && !(value is double d && (double.IsNaN(d) || double.IsInfinity(d)));

    // Enum constants arrive as their underlying value (attribute arguments and initializers alike).
    private static EnumMemberModel? EnumMember(TypeShape shape, object? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        return shape.EnumMembers.FirstOrDefault(m => m.Value == text);
    }
}
