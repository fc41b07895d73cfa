using System.Collections.Immutable;
using System.Composition;
using Connectors.CodeFixes.Syntax;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>CONN0003: adds a [Stream] method and the record type it returns, at the end of the source.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStreamStubCodeFix)), Shared]
public sealed class AddStreamStubCodeFix : AddMembersCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingStreamsId);

    protected override string Title => "Add a [Stream] method";

    protected override TypeDeclarationSyntax AddMembers(TypeDeclarationSyntax type, SyntaxNode root)
    {
        var record = MemberStubs.UniqueName(type, "Item");
        var method = MemberStubs.UniqueName(type, "ReadItemsAsync");
        var stream = MemberStubs.Parse($$"""
            [global::Connectors.Stream("items", PrimaryKey = nameof({{record}}.Id))]
            public async global::System.Collections.Generic.IAsyncEnumerable<{{record}}> {{method}}([global::System.Runtime.CompilerServices.EnumeratorCancellation] global::System.Threading.CancellationToken cancellationToken)
            {
                // Read the source page by page and yield one record per item.
                await global::System.Threading.Tasks.Task.Yield();
                yield break;
            }
            """, root);
        var recordType = MemberStubs.Parse($$"""
            /// <summary>One record of the items stream: its public properties are the record's fields.</summary>
            public sealed record {{record}}(string Id);
            """, root);
        return type.AddMembers(stream, recordType);
    }
}
