using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Connectors.CodeFixes.Syntax;

/// <summary>
/// Members a fix adds: written with <c>global::</c> names (the simplifier shortens them to what the file's usings allow)
/// and formatted where they land.
/// </summary>
internal static class MemberStubs
{
    /// <summary>The member in <paramref name="text"/>, after a blank line in the document's own line ending.</summary>
    public static MemberDeclarationSyntax Parse(string text, SyntaxNode root)
    {
        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found ? found : "\n";
        var member = SyntaxFactory.ParseMemberDeclaration(text.Replace("\r\n", "\n").Replace("\n", newLine))!;
        return member.WithLeadingTrivia(member.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(newLine)))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
    }

    /// <summary><paramref name="name"/>, or with a number appended when the type already has a member of that name.</summary>
    public static string UniqueName(TypeDeclarationSyntax type, string name)
    {
        var taken = type.Members.Select(NameOf).Where(n => n is not null).Select(n => n!).Append(type.Identifier.ValueText);
        return new Connectors.Generators.Emit.UniqueNames(taken).Take(name);
    }

    private static string? NameOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The type with <paramref name="member"/> before its first method (after its configuration), or at its end.</summary>
    public static TypeDeclarationSyntax InsertBeforeFirstMethod(TypeDeclarationSyntax type, MemberDeclarationSyntax member)
    {
        var firstMethod = type.Members.FirstOrDefault(m => m is MethodDeclarationSyntax);
        return firstMethod is null ? type.AddMembers(member) : type.InsertNodesBefore(firstMethod, new[] { member });
    }

    /// <summary>The type declaration whose name the diagnostic underlines.</summary>
    public static TypeDeclarationSyntax? DeclarationAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
}
