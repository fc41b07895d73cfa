using System.Collections.Immutable;
using System.Composition;
using Connectors.CodeFixes.Syntax;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>CONN0018: adds a [Write] method to fill in, before the first method of the destination (after its configuration).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddWriteStubCodeFix)), Shared]
public sealed class AddWriteStubCodeFix : AddMembersCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingWriteMethodId);

    protected override string Title => "Add a [Write] method";

    // Append only: the other sync modes need [StreamEnd] (overwrite) or a key to merge on (append_dedup).
    protected override TypeDeclarationSyntax AddMembers(TypeDeclarationSyntax type, SyntaxNode root) =>
        MemberStubs.InsertBeforeFirstMethod(type, MemberStubs.Parse($$"""
            [global::Connectors.Write(SyncModes = global::Connectors.DestinationSyncModes.Append)]
            public async global::System.Threading.Tasks.Task {{MemberStubs.UniqueName(type, "WriteAsync")}}(global::Connectors.DestinationStream stream, global::Connectors.RecordBatch batch, global::System.Threading.CancellationToken cancellationToken)
            {
                // Store the batch's records for stream.Name; the runtime commits ([Commit]) before it acknowledges a state.
                await global::System.Threading.Tasks.Task.Yield();
                throw new global::System.NotImplementedException("The write method is not implemented yet.");
            }
            """, root));
}
