using System.Collections.Immutable;
using System.Composition;
using Connectors.CodeFixes.Syntax;
using Connectors.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.CodeFixes;

/// <summary>CONN0002: adds a [Check] method to fill in, before the first method of the source (after its configuration).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCheckStubCodeFix)), Shared]
public sealed class AddCheckStubCodeFix : AddMembersCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingCheckId);

    protected override string Title => "Add a [Check] method";

    protected override TypeDeclarationSyntax AddMembers(TypeDeclarationSyntax type, SyntaxNode root) =>
        MemberStubs.InsertBeforeFirstMethod(type, MemberStubs.Parse($$"""
            [global::Connectors.Check]
            public async global::System.Threading.Tasks.Task<global::Connectors.CheckResult> {{MemberStubs.UniqueName(type, "CheckAsync")}}(global::System.Threading.CancellationToken cancellationToken)
            {
                // Connect with the configuration and read one item; return CheckResult.Failed("…") with what the user must fix.
                await global::System.Threading.Tasks.Task.Yield();
                return global::Connectors.CheckResult.Failed("The check is not implemented yet.");
            }
            """, root));
}
