using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// The generator and the analyzers run on every keystroke, so they see every half-typed state of a file. Each sample
/// connector, cut off after every line (sampled evenly when a sample is long) and with single tokens deleted at random
/// (fixed seed), goes through the generator and every analyzer of the generator assembly: nothing may throw, no AD0001
/// (an analyzer threw), no CS8784/CS8785 (the generator failed to initialize or threw).
/// </summary>
public sealed class TruncatedSampleTests(ITestOutputHelper output)
{
    /// <summary>Cut-offs per sample: every line up to this many lines, evenly spaced beyond (keeps the test short).</summary>
    private const int MaxCutoffs = 300;

    /// <summary>Random single-token deletions per sample.</summary>
    private const int DeletionCount = 100;

    private static readonly string[] CrashIds = ["AD0001", "CS8784", "CS8785"];

    public static TheoryData<string> Samples => new(RepoPaths.SampleNames());

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Generator_and_analyzers_survive_every_truncation_of_a_sample(string sample)
    {
        var files = RepoPaths.SampleSources(sample);
        var variants = Truncations(files).Concat(TokenDeletions(files)).ToList();
        Assert.NotEmpty(variants);
        var driver = GeneratorHarness.CreateDriver();
        var compilation = TestCompilation.Create(files, OutputKind.ConsoleApplication);
        var stopwatch = Stopwatch.StartNew();

        foreach (var (description, path, text) in variants)
        {
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
            var broken = compilation.ReplaceSyntaxTree(tree, TestCompilation.Parse(text, path));
            // One driver for every variant, as in the IDE: its cache must survive broken states too.
            driver = driver.RunGeneratorsAndUpdateCompilation(broken, out var generated, out var driverDiagnostics);
            var result = driver.GetRunResult().Results.Single();

            Assert.True(result.Exception is null, $"{description}: the generator threw {result.Exception}");
            var crashes = driverDiagnostics.Concat(result.Diagnostics).Concat(await AnalyzeAsync(generated, path, description))
                .Where(d => CrashIds.Contains(d.Id))
                .ToList();
            Assert.True(crashes.Count == 0, $"{description}:\n{string.Join("\n", crashes)}");
        }

        output.WriteLine($"{sample}: {variants.Count} variants in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Every_analyzer_of_the_generator_assembly_is_exercised()
    {
        // The test above runs what Analyzers finds; it must find the analyzer the build runs, and more as they are added.
        Assert.Contains(Analyzers, a => a is Connectors.Generators.Analyzers.ConnectorAnalyzer);
    }

    /// <summary>Every analyzer (and suppressor) the generator assembly exports, as the compiler loads them from the package.</summary>
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(ConnectorGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                    && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>
    /// Analyzes what the IDE analyzes after an edit: the edited file and the files declaring a connector (whose symbols
    /// the analyzers visit), in the compilation holding the generated files. Analyzing the whole compilation would also
    /// bind every generated method body, several times slower for nothing more.
    /// </summary>
    private static async Task<IEnumerable<Diagnostic>> AnalyzeAsync(Compilation compilation, string editedPath, string description)
    {
        var thrown = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, diagnostic) => { lock (thrown) { thrown.Add($"{analyzer}: {exception}"); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var analysis = compilation.WithAnalyzers(Analyzers, options);
        var diagnostics = new List<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath == editedPath || t.GetText().ToString().Contains("[Connector(", StringComparison.Ordinal)))
        {
            diagnostics.AddRange(await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, default));
            diagnostics.AddRange(await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, default));
        }
        Assert.True(thrown.Count == 0, $"{description}: an analyzer threw:\n{string.Join("\n", thrown)}");
        return diagnostics;
    }

    /// <summary>Each file cut off after line n (the other files intact).</summary>
    private static IEnumerable<(string Description, string Path, string Text)> Truncations((string Path, string Text)[] files)
    {
        var cuts = files.SelectMany(file => Enumerable.Range(0, SourceText.From(file.Text).Lines.Count).Select(line => (file, line))).ToList();
        var stride = Math.Max(1.0, cuts.Count / (double)MaxCutoffs);
        for (var i = 0.0; i < cuts.Count; i += stride)
        {
            var (file, line) = cuts[(int)i];
            var text = SourceText.From(file.Text);
            yield return ($"{file.Path} cut off after line {line}", file.Path, text.ToString(new TextSpan(0, text.Lines[line].Start)));
        }
    }

    /// <summary>One token deleted from one file, chosen at random with a fixed seed (reproducible failures).</summary>
    private static IEnumerable<(string Description, string Path, string Text)> TokenDeletions((string Path, string Text)[] files)
    {
        var random = new Random(20261122);
        var tokens = files.Select(file => CSharpSyntaxTree.ParseText(file.Text, TestCompilation.ParseOptions).GetRoot().DescendantTokens().ToArray()).ToArray();
        for (var i = 0; i < DeletionCount; i++)
        {
            var fileIndex = random.Next(files.Length);
            var token = tokens[fileIndex][random.Next(tokens[fileIndex].Length)];
            var (path, text) = files[fileIndex];
            yield return ($"{path} without the token '{token}' at {token.GetLocation().GetLineSpan().StartLinePosition}", path,
                text.Remove(token.SpanStart, token.Span.Length));
        }
    }
}
