using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Generators.Analyzers;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Connectors.CodeFixes.Tests.Harness;

/// <summary>
/// A code fix tested as an IDE applies it (Microsoft.CodeAnalysis.CSharp.CodeFix.Testing): the generator runs and both
/// analyzers report on <c>TestCode</c> (markup <c>{|CONN0001:TestSource|}</c> says which diagnostics it gets), the
/// provider's action with its equivalence key is applied one diagnostic at a time and, when the provider has one,
/// through its Fix All provider in document, project and solution scope; each result must equal <c>FixedCode</c>, get
/// no diagnostic at all (compiler warnings included: the generated code compiles cleanly), and the generator must stay
/// quiet. Same language, references and lowest runtime as the analyzer tests.
/// </summary>
internal sealed class ConnectorsCodeFixTest<TCodeFix> : CSharpCodeFixTest<ConnectorAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public ConnectorsCodeFixTest()
    {
        ConnectorsTestSetup.Apply(this, framework: null);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        CodeActionEquivalenceKey = typeof(TCodeFix).Name;
    }

    /// <summary>Only diagnostics underlining this text get the fix (an IDE user picks the light bulb of one of several).</summary>
    public string? FixOnlyAt { get; init; }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ConnectorsTestSetup.Analyzers;

    protected override IEnumerable<Type> GetSourceGenerators() => ConnectorsTestSetup.Generators;

    protected override Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken) =>
        ConnectorsTestSetup.QuietGeneratorAsync(base.GetProjectCompilationAsync(project, verifier, cancellationToken), verifier);

    protected override Project ApplyCompilationOptions(Project project) => ConnectorsTestSetup.AsInABuild(base.ApplyCompilationOptions(project));

    protected override CodeFixContext CreateCodeFixContext(Document document, TextSpan span, ImmutableArray<Diagnostic> diagnostics,
        Action<CodeAction, ImmutableArray<Diagnostic>> registerCodeFix, CancellationToken cancellationToken)
    {
        if (FixOnlyAt is { } text && document.GetTextAsync(cancellationToken).Result.GetSubText(span).ToString() != text)
        {
            registerCodeFix = static (_, _) => { };
        }
        return base.CreateCodeFixContext(document, span, diagnostics, registerCodeFix, cancellationToken);
    }

    /// <summary>
    /// Applies the fix to <paramref name="source"/> and expects <paramref name="fixedSource"/>; <paramref name="before"/>
    /// are diagnostics the source gets besides those its markup names.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string? fixOnlyAt = null,
        params DiagnosticResult[] before)
    {
        var test = new ConnectorsCodeFixTest<TCodeFix> { TestCode = source, FixedCode = fixedSource, FixOnlyAt = fixOnlyAt };
        test.TestState.ExpectedDiagnostics.AddRange(before);
        test.TestState.OutputKind = kind;
        test.FixedState.OutputKind = kind;
        return test.RunAsync();
    }
}
