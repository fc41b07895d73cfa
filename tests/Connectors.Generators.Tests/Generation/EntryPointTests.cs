using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
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

    [Theory]
    [InlineData("public class EntrySource", "", "CONN0001")]
    [InlineData("public abstract partial class EntrySource", "", "CONN0012")]
    [InlineData("public partial class EntrySource", "public EntrySource(int seed) { }", "CONN0013")]
    public async Task Executable_whose_connector_cannot_be_generated_gets_a_stand_in_Main_so_the_analyzer_error_is_the_only_one(
        string declaration, string member, string id)
    {
        var source = Connector.Replace("public partial class EntrySource\n{", declaration + "\n{\n    " + member);
        var run = GeneratorHarness.Run(TestCompilation.Create(source, OutputKind.ConsoleApplication));

        GeneratorAssert.Quiet(run);
        Assert.Equal([Program], GeneratorAssert.HintNames(run));
        // No CS5001: the compiler has nothing to add, and the build fails on the analyzer's error alone.
        Assert.Empty(Problems(run));
        var diagnostic = Assert.Single(await AnalyzerHarness.AnalyzeAsync(run.Output));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("EntrySource", diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString());
    }

    [Fact]
    public void Stand_in_Main_of_a_connector_that_is_not_partial() =>
        Snapshot.Verify(GeneratorHarness.Run(TestCompilation.Create(Connector.Replace("public partial class", "public class"), OutputKind.ConsoleApplication)));

    [Fact]
    public void Stand_in_Main_says_why_the_connector_cannot_run_and_fails()
    {
        // Should the analyzer's error be switched off, the program still does not pretend to work.
        var run = GeneratorHarness.Run(TestCompilation.Create(Connector.Replace("public partial class", "public class"), OutputKind.ConsoleApplication));
        using var image = new System.IO.MemoryStream();
        Assert.True(run.Output.Emit(image).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("stand-in", isCollectible: true);
        try
        {
            image.Position = 0;
            var main = context.LoadFromStream(image).EntryPoint!;

            Assert.Equal("Sample.EntrySourceProgram", main.DeclaringType!.FullName);
            Assert.Equal(1, main.Invoke(null, [System.Array.Empty<string>()]));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string[] Problems(GeneratorRun run) =>
        run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToArray();
}
