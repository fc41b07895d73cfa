using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators;
using Connectors.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Connectors.Commands.Tests.Generator.Harness;

/// <summary>
/// Compiles C# source against the BCL, Connectors.Abstractions, Connectors.Runtime and Microsoft.Extensions.Logging,
/// runs the connector generator over it (with step tracking) and keeps the driver, so tests can look at the generated
/// files, the compiled result, the pipeline's steps and a second run.
/// </summary>
internal sealed class GeneratorRun
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private GeneratorRun(CSharpCompilation input, GeneratorDriver driver, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Input = input;
        Driver = driver;
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
    }

    /// <summary>The compilation before generation.</summary>
    public CSharpCompilation Input { get; }

    /// <summary>The driver after the run: it holds the incremental cache.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The compilation with the generated files added.</summary>
    public Compilation Output { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>The generated files by hint name, with \n line endings.</summary>
    public IReadOnlyDictionary<string, string> Files =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString().Replace("\r\n", "\n"));

    public static GeneratorRun Generate(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        Generate(Compile(source, kind));

    public static GeneratorRun Generate(CSharpCompilation compilation, ConnectorGenerator? generator = null)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [(generator ?? new ConnectorGenerator()).AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(compilation, driver, output, diagnostics);
    }

    /// <summary>Runs the same driver again on another compilation (caching tests).</summary>
    public GeneratorRun Rerun(CSharpCompilation compilation)
    {
        var driver = Driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(compilation, driver, output, diagnostics);
    }

    public static CSharpCompilation Compile(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        Compile([source], kind);

    /// <summary>A compilation of several files (Connector.cs, Connector1.cs, …).</summary>
    public static CSharpCompilation Compile(IEnumerable<string> sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create("Tests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: i == 0 ? "Connector.cs" : $"Connector{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Asserts that generation threw nothing and the result compiles without errors or warnings.</summary>
    public GeneratorRun AssertCompiles()
    {
        Assert.Empty(GeneratorDiagnostics);
        Assert.Null(Result.Exception);
        var problems = Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        return this;
    }

    /// <summary>The analyzer's diagnostics for the source (the generator's own parser with a collecting sink).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = Compile(source);
        var analyzers = compilation.WithAnalyzers([new ConnectorAnalyzer()]);
        return await analyzers.GetAnalyzerDiagnosticsAsync();
    }

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[]
        {
            typeof(ConnectorAttribute).Assembly.Location,
            typeof(global::Connectors.Runtime.ConnectorDescriptor<>).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        };
        return platform.Concat(ours).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });
}
