using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about the [Connector] class itself: CONN0001, CONN0002, CONN0003, CONN0012, CONN0013.</summary>
public sealed class ConnectorClassDiagnosticTests
{
    [Fact]
    public async Task CONN0001_class_that_is_not_partial()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Usings + $$"""
            [Connector("source-test")]
            public class TestSource
            {
                {{Check}}
                {{Stream}}
            }
            """, "CONN0001", "TestSource");

        Assert.Contains("'TestSource' must be declared partial", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0001_container_that_is_not_partial() =>
        await AnalyzerHarness.AssertReportedAsync(Usings + $$"""
            public static class Outer
            {
                [Connector("source-test")]
                public partial class TestSource
                {
                    {{Check}}
                    {{Stream}}
                }
            }
            """, "CONN0001", "TestSource");

    [Fact]
    public async Task CONN0001_fixed() => await AnalyzerHarness.AssertCleanAsync(Usings + $$"""
        public static partial class Outer
        {
            [Connector("source-test")]
            public partial class TestSource
            {
                {{Check}}
                {{Stream}}
            }
        }
        """);

    [Fact]
    public async Task CONN0002_source_without_check()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Stream), "CONN0002", "TestSource");

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task CONN0002_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + Stream));

    [Fact]
    public async Task CONN0002_and_CONN0003_do_not_apply_to_destinations() => await AnalyzerHarness.AssertCleanAsync(Usings + """
        [Connector("destination-test", Kind = ConnectorKind.Destination)]
        public partial class TestDestination
        {
            [ConfigProperty] public string Path { get; set; } = "";
        }
        """);

    [Fact]
    public async Task CONN0003_source_without_streams() =>
        await AnalyzerHarness.AssertReportedAsync(Connector(Check), "CONN0003", "TestSource");

    [Fact]
    public async Task CONN0003_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + Stream));

    [Theory]
    [InlineData("public static partial class TestSource", "static")]
    [InlineData("public abstract partial class TestSource", "abstract")]
    [InlineData("public partial class TestSource<T>", "generic")]
    public async Task CONN0012_static_abstract_or_generic_class(string declaration, string problem)
    {
        var members = declaration.Contains("static") ? "" : Check + "\n" + Stream;
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Usings + $$"""
            [Connector("source-test")]
            {{declaration}}
            {
                {{members}}
            }
            """, "CONN0012", "TestSource");

        Assert.EndsWith("cannot be " + problem, diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0012_class_nested_in_a_generic_type()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Usings + $$"""
            public partial class Outer<T>
            {
                [Connector("source-test")]
                public partial class TestSource
                {
                    {{Check}}
                    {{Stream}}
                }
            }
            """, "CONN0012", "TestSource");

        Assert.EndsWith("cannot be nested in a generic type", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0012_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid());

    [Fact]
    public async Task CONN0013_class_without_parameterless_constructor() =>
        await AnalyzerHarness.AssertReportedAsync(Connector(Check + Stream + """

                private readonly string _name;

                public TestSource(string name) => _name = name;

                public string Name => _name;
            """), "CONN0013", "TestSource");

    [Fact]
    public async Task CONN0013_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + Stream + """

            private readonly string _name;

            public TestSource() : this("default")
            {
            }

            public TestSource(string name) => _name = name;

            public string Name => _name;
        """));
}
