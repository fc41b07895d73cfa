using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Generators;
using Connectors.Generators.Analyzers;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Connectors.CodeFixes.Tests.Harness;

/// <summary>
/// Applies a code fix the way an IDE does, without Microsoft.CodeAnalysis.*.Testing: a document in an AdhocWorkspace,
/// the analyzers' diagnostic from CompilationWithAnalyzers, the provider's code action, its operations applied to the
/// workspace. Then the fixed document must no longer get the diagnostic, and with the generator's output it must compile.
/// </summary>
internal static class CodeFixHarness
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        ImmutableArray.Create<DiagnosticAnalyzer>(new ConnectorAnalyzer(), new EntryPointAnalyzer());

    /// <summary>Fixes the diagnostic <paramref name="id"/> (the <paramref name="index"/>-th, in source order) and returns the new source.</summary>
    public static async Task<string> FixAsync(CodeFixProvider provider, string source, string id, int index = 0,
        OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, kind);
        var diagnostics = (await AnalyzeAsync(document)).Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.True(diagnostics.Length > index, $"Expected {id} in the source before the fix");
        Assert.Contains(id, provider.FixableDiagnosticIds);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostics[index], (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        var fix = Assert.Single(actions);
        Assert.False(string.IsNullOrEmpty(fix.EquivalenceKey));

        foreach (var operation in await fix.GetOperationsAsync(CancellationToken.None))
        {
            operation.Apply(workspace, CancellationToken.None);
        }
        var fixedDocument = workspace.CurrentSolution.GetDocument(document.Id)!;
        var fixedText = (await fixedDocument.GetTextAsync()).ToString();

        var remaining = (await AnalyzeAsync(fixedDocument)).Where(d => d.Id == id).ToArray();
        Assert.True(remaining.Length < diagnostics.Length,
            $"{id} still reported after the fix:\n{string.Join("\n", remaining.Select(d => d.ToString()))}\n{fixedText}");
        await AssertGeneratedCodeCompilesAsync(fixedDocument, kind);
        return fixedText;
    }

    /// <summary>
    /// Fixes every <paramref name="id"/> in the document at once through the provider's Fix All provider (as "Fix all
    /// occurrences in document" does) and returns the new source, which must no longer get <paramref name="id"/>.
    /// </summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, OutputKind.DynamicallyLinkedLibrary);
        var diagnostics = (await AnalyzeAsync(document)).Where(d => d.Id == id).ToImmutableArray();
        Assert.True(diagnostics.Length > 1, $"Expected several {id} before Fix All");

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None));
        var fixAll = provider.GetFixAllProvider()!;
        var context = new FixAllContext(document, provider, FixAllScope.Document, Assert.Single(actions).EquivalenceKey,
            new[] { id }, new DocumentDiagnostics(document, diagnostics), CancellationToken.None);
        var action = (await fixAll.GetFixAsync(context))!;
        foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
        {
            operation.Apply(workspace, CancellationToken.None);
        }
        var fixedDocument = workspace.CurrentSolution.GetDocument(document.Id)!;
        Assert.DoesNotContain(await AnalyzeAsync(fixedDocument), d => d.Id == id);
        await AssertGeneratedCodeCompilesAsync(fixedDocument, OutputKind.DynamicallyLinkedLibrary);
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    /// <summary>The diagnostics Fix All works through: those the analyzers reported in the one document.</summary>
    private sealed class DocumentDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly Document _document;
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public DocumentDiagnostics(Document document, ImmutableArray<Diagnostic> diagnostics) => (_document, _diagnostics) = (document, diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(document.Id == _document.Id ? _diagnostics.AsEnumerable() : Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.AsEnumerable());
    }

    /// <summary>The provider offers no fix for the diagnostic (its first occurrence).</summary>
    public static async Task AssertNoFixAsync(CodeFixProvider provider, string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, OutputKind.DynamicallyLinkedLibrary);
        var diagnostic = (await AnalyzeAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.Empty(actions);
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source, OutputKind kind)
    {
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "TestConnector", "TestConnector", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: TestReferences.All));
        return workspace.AddDocument(project.Id, "Program.cs", SourceText.From(source));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
    }

    // What the user builds: their code plus what the generator adds, without an error (stubs must compile, warnings-free).
    private static async Task AssertGeneratedCodeCompilesAsync(Document document, OutputKind kind)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create(new[] { new ConnectorGenerator().AsSourceGenerator() }, parseOptions: (CSharpParseOptions)document.Project.ParseOptions!)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !(kind != OutputKind.DynamicallyLinkedLibrary && d.Id == "CS5001"));
        Assert.Empty(problems.Select(d => d.ToString()));
    }
}
