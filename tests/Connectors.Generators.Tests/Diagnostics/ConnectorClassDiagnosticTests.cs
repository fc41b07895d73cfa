using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about the [Connector] class itself: CONN0001, CONN0002, CONN0003, CONN0012, CONN0013.</summary>
public sealed class ConnectorClassDiagnosticTests
{
    private const string Marked = "{|#0:TestSource|}";

    [Fact]
    public async Task CONN0001_class_that_is_not_partial() =>
        await VerifyAsync(Usings + $$"""
            [Connector("source-test")]
            public class {|#0:TestSource|}
            {
                {{Check}}
                {{Stream}}
            }
            """, Diagnostic("CONN0001").WithLocation(0).WithMessage(
                "The connector class 'TestSource' must be declared partial (and so must every type that contains it), so the generator can add its spec, catalog and dispatch"));

    [Fact]
    public async Task CONN0001_container_that_is_not_partial() =>
        await VerifyAsync(Usings + $$"""
            public static class Outer
            {
                [Connector("source-test")]
                public partial class {|CONN0001:TestSource|}
                {
                    {{Check}}
                    {{Stream}}
                }
            }
            """);

    [Fact]
    public async Task CONN0001_fixed() => await VerifyCleanAsync(Usings + $$"""
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
    public async Task CONN0002_source_without_check() =>
        await VerifyAsync(Connector(Stream, name: Marked), Diagnostic("CONN0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
            .WithMessage("The source 'source-test' has no [Check] method, so 'check' only validates the configuration and never tries to connect"));

    [Fact]
    public async Task CONN0002_fixed() => await VerifyCleanAsync(Connector(Check + Stream));

    [Fact]
    public async Task CONN0002_and_CONN0003_do_not_apply_to_destinations() => await VerifyCleanAsync(Usings + """
        [Connector("destination-test", Kind = ConnectorKind.Destination)]
        public partial class TestDestination
        {
            [ConfigProperty] public string Path { get; set; } = "";

            [Write] public void Write(DestinationStream stream, RecordBatch batch) { }
        }
        """);

    [Fact]
    public async Task CONN0003_source_without_streams() =>
        await VerifyAsync(Connector(Check, name: "{|CONN0003:TestSource|}"));

    [Fact]
    public async Task CONN0003_fixed() => await VerifyCleanAsync(Connector(Check + Stream));

    [Theory]
    [InlineData("public static partial class {|#0:TestSource|}", "static")]
    [InlineData("public abstract partial class {|#0:TestSource|}", "abstract")]
    [InlineData("public partial class {|#0:TestSource|}<T>", "generic")]
    public async Task CONN0012_static_abstract_or_generic_class(string declaration, string problem)
    {
        // A static class has no instance methods to be the check and streams, and the rules about them say so too.
        var isStatic = declaration.Contains("static");
        var expected = new List<DiagnosticResult> { Diagnostic("CONN0012").WithLocation(0).WithMessage("The connector class 'TestSource' cannot be " + problem) };
        if (isStatic)
        {
            expected.Add(Diagnostic("CONN0002").WithLocation(0).WithArguments("source-test"));
            expected.Add(Diagnostic("CONN0003").WithLocation(0).WithArguments("source-test"));
        }
        await VerifyAsync(Usings + $$"""
            [Connector("source-test")]
            {{declaration}}
            {
                {{(isStatic ? "" : Check + "\n" + Stream)}}
            }
            """, expected.ToArray());
    }

    [Fact]
    public async Task CONN0012_class_nested_in_a_generic_type() =>
        await VerifyAsync(Usings + $$"""
            public partial class Outer<T>
            {
                [Connector("source-test")]
                public partial class {|#0:TestSource|}
                {
                    {{Check}}
                    {{Stream}}
                }
            }
            """, Diagnostic("CONN0012").WithLocation(0).WithMessage("The connector class 'TestSource' cannot be nested in a generic type"));

    [Fact]
    public async Task CONN0012_fixed() => await VerifyCleanAsync(Valid());

    [Fact]
    public async Task CONN0013_class_without_parameterless_constructor() =>
        await VerifyAsync(Connector(Check + Stream + """

                private readonly string _name;

                public TestSource(string name) => _name = name;

                public string Name => _name;
            """, name: "{|CONN0013:TestSource|}"));

    [Fact]
    public async Task CONN0013_fixed() => await VerifyCleanAsync(Connector(Check + Stream + """

            private readonly string _name;

            public TestSource() : this("default")
            {
            }

            public TestSource(string name) => _name = name;

            public string Name => _name;
        """));
}
