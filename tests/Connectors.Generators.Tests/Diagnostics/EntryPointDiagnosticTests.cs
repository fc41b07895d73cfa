using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

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

    /// <summary>No Main at all: what the compiler says when the generator writes none.</summary>
    private static readonly DiagnosticResult NoMain = DiagnosticResult.CompilerError("CS5001");

    /// <summary>A connector class; <paramref name="written"/> is its name as written, with markup where a rule underlines it.</summary>
    private static string Source(string name, string attribute = "", string modifiers = "public", string? written = null) => $$"""
        [Connector("source-{{name.ToLowerInvariant()}}"{{attribute}})]
        {{modifiers}} partial class {{written ?? name}}
        {
            [Check] public CheckResult Check() => CheckResult.Success();
            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        """;

    private static string Marked(string name, int location) => $"{{|#{location}:{name}|}}";

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    public async Task CONN0044_private_nested_connector_in_an_executable(string accessibility) =>
        // No Main that would not compile (CS0122 in generated code): the compiler only asks for a Main.
        await VerifyAsync(Usings + "public partial class Outer\n{\n" + Source("Inner", modifiers: accessibility, written: Marked("Inner", 0)) + "}\n",
            OutputKind.ConsoleApplication,
            Diagnostic("CONN0044").WithLocation(0).WithMessage(
                $"The connector class 'Inner' is {accessibility}, so the generated Main cannot run it; make it (and every type that contains it) internal or public"),
            NoMain);

    [Fact]
    public async Task CONN0044_inside_a_private_container() =>
        await VerifyAsync(
            Usings + "public partial class Outer\n{\n    private partial class Middle\n    {\n" + Source("Inner", modifiers: "internal", written: "{|CONN0044:Inner|}") + "}\n}\n",
            OutputKind.ConsoleApplication, NoMain);

    [Fact]
    public async Task CONN0044_fixed()
    {
        await VerifyCleanAsync(Usings + "public partial class Outer\n{\n" + Source("Inner", modifiers: "internal") + "}\n", OutputKind.ConsoleApplication);
        // A library has no generated Main, so a private connector is its own business.
        await VerifyCleanAsync(Usings + "public partial class Outer\n{\n" + Source("Inner", modifiers: "private") + "}\n");
    }

    [Fact]
    public async Task CONN0045_two_connectors_none_marked()
    {
        const string message = "This executable declares 2 [Connector] classes (FirstSource, SecondSource) and none says EntryPoint = true; mark the one Main should run with [Connector(..., EntryPoint = true)], or set ConnectorsGenerateEntryPoint=false and write Main";

        await VerifyAsync(Usings + Source("FirstSource", written: Marked("FirstSource", 0)) + Source("SecondSource", written: Marked("SecondSource", 1)),
            OutputKind.ConsoleApplication,
            Diagnostic("CONN0045").WithLocation(0).WithMessage(message),
            Diagnostic("CONN0045").WithLocation(1).WithMessage(message),
            NoMain);
    }

    [Fact]
    public async Task CONN0045_two_connectors_both_marked() =>
        await VerifyAsync(
            Usings + Source("FirstSource", ", EntryPoint = true", written: "{|CONN0045:FirstSource|}")
                + Source("SecondSource", ", EntryPoint = true", written: "{|CONN0045:SecondSource|}") + Source("ThirdSource"),
            OutputKind.ConsoleApplication, NoMain);

    [Fact]
    public async Task CONN0045_fixed()
    {
        var source = Usings + Source("FirstSource") + Source("SecondSource", ", EntryPoint = true");

        await VerifyCleanAsync(source, OutputKind.ConsoleApplication);
        var run = GeneratorHarness.Run(source, OutputKind.ConsoleApplication);
        Assert.Equal("Sample.SecondSourceProgram", run.Output.GetEntryPoint(default)!.ContainingType.ToDisplayString());
    }

    [Fact]
    public async Task CONN0045_not_reported_when_Main_is_the_author_s()
    {
        var source = Usings + Source("FirstSource") + Source("SecondSource");
        var switchedOff = new ConnectorsAnalyzerTest { TestCode = source };
        switchedOff.TestState.OutputKind = OutputKind.ConsoleApplication;
        switchedOff.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n{ConnectorGenerator.EntryPointProperty} = false\n"));
        // The author has yet to write the Main they asked for.
        switchedOff.ExpectedDiagnostics.Add(NoMain);

        await switchedOff.RunAsync();
        await VerifyCleanAsync(source);
    }
}
