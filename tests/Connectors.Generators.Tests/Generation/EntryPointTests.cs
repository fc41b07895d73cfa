using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>
/// An executable with one connector and no entry point of its own gets a generated Main; every other project gets none
/// (and still compiles, or asks for the Main its author must now write).
/// </summary>
public sealed class EntryPointTests
{
    private const string Connector = """
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("source-entry")]
        public partial class EntrySource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }
        """;

    private const string Program = "Sample.EntrySource.Program.g.cs";

    [Fact]
    public void Executable_gets_a_generated_Main() => Snapshot.GenerateAndVerify(Connector, OutputKind.ConsoleApplication);

    [Fact]
    public void Generated_Main_is_the_entry_point()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(Connector, OutputKind.ConsoleApplication));

        GeneratorAssert.Succeeds(run);
        var main = run.Output.GetEntryPoint(default);
        Assert.NotNull(main);
        Assert.Equal("Sample.EntrySourceProgram", main.ContainingType.ToDisplayString());
    }

    [Fact]
    public void Library_gets_no_Main()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(Connector, OutputKind.DynamicallyLinkedLibrary));

        GeneratorAssert.Succeeds(run);
        Assert.DoesNotContain(Program, GeneratorAssert.HintNames(run));
    }

    [Fact]
    public void Executable_with_its_own_static_Main_gets_none()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(
            new[]
            {
                ("Connector.cs", Connector),
                ("Program.cs", """
                    using System.Threading.Tasks;
                    using Connectors.Runtime.Hosting;

                    public static class Program
                    {
                        public static async Task<int> Main(string[] args) => await ConnectorHost.RunAsync<Sample.EntrySource>(args);
                    }
                    """),
            },
            OutputKind.ConsoleApplication));

        GeneratorAssert.Succeeds(run);
        Assert.DoesNotContain(Program, GeneratorAssert.HintNames(run));
    }

    [Fact]
    public void Executable_with_top_level_statements_gets_none()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(
            new[]
            {
                ("Program.cs", "return await Connectors.Runtime.Hosting.ConnectorHost.RunAsync<Sample.EntrySource>(args);"),
                ("Connector.cs", Connector),
            },
            OutputKind.ConsoleApplication));

        GeneratorAssert.Succeeds(run);
        Assert.DoesNotContain(Program, GeneratorAssert.HintNames(run));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData(" FALSE ")]
    public void Executable_with_the_entry_point_switched_off_gets_none(string value)
    {
        var run = GeneratorHarness.Run(
            TestCompilation.Create(Connector, OutputKind.ConsoleApplication),
            new Dictionary<string, string> { [ConnectorGenerator.EntryPointProperty] = value });

        GeneratorAssert.Quiet(run);
        Assert.DoesNotContain(Program, GeneratorAssert.HintNames(run));
        // The author now writes Main; until then the compiler asks for it, and that is the only problem.
        Assert.Equal(new[] { "CS5001" }, Problems(run));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("")]
    public void Executable_with_the_entry_point_switched_on_gets_one(string value)
    {
        var run = GeneratorHarness.Run(
            TestCompilation.Create(Connector, OutputKind.ConsoleApplication),
            new Dictionary<string, string> { [ConnectorGenerator.EntryPointProperty] = value });

        GeneratorAssert.Succeeds(run);
        Assert.Contains(Program, GeneratorAssert.HintNames(run));
    }

    [Fact]
    public void Executable_with_two_connectors_gets_none()
    {
        var second = Connector.Replace("EntrySource", "OtherSource").Replace("source-entry", "source-other").Replace("record Item", "record Other").Replace("<Item>", "<Other>");
        var run = GeneratorHarness.Run(TestCompilation.Create(
            new[] { ("Entry.cs", Connector), ("Other.cs", second) },
            OutputKind.ConsoleApplication));

        GeneratorAssert.Quiet(run);
        Assert.DoesNotContain(GeneratorAssert.HintNames(run), name => name.EndsWith(".Program.g.cs", System.StringComparison.Ordinal));
        // The generator cannot pick which connector the program runs; the author marks one EntryPoint = true (CONN0045)
        // or writes Main.
        Assert.Equal(new[] { "CS5001" }, Problems(run));
    }

    [Fact]
    public void Executable_with_two_connectors_runs_the_one_marked_EntryPoint()
    {
        var second = Connector.Replace("EntrySource", "OtherSource").Replace("\"source-entry\"", "\"source-other\", EntryPoint = true")
            .Replace("record Item", "record Other").Replace("<Item>", "<Other>");
        var run = GeneratorHarness.Run(TestCompilation.Create(
            new[] { ("Entry.cs", Connector), ("Other.cs", second) },
            OutputKind.ConsoleApplication));

        GeneratorAssert.Succeeds(run);
        Assert.Equal("Sample.OtherSourceProgram", run.Output.GetEntryPoint(default)!.ContainingType.ToDisplayString());
    }

    [Fact]
    public void Executable_whose_connector_is_private_gets_no_Main_that_cannot_compile()
    {
        var nested = Connector.Replace("[Connector(\"source-entry\")]\npublic partial class EntrySource", "public partial class Outer\n{\n[Connector(\"source-entry\")]\nprivate partial class EntrySource")
            + "\n}\n";
        var run = GeneratorHarness.Run(TestCompilation.Create(nested, OutputKind.ConsoleApplication));

        GeneratorAssert.Quiet(run);
        Assert.Contains("Sample.Outer.EntrySource.Connector.g.cs", GeneratorAssert.HintNames(run));
        Assert.DoesNotContain(GeneratorAssert.HintNames(run), name => name.EndsWith(".Program.g.cs", System.StringComparison.Ordinal));
        // Instead of CS0122 in generated code, only the missing Main (and CONN0044 from the analyzer says why).
        Assert.Equal(new[] { "CS5001" }, Problems(run));
    }

    private static string[] Problems(GeneratorRun run) =>
        run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToArray();
}
