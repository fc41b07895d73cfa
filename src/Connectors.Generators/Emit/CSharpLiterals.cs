using System.Globalization;
using System.Text;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Turns model facts into C# source text: string literals, constants of a shape, and text inside XML doc comments.
/// The only place the generator writes C# literals (identifiers and keywords: <see cref="GeneratedFile.Escape"/>).
/// </summary>
internal static class CSharpLiterals
{
    /// <summary>A C# regular string literal.</summary>
    public static string String(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
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

    /// <summary>
    /// A constant of <paramref name="shape"/> (its text as <c>Parsing.ConstantText</c> reduced it) as a C# expression
    /// assignable to a member of that type.
    /// </summary>
    public static string Constant(TypeShape shape, string text) => shape.Kind switch
    {
        ShapeKind.DateTimeOffset => $"global::System.DateTimeOffset.Parse({String(text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.AssumeUniversal)",
        ShapeKind.DateTime => $"global::System.DateTime.Parse({String(text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)",
        ShapeKind.DateOnly => $"global::System.DateOnly.ParseExact({String(text)}, \"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture)",
        ShapeKind.Uri => $"new global::System.Uri({String(text)})",
        ShapeKind.Boolean => text,
        ShapeKind.Integer => $"({shape.Primitive}){text}",
        ShapeKind.Number => text + shape.Primitive switch { "decimal" => "m", "float" => "f", _ => "d" },
        ShapeKind.Enum => shape.TypeName + "." + GeneratedFile.Escape(text),
        _ => String(text),
    };

    /// <summary>Text inside an XML doc comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
