using System;
using System.Globalization;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Parsing;

/// <summary>Renders attribute and initializer constants as JSON literals (for the schema) and C# expressions (for the binder).</summary>
internal static class ConfigLiterals
{
    /// <summary>The constant as a JSON literal of the shape, or null when it does not fit the shape.</summary>
    public static string? Json(TypeShape shape, object? value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String or ShapeKind.DateTimeOffset or ShapeKind.DateTime or ShapeKind.DateOnly or ShapeKind.Uri when value is string text:
                return JsonText.Quote(text);
            case ShapeKind.Boolean when value is bool flag:
                return flag ? "true" : "false";
            case ShapeKind.Integer when IsIntegral(value):
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            case ShapeKind.Number when IsNumber(value):
                return NumberText(value);
            case ShapeKind.Enum when EnumMember(shape, value) is { } member:
                return JsonText.Quote(member.JsonName);
            default:
                return null;
        }
    }

    /// <summary>The constant as a C# expression assignable to the property (only called when <see cref="Json"/> succeeded).</summary>
    public static string? CSharp(TypeShape shape, object? value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String when value is string text:
                return CSharpString(text);
            case ShapeKind.DateTimeOffset when value is string text:
                return $"global::System.DateTimeOffset.Parse({CSharpString(text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.AssumeUniversal)";
            case ShapeKind.DateTime when value is string text:
                return $"global::System.DateTime.Parse({CSharpString(text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)";
            case ShapeKind.DateOnly when value is string text:
                return $"global::System.DateOnly.ParseExact({CSharpString(text)}, \"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture)";
            case ShapeKind.Uri when value is string text:
                return $"new global::System.Uri({CSharpString(text)})";
            case ShapeKind.Boolean when value is bool flag:
                return flag ? "true" : "false";
            case ShapeKind.Integer when IsIntegral(value):
                return $"({shape.Primitive}){Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}";
            case ShapeKind.Number when IsNumber(value):
                var number = NumberText(value);
                return shape.Primitive switch { "decimal" => number + "m", "float" => number + "f", _ => number + "d" };
            case ShapeKind.Enum when EnumMember(shape, value) is { } member:
                return shape.TypeName + "." + Emit.GeneratedFile.Escape(member.Name);
            default:
                return null;
        }
    }

    /// <summary>A C# regular string literal.</summary>
    public static string CSharpString(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

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
