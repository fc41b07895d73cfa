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
    public static Task<ImmutableArray<Diagnostic>> AssertReportedAsync(string source, string id, params string[] spans) =>
        AssertReportedAsync(GeneratorHarness.Run(source), id, spans);

    /// <summary>As above, for a run the test set up (an executable, several files).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AssertReportedAsync(GeneratorRun run, string id, params string[] spans)
    {
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
    public static Task AssertCleanAsync(string source) => AssertCleanAsync(GeneratorHarness.Run(source));

    /// <summary>As above, for a run the test set up.</summary>
    public static async Task AssertCleanAsync(GeneratorRun run)
    {
        GeneratorAssert.Succeeds(run);
        Assert.Empty(await AnalyzeAsync(run.Output));
    }
}
