using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>
/// CONN0006/CONN0007/CONN0062: replaces a PrimaryKey or Cursor member name the record lacks (or a read method name the
/// class lacks) with the closest one (case-insensitive
/// edit distance, computed by the analyzer and carried in the diagnostic's properties). Handles a string literal (also
/// one key of a composite list) and <c>nameof(Record.Member)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseClosestMemberCodeFix)), Shared]
public sealed class UseClosestMemberCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnknownPrimaryKeyMemberId, DiagnosticDescriptors.UnknownCursorMemberId,
            DiagnosticDescriptors.UnknownStreamReadMethodId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            var expression = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
            if (expression is null || !diagnostic.Properties.TryGetValue(DiagnosticDescriptors.KeyProperty, out var key) || key is null
                || Replacement(expression, key, diagnostic.Properties) is not (var replacement, var suggestion))
            {
                continue;
            }
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create($"Use '{suggestion}'", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(expression, replacement))),
                    nameof(UseClosestMemberCodeFix)),
                diagnostic);
        }
    }

    private static (ExpressionSyntax Replacement, string Suggestion)? Replacement(ExpressionSyntax expression, string key,
        ImmutableDictionary<string, string?> properties)
    {
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && properties.TryGetValue(DiagnosticDescriptors.SuggestionProperty, out var suggestion) && suggestion is not null)
        {
            // Keep the other keys of a composite key and the spacing around each.
            var parts = literal.Token.ValueText.Split(',');
            var index = System.Array.FindIndex(parts, p => p.Trim() == key);
            if (index < 0)
            {
                return null;
            }
            var part = parts[index];
            var start = part.Length - part.TrimStart().Length;
            parts[index] = part.Substring(0, start) + suggestion + part.Substring(start + part.Trim().Length);
            var text = string.Join(",", parts);
            return (literal.WithToken(SyntaxFactory.Literal(text).WithTriviaFrom(literal.Token)), suggestion);
        }
        if (expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
            && invocation.ArgumentList.Arguments.Count == 1
            && properties.TryGetValue(DiagnosticDescriptors.MemberSuggestionProperty, out var member) && member is not null
            && SyntaxFacts.IsValidIdentifier(member))
        {
            var argument = invocation.ArgumentList.Arguments[0].Expression;
            SimpleNameSyntax? name = argument switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                IdentifierNameSyntax identifier => identifier,
                _ => null,
            };
            if (name is null || name.Identifier.ValueText != key)
            {
                return null;
            }
            var renamed = SyntaxFactory.IdentifierName(member).WithTriviaFrom(name);
            return (invocation.ReplaceNode(name, renamed), member);
        }
        return null;
    }
}
