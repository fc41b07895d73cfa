using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Connectors.CodeFixes.Syntax;

/// <summary>Finding a Connectors attribute on a declaration and adding a named argument to it.</summary>
internal static class AttributeEdits
{
    /// <summary>
    /// The attribute written as <c>Name</c>, <c>NameAttribute</c> or a qualified form of either. Syntactic: the
    /// diagnostic already told us the declaration carries it.
    /// </summary>
    public static AttributeSyntax? Find(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(list => list.Attributes).FirstOrDefault(attribute => SimpleName(attribute.Name) is { } simple
            && (simple == name || simple == name + "Attribute"));

    private static string? SimpleName(NameSyntax name) => name switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The attribute with <c>name = true</c> appended to its arguments (an argument list is added if there is none).</summary>
    public static AttributeSyntax WithTrueArgument(AttributeSyntax attribute, string name)
    {
        var argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name)),
            nameColon: null,
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return attribute.WithArgumentList(list.AddArguments(argument)).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
