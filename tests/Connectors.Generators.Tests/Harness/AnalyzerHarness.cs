using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// Runs the generator and then the analyzers (<see cref="ConnectorAnalyzer"/>, <see cref="EntryPointAnalyzer"/>) on the result, as a build does, and checks what the
/// analyzer reports: the id and the exact source text it underlines.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>Every analyzer the generator assembly ships.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => ImmutableArray.Create<DiagnosticAnalyzer>(new ConnectorAnalyzer(), new EntryPointAnalyzer());

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions? options = null) =>
        await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();

    /// <summary>
    /// The source gets exactly the diagnostics <paramref name="id"/> underlining <paramref name="spans"/>, in source order;
    /// the generator stays quiet and does not throw on it.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AssertReportedAsync(string source, string id, params string[] spans)
    {
        var run = GeneratorHarness.Run(source);
        GeneratorAssert.Quiet(run);
        var diagnostics = (await AnalyzeAsync(run.Output)).Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        Assert.True(diagnostics.Length == spans.Length,
            $"Expected {spans.Length} {id}, got: {string.Join("; ", (await AnalyzeAsync(run.Output)).Select(d => d.ToString()))}");
        for (var i = 0; i < spans.Length; i++)
        {
            var location = diagnostics[i].Location;
            Assert.True(location.IsInSource, $"{id} has no source location: {diagnostics[i]}");
            Assert.Equal(spans[i], location.SourceTree!.GetText().GetSubText(location.SourceSpan).ToString());
        }
        return diagnostics;
    }

    /// <summary>The (fixed) source gets no diagnostic from the analyzer at all, and its generated code compiles cleanly.</summary>
    public static async Task AssertCleanAsync(string source)
    {
        var run = GeneratorHarness.Run(source);
        GeneratorAssert.Succeeds(run);
        Assert.Empty(await AnalyzeAsync(run.Output));
    }
}
