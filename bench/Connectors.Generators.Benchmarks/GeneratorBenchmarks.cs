using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Connectors.Generators.Benchmarks;

/// <summary>
/// The generator on <see cref="SyntheticProject"/>. Cold: a new driver on a fresh copy of the compilation (no semantic
/// state, nothing cached), which is the first build in a compiler process once the generator is JIT-compiled.
/// Incremental: the driver of the previous run, on a new compilation in which an unrelated file's method body changed,
/// which is a keystroke in the IDE.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree[] _edits = null!;
    private GeneratorDriver _driver = null!;
    private int _edit;
    private CSharpCompilation _boundEdit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticProject.Create();
        _unrelated = _compilation.SyntaxTrees.Single(t => t.FilePath == SyntheticProject.EditedPath);
        _edits = [SyntheticProject.EditedUnrelatedFile(1), SyntheticProject.EditedUnrelatedFile(2)];
        _driver = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        Check(output, diagnostics);
    }

    /// <summary>
    /// For scale: what the compiler itself spends binding the same project (every declaration and method body, no emit)
    /// on a fresh copy. The generator's cold run is best read as a fraction of this.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int CompilerBinding() => _compilation.Clone().GetDiagnostics().Length;

    [Benchmark]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit()
    {
        // Each run sees a different text of the unrelated file than the run before it.
        var edited = _compilation.ReplaceSyntaxTree(_unrelated, _edits[_edit++ & 1]);
        return _driver = _driver.RunGenerators(edited);
    }

    /// <summary>The next edit's compilation, already bound (as the IDE's own analysis leaves it), outside the timing.</summary>
    [IterationSetup(Target = nameof(IncrementalOnBoundCompilation))]
    public void BindNextEdit()
    {
        _boundEdit = _compilation.ReplaceSyntaxTree(_unrelated, _edits[_edit++ & 1]);
        _ = _boundEdit.GetDiagnostics();
    }

    /// <summary>
    /// The same edit, on a compilation whose symbols already exist: the generator's own share of an incremental run,
    /// without the binding any consumer of the new compilation pays once.
    /// </summary>
    [Benchmark]
    public GeneratorDriver IncrementalOnBoundCompilation() => _driver = _driver.RunGenerators(_boundEdit);

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ConnectorGenerator().AsSourceGenerator()], parseOptions: SyntheticProject.ParseOptions);

    /// <summary>A benchmark of a generator that failed would measure nothing: the program must be complete and clean.</summary>
    private static void Check(Compilation output, System.Collections.Immutable.ImmutableArray<Diagnostic> driverDiagnostics)
    {
        var problems = driverDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The synthetic project does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
        }
        var generated = output.SyntaxTrees.Count() - SyntheticProject.UnrelatedFiles - 2;
        if (generated < 2)
        {
            throw new InvalidOperationException($"The generator wrote {generated} files.");
        }
        Console.WriteLine($"// synthetic project: {SyntheticProject.Streams} streams, {SyntheticProject.ConfigProperties} config properties, {generated} generated files");
    }
}
