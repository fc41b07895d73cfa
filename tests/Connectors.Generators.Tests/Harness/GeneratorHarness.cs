using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Connectors.Generators.Tests.Harness;

/// <summary>Runs the connector generator the way the compiler does, with step tracking on for the caching tests.</summary>
internal static class GeneratorHarness
{
    /// <summary>A driver holding the generator; keep the driver a run returns, it holds the incremental cache.</summary>
    public static GeneratorDriver CreateDriver(ConnectorGenerator? generator = null, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var options = buildProperties is null ? TestAnalyzerConfigOptionsProvider.Empty : new TestAnalyzerConfigOptionsProvider(buildProperties);
        return CSharpGeneratorDriver.Create(
            new[] { (generator ?? new ConnectorGenerator()).AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static GeneratorRun Run(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        Run(TestCompilation.Create(source, kind));

    public static GeneratorRun Run(CSharpCompilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        Run(CreateDriver(buildProperties: buildProperties), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    /// <summary>Runs the generator over <paramref name="source"/> and returns the run with the one connector model it built.</summary>
    public static (GeneratorRun Run, Connectors.Generators.Model.ConnectorModel Model) RunWithModel(string source)
    {
        var built = ImmutableArray<object>.Empty;
        var run = Run(CreateDriver(new ConnectorGenerator { OnModelsBuilt = models => built = models }), TestCompilation.Create(source));
        return (run, Xunit.Assert.IsType<Connectors.Generators.Model.ConnectorModel>(Xunit.Assert.Single(built)));
    }
}

/// <summary>The outcome of one generator run.</summary>
/// <param name="Driver">The driver after the run (its cache is what the next run reuses).</param>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The compilation with the generated sources added.</param>
/// <param name="DriverDiagnostics">Diagnostics the driver reported (a generator that throws shows up here too).</param>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation Input, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results[0];
}
