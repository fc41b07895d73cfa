using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// Severities come from <c>.editorconfig</c> (<c>dotnet_diagnostic.CONNxxxx.severity</c>), as for any Roslyn rule: the
/// test project gets the file beside its source, as a build does.
/// </summary>
public sealed class SeverityConfigurationTests
{
    private static readonly string Source = TestSources.Valid("[ConfigProperty] public string {|#0:Password|} { get; set; } = \"\";");

    [Fact]
    public async Task Without_configuration_the_default_severity_applies() =>
        await VerifyAsync(null, ConnectorsAnalyzerTest.Diagnostic("CONN0039").WithLocation(0).WithArguments("Password").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public async Task Severity_none_in_editorconfig_suppresses_a_rule() =>
        await VerifyAsync("dotnet_diagnostic.CONN0039.severity = none");

    [Fact]
    public async Task Severity_error_in_editorconfig_raises_a_warning() =>
        await VerifyAsync("dotnet_diagnostic.CONN0039.severity = error",
            ConnectorsAnalyzerTest.Diagnostic("CONN0039").WithLocation(0).WithArguments("Password").WithSeverity(DiagnosticSeverity.Error));

    private static Task VerifyAsync(string? setting, params DiagnosticResult[] expected)
    {
        var test = new ConnectorsAnalyzerTest { TestCode = expected.Length > 0 ? Source : TestSources.WithoutMarkup(Source) };
        if (setting is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*.cs]\n{setting}\n"));
        }
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
