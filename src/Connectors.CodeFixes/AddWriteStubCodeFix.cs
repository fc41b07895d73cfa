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

/// <summary>CONN0018: adds a [Write] method to fill in, before the first method of the destination (after its configuration).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddWriteStubCodeFix)), Shared]
public sealed class AddWriteStubCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingWriteMethodId);

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
            CodeAction.Create("Add a [Write] method", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, AddWrite(type, root)))),
                nameof(AddWriteStubCodeFix)),
            context.Diagnostics);
    }

    private static TypeDeclarationSyntax AddWrite(TypeDeclarationSyntax type, SyntaxNode root)
    {
        // Append only: the other sync modes need [StreamEnd] (overwrite) or a key to merge on (append_dedup).
        var write = MemberStubs.Parse($$"""
            [global::Connectors.Write(SyncModes = global::Connectors.DestinationSyncModes.Append)]
            public async global::System.Threading.Tasks.Task {{MemberStubs.UniqueName(type, "WriteAsync")}}(global::Connectors.DestinationStream stream, global::Connectors.RecordBatch batch, global::System.Threading.CancellationToken cancellationToken)
            {
                // Store the batch's records for stream.Name; the runtime commits ([Commit]) before it acknowledges a state.
                await global::System.Threading.Tasks.Task.Yield();
                throw new global::System.NotImplementedException("The write method is not implemented yet.");
            }
            """, root);
        var firstMethod = type.Members.FirstOrDefault(m => m is MethodDeclarationSyntax);
        return firstMethod is null ? type.AddMembers(write) : type.InsertNodesBefore(firstMethod, new[] { write });
    }
}
