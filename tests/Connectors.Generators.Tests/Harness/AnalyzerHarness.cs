using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// Runs the analyzers on a compilation the test built itself (plain Roslyn), for tests that ask what the analyzers do
/// not do (crash, report foreign ids) rather than which rule underlines what: those use <see cref="ConnectorsAnalyzerTest"/>.
/// </summary>
internal static class AnalyzerHarness
{
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions? options = null) =>
        await compilation.WithAnalyzers(ConnectorsTestSetup.Analyzers, options).GetAnalyzerDiagnosticsAsync();
}
