using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// Severities come from <c>.editorconfig</c> (<c>dotnet_diagnostic.CONNxxxx.severity</c>), as for any Roslyn rule: the
/// compilation sees the file through a syntax-tree options provider, as the compiler builds it.
/// </summary>
public sealed class SeverityConfigurationTests
{
    private static readonly string Source = TestSources.Valid("[ConfigProperty] public string Password { get; set; } = \"\";");

    [Fact]
    public async Task Without_configuration_the_default_severity_applies()
    {
        var diagnostic = Assert.Single(await AnalyzeAsync(null), d => d.Id == "CONN0039");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task Severity_none_in_editorconfig_suppresses_a_rule() =>
        Assert.DoesNotContain(await AnalyzeAsync("dotnet_diagnostic.CONN0039.severity = none"), d => d.Id == "CONN0039");

    [Fact]
    public async Task Severity_error_in_editorconfig_raises_a_warning()
    {
        var diagnostic = Assert.Single(await AnalyzeAsync("dotnet_diagnostic.CONN0039.severity = error"), d => d.Id == "CONN0039");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string? setting)
    {
        var output = GeneratorHarness.Run(Source).Output;
        if (setting is not null)
        {
            var editorconfig = AnalyzerConfig.Parse($"root = true\n\n[*.cs]\n{setting}\n", "/src/.editorconfig");
            var options = AnalyzerConfigSet.Create(ImmutableArray.Create(editorconfig)).GetOptionsForSourcePath("/src/Program.cs");
            output = output.WithOptions(output.Options.WithSyntaxTreeOptionsProvider(new EditorConfigOptions(options.TreeOptions)));
        }
        return await AnalyzerHarness.AnalyzeAsync(output);
    }

    /// <summary>The same <c>[*.cs]</c> section for every tree, which is what the test's one file gets from it.</summary>
    private sealed class EditorConfigOptions : SyntaxTreeOptionsProvider
    {
        private readonly ImmutableDictionary<string, ReportDiagnostic> _severities;

        public EditorConfigOptions(ImmutableDictionary<string, ReportDiagnostic> severities) => _severities = severities;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _severities.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
