using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// An analyzer test as a build sees the code: the connector generator runs first (the analyzers see the generated
/// code, and the generator must stay quiet and not throw), then both analyzers of the generator assembly. Markup
/// <c>{|CONN0004:text|}</c> says which rule underlines which text; every other diagnostic fails the test. Sources are
/// C# 12 (the generator's lowest language), nullable, every warning wave on, against the lowest runtime the SDK
/// supports (<see cref="TestFrameworks.Lowest"/>).
/// </summary>
internal sealed class ConnectorsAnalyzerTest : CSharpAnalyzerTest<ConnectorAnalyzer, DefaultVerifier>
{
    public ConnectorsAnalyzerTest(TestFramework? framework = null) => ConnectorsTestSetup.Apply(this, framework);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ConnectorsTestSetup.Analyzers;

    protected override IEnumerable<Type> GetSourceGenerators() => ConnectorsTestSetup.Generators;

    protected override Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken) =>
        ConnectorsTestSetup.QuietGeneratorAsync(base.GetProjectCompilationAsync(project, verifier, cancellationToken), verifier);

    protected override Project ApplyCompilationOptions(Project project) => ConnectorsTestSetup.AsInABuild(base.ApplyCompilationOptions(project));

    /// <summary>The source gets exactly the diagnostics its markup and <paramref name="expected"/> name, and the generator stays quiet.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, OutputKind.DynamicallyLinkedLibrary, expected);

    public static Task VerifyAsync(string source, OutputKind kind, params DiagnosticResult[] expected)
    {
        var test = new ConnectorsAnalyzerTest { TestCode = source };
        test.TestState.OutputKind = kind;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// The (fixed) source gets no diagnostic at all, the compiler's warnings included: its generated code compiles
    /// cleanly. An executable may still lack a Main when <paramref name="kind"/> says so.
    /// </summary>
    public static Task VerifyCleanAsync(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, TestFramework? framework = null)
    {
        var test = new ConnectorsAnalyzerTest(framework) { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.TestState.OutputKind = kind;
        return test.RunAsync();
    }

    /// <summary>A diagnostic of one of the connector rules, to locate with <c>{|#0:text|}</c> markup and <c>WithLocation(0)</c>.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new(ConnectorsTestSetup.Analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id));
}

/// <summary>What every analyzer and code-fix test shares: references, language, analyzers and the generator.</summary>
internal static class ConnectorsTestSetup
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new ConnectorAnalyzer(), new EntryPointAnalyzer());

    public static IEnumerable<Type> Generators { get; } = new[] { typeof(ConnectorGenerator) };

    public static void Apply(AnalyzerTest<DefaultVerifier> test, TestFramework? framework)
    {
        framework ??= TestFrameworks.Lowest;
        test.ReferenceAssemblies = framework.ReferenceAssemblies;
        test.TestState.AdditionalReferences.AddRange(framework.Connectors);
        // The generated files are checked by the snapshot tests; here they only have to compile.
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithWarningLevel(9999);
            return solution.WithProjectParseOptions(projectId, ParseOptions).WithProjectCompilationOptions(projectId, options);
        });
    }

    /// <summary>
    /// Drops the kit's project-wide "Default" severity for each rule (ours are all on by default): a project-wide setting
    /// would win over <c>.editorconfig</c>, which in a build decides.
    /// </summary>
    public static Project AsInABuild(Project project)
    {
        var options = project.CompilationOptions!;
        var specific = options.SpecificDiagnosticOptions.Where(pair => pair.Value != ReportDiagnostic.Default).ToImmutableDictionary();
        return project.Solution.WithProjectCompilationOptions(project.Id, options.WithSpecificDiagnosticOptions(specific)).GetProject(project.Id)!;
    }

    /// <summary>The generator reports nothing (the analyzers do) and never throws (a throw is reported as CS8785).</summary>
    public static async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> QuietGeneratorAsync(
        Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> run, IVerifier verifier)
    {
        var result = await run;
        verifier.Empty("generator diagnostics", result.generatorDiagnostics.Select(d => d.ToString()));
        return result;
    }
}
