using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes.Syntax;

/// <summary>
/// The skeleton of a fix that rewrites the type declaration whose name the diagnostic underlines: one code action,
/// keyed by the provider's name, that replaces the document's root; Fix All batches it.
/// </summary>
public abstract class DeclarationCodeFix : CodeFixProvider
{
    /// <summary>What the light bulb says.</summary>
    protected abstract string Title { get; }

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || MemberStubs.DeclarationAt(root, context.Span) is not { } declaration)
        {
            return;
        }
        var document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(document.WithSyntaxRoot(Fix(root, declaration))), GetType().Name),
            context.Diagnostics);
    }

    /// <summary>The document's new root.</summary>
    protected abstract SyntaxNode Fix(SyntaxNode root, TypeDeclarationSyntax declaration);
}

/// <summary>A fix that adds members to the declaration the diagnostic underlines.</summary>
public abstract class AddMembersCodeFix : DeclarationCodeFix
{
    protected sealed override SyntaxNode Fix(SyntaxNode root, TypeDeclarationSyntax declaration) =>
        root.ReplaceNode(declaration, AddMembers(declaration, root));

    /// <summary>The declaration with the new members (written with <see cref="MemberStubs.Parse"/>).</summary>
    protected abstract TypeDeclarationSyntax AddMembers(TypeDeclarationSyntax declaration, SyntaxNode root);
}
