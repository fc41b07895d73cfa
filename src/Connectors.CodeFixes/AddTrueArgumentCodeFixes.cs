using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Connectors.CodeFixes.Syntax;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>CONN0039: adds <c>Secret = true</c> to the property's [ConfigProperty].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSecretCodeFix)), Shared]
public sealed class AddSecretCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SecretNotMarkedId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        TrueArgument.RegisterAsync(context, "ConfigProperty", "Secret", "Mark as secret (Secret = true)", nameof(AddSecretCodeFix),
            static node => node.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.AttributeLists);
}

/// <summary>CONN0045: makes this connector the one the generated Main runs (<c>EntryPoint = true</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkEntryPointCodeFix)), Shared]
public sealed class MarkEntryPointCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AmbiguousEntryPointId);

    // Marking every connector would only move the ambiguity: one at a time.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        TrueArgument.RegisterAsync(context, "Connector", "EntryPoint", "Run this connector from Main (EntryPoint = true)", nameof(MarkEntryPointCodeFix),
            static node => node.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.AttributeLists);
}

/// <summary>The shared part: find the attribute on the underlined declaration, append <c>Name = true</c>.</summary>
internal static class TrueArgument
{
    public static async Task RegisterAsync(CodeFixContext context, string attributeName, string argumentName, string title, string equivalenceKey,
        System.Func<SyntaxNode, SyntaxList<AttributeListSyntax>?> attributesOf)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent is not { } node || attributesOf(node) is not { } lists
            || AttributeEdits.Find(lists, attributeName) is not { } attribute)
        {
            return;
        }
        var document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(title,
                _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(attribute, AttributeEdits.WithTrueArgument(attribute, argumentName)))),
                equivalenceKey),
            context.Diagnostics);
    }
}
