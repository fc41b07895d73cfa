using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about the connector an executable's generated Main runs: CONN0044, CONN0045.</summary>
public sealed class EntryPointDiagnosticTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        """;

    private static string Source(string name, string attribute = "", string modifiers = "public") => $$"""
        [Connector("source-{{name.ToLowerInvariant()}}"{{attribute}})]
        {{modifiers}} partial class {{name}}
        {
            [Check] public CheckResult Check() => CheckResult.Success();
            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        """;

    private static GeneratorRun Executable(string source) => GeneratorHarness.Run(Usings + source, OutputKind.ConsoleApplication);

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    public async Task CONN0044_private_nested_connector_in_an_executable(string accessibility)
    {
        var run = Executable("public partial class Outer\n{\n" + Source("Inner", modifiers: accessibility) + "}\n");

        var diagnostics = await AnalyzerHarness.AssertReportedAsync(run, "CONN0044", "Inner");
        Assert.Equal($"The connector class 'Inner' is {accessibility}, so the generated Main cannot run it; make it (and every type that contains it) internal or public",
            diagnostics[0].GetMessage());
        // No Main that would not compile (CS0122 in generated code): the compiler only asks for a Main.
        Assert.Equal(new[] { "CS5001" }, run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Fact]
    public async Task CONN0044_inside_a_private_container() =>
        await AnalyzerHarness.AssertReportedAsync(
            Executable("public partial class Outer\n{\n    private partial class Middle\n    {\n" + Source("Inner", modifiers: "internal") + "}\n}\n"),
            "CONN0044", "Inner");

    [Fact]
    public async Task CONN0044_fixed()
    {
        await AnalyzerHarness.AssertCleanAsync(Executable("public partial class Outer\n{\n" + Source("Inner", modifiers: "internal") + "}\n"));
        // A library has no generated Main, so a private connector is its own business.
        await AnalyzerHarness.AssertCleanAsync(GeneratorHarness.Run(Usings + "public partial class Outer\n{\n" + Source("Inner", modifiers: "private") + "}\n"));
    }

    [Fact]
    public async Task CONN0045_two_connectors_none_marked()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Executable(Source("FirstSource") + Source("SecondSource")),
            "CONN0045", "FirstSource", "SecondSource");

        Assert.StartsWith("This executable declares 2 [Connector] classes (FirstSource, SecondSource) and none says EntryPoint = true;",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0045_two_connectors_both_marked() =>
        await AnalyzerHarness.AssertReportedAsync(
            Executable(Source("FirstSource", ", EntryPoint = true") + Source("SecondSource", ", EntryPoint = true") + Source("ThirdSource")),
            "CONN0045", "FirstSource", "SecondSource");

    [Fact]
    public async Task CONN0045_fixed()
    {
        var run = Executable(Source("FirstSource") + Source("SecondSource", ", EntryPoint = true"));

        await AnalyzerHarness.AssertCleanAsync(run);
        Assert.Equal("Sample.SecondSourceProgram", run.Output.GetEntryPoint(default)!.ContainingType.ToDisplayString());
    }

    [Fact]
    public async Task CONN0045_not_reported_when_Main_is_the_author_s()
    {
        var source = Usings + Source("FirstSource") + Source("SecondSource");
        var switchedOff = new Dictionary<string, string> { [ConnectorGenerator.EntryPointProperty] = "false" };
        var run = GeneratorHarness.Run(TestCompilation.Create(source, OutputKind.ConsoleApplication), switchedOff);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new TestAnalyzerConfigOptionsProvider(switchedOff));

        Assert.Empty(await AnalyzerHarness.AnalyzeAsync(run.Output, options));
        Assert.Empty(await AnalyzerHarness.AnalyzeAsync(GeneratorHarness.Run(source).Output));
    }
}
