using System.Linq;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Symbol helpers the parser uses.</summary>
internal static class SymbolExtensions
{
    /// <summary>Fully qualified, <c>global::</c>-prefixed, keeping nullable annotations of type arguments.</summary>
    private static readonly SymbolDisplayFormat QualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The type's <c>global::</c> name without a top-level nullable annotation.</summary>
    public static string QualifiedName(this ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(QualifiedFormat);

    /// <summary>
    /// True when the type's namespace-qualified name (generic arity ignored) is <paramref name="metadataName"/>, for example
    /// <c>System.Threading.CancellationToken</c>. Walks the namespace chain instead of formatting names: it runs often.
    /// </summary>
    public static bool Is(this ITypeSymbol? type, string metadataName)
    {
        if (type is null || type.ContainingType is not null)
        {
            return false;
        }
        var name = type.Name;
        var end = metadataName.Length;
        if (end < name.Length + 1 || string.CompareOrdinal(metadataName, end - name.Length, name, 0, name.Length) != 0
            || metadataName[end - name.Length - 1] != '.')
        {
            return false;
        }
        end -= name.Length + 1;
        for (var space = type.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            var segment = space.Name;
            var start = end - segment.Length;
            if (start < 0 || string.CompareOrdinal(metadataName, start, segment, 0, segment.Length) != 0)
            {
                return false;
            }
            if (start == 0)
            {
                return space.ContainingNamespace is { IsGlobalNamespace: true };
            }
            if (metadataName[start - 1] != '.')
            {
                return false;
            }
            end = start - 1;
        }
        return false;
    }

    /// <summary>Finds an attribute by metadata name.</summary>
    public static AttributeData? FindAttribute(this ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass.Is(metadataName));

    /// <summary>A named argument's constant, if written.</summary>
    public static TypedConstant? Named(this AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }
        return null;
    }

    public static string? NamedString(this AttributeData attribute, string name) => attribute.Named(name)?.Value as string;

    public static bool NamedBool(this AttributeData attribute, string name) => attribute.Named(name)?.Value is true;

    public static int? NamedInt(this AttributeData attribute, string name) => attribute.Named(name)?.Value is int value ? value : null;

    public static double? NamedDouble(this AttributeData attribute, string name) => attribute.Named(name)?.Value switch
    {
        double value when !double.IsNaN(value) => value,
        int value => value,
        _ => null,
    };

    /// <summary>The first constructor argument as a string.</summary>
    public static string? ConstructorString(this AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>Where an attribute's named argument (or the attribute itself) is written.</summary>
    public static Location? ArgumentLocation(this AttributeData attribute, string? name, System.Threading.CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax;
        if (syntax is null)
        {
            return null;
        }
        if (syntax.ArgumentList is { } arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                var argumentName = argument.NameEquals?.Name.Identifier.ValueText;
                if (name is null ? argumentName is null && argument.NameColon is null : argumentName == name)
                {
                    return argument.Expression.GetLocation();
                }
            }
        }
        return syntax.GetLocation();
    }

    /// <summary>The first source location of a symbol.</summary>
    public static Location? FirstLocation(this ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? symbol.Locations.FirstOrDefault();

    /// <summary>True for <c>Nullable&lt;T&gt;</c>.</summary>
    public static bool IsNullableValueType(this ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    /// <summary>For <c>Nullable&lt;T&gt;</c>, T; otherwise the type itself.</summary>
    public static ITypeSymbol UnwrapNullable(this ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>True when null is a valid value: <c>Nullable&lt;T&gt;</c>, an annotated reference, or a reference in a nullable-oblivious context.</summary>
    public static bool AcceptsNull(this ITypeSymbol type) =>
        type.IsNullableValueType() || (type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated);
}
