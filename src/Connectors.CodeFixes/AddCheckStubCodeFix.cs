using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Connectors.CodeFixes.Syntax;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>CONN0002: adds a [Check] method to fill in, before the first method of the source (after its configuration).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCheckStubCodeFix)), Shared]
public sealed class AddCheckStubCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingCheckId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || MemberStubs.DeclarationAt(root, context.Span) is not { } type)
        {
            return;
        }
        var document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create("Add a [Check] method", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, AddCheck(type, root)))),
                nameof(AddCheckStubCodeFix)),
            context.Diagnostics);
    }

    private static TypeDeclarationSyntax AddCheck(TypeDeclarationSyntax type, SyntaxNode root)
    {
        var check = MemberStubs.Parse($$"""
            [global::Connectors.Check]
            public async global::System.Threading.Tasks.Task<global::Connectors.CheckResult> {{MemberStubs.UniqueName(type, "CheckAsync")}}(global::System.Threading.CancellationToken cancellationToken)
            {
                // Connect with the configuration and read one item; return CheckResult.Failed("…") with what the user must fix.
                await global::System.Threading.Tasks.Task.Yield();
                return global::Connectors.CheckResult.Failed("The check is not implemented yet.");
            }
            """, root);
        var firstMethod = type.Members.FirstOrDefault(m => m is MethodDeclarationSyntax);
        return firstMethod is null ? type.AddMembers(check) : type.InsertNodesBefore(firstMethod, new[] { check });
    }
}
