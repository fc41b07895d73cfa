using System.Threading.Tasks;
using Connectors.CodeFixes.Tests.Harness;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Connectors.CodeFixes.Tests.Sources;

namespace Connectors.CodeFixes.Tests;

/// <summary>Fixes on the connector class: partial (CONN0001), a check stub (CONN0002), a stream stub (CONN0003), the entry point (CONN0045).</summary>
public sealed class ClassFixTests
{
    private const string Members = """
            [Check] public CheckResult Check() => CheckResult.Success();
            [Stream("items")] public IEnumerable<Item> Items() => [];
        """;

    [Fact]
    public async Task CONN0001_adds_partial_after_the_other_modifiers()
    {
        await ConnectorsCodeFixTest<AddPartialCodeFix>.VerifyAsync(Usings + $$"""
            [Connector("source-test")]
            public sealed class {|CONN0001:TestSource|}
            {
            {{Members}}
            }
            """, Usings + $$"""
            [Connector("source-test")]
            public sealed partial class TestSource
            {
            {{Members}}
            }
            """);
    }

    [Fact]
    public async Task CONN0001_adds_partial_to_the_class_and_its_containers()
    {
        await ConnectorsCodeFixTest<AddPartialCodeFix>.VerifyAsync(Usings + $$"""
            public static class Connectors
            {
                [Connector("source-test")]
                class {|CONN0001:TestSource|}
                {
                {{Members}}
                }
            }
            """, Usings + $$"""
            public static partial class Connectors
            {
                [Connector("source-test")]
                partial class TestSource
                {
                {{Members}}
                }
            }
            """);
    }

    [Fact]
    public async Task CONN0002_adds_a_check_method_before_the_first_method()
    {
        await ConnectorsCodeFixTest<AddCheckStubCodeFix>.VerifyAsync(Usings + """
            [Connector("source-test")]
            public partial class {|CONN0002:TestSource|}
            {
                [ConfigProperty] public string Host { get; set; } = "";

                [Stream("items")] public IEnumerable<Item> Items() => [];
            }
            """, Usings + """
            [Connector("source-test")]
            public partial class TestSource
            {
                [ConfigProperty] public string Host { get; set; } = "";

                [Check]
                public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
                {
                    // Connect with the configuration and read one item; return CheckResult.Failed("…") with what the user must fix.
                    await Task.Yield();
                    return CheckResult.Failed("The check is not implemented yet.");
                }

                [Stream("items")] public IEnumerable<Item> Items() => [];
            }
            """);
    }

    [Fact]
    public async Task CONN0003_adds_a_stream_method_and_its_record()
    {
        await ConnectorsCodeFixTest<AddStreamStubCodeFix>.VerifyAsync(Usings + """
            [Connector("source-test")]
            public partial class {|CONN0003:TestSource|}
            {
                [Check] public CheckResult Check() => CheckResult.Success();
            }
            """, Usings + """
            [Connector("source-test")]
            public partial class TestSource
            {
                [Check] public CheckResult Check() => CheckResult.Success();

                [Stream("items", PrimaryKey = nameof(Item.Id))]
                public async IAsyncEnumerable<Item> ReadItemsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
                {
                    // Read the source page by page and yield one record per item.
                    await Task.Yield();
                    yield break;
                }

                /// <summary>One record of the items stream: its public properties are the record's fields.</summary>
                public sealed record Item(string Id);
            }
            """);
    }

    [Fact]
    public async Task CONN0018_adds_a_write_method_after_the_configuration()
    {
        await ConnectorsCodeFixTest<AddWriteStubCodeFix>.VerifyAsync(Usings + """
            [Connector("destination-test", Kind = ConnectorKind.Destination)]
            public partial class {|CONN0018:TestDestination|}
            {
                [ConfigProperty] public string Path { get; set; } = "";

                [Check] public CheckResult Check() => CheckResult.Success();
            }
            """, Usings + """
            [Connector("destination-test", Kind = ConnectorKind.Destination)]
            public partial class TestDestination
            {
                [ConfigProperty] public string Path { get; set; } = "";

                [Write(SyncModes = DestinationSyncModes.Append)]
                public async Task WriteAsync(DestinationStream stream, RecordBatch batch, CancellationToken cancellationToken)
                {
                    // Store the batch's records for stream.Name; the runtime commits ([Commit]) before it acknowledges a state.
                    await Task.Yield();
                    throw new NotImplementedException("The write method is not implemented yet.");
                }

                [Check] public CheckResult Check() => CheckResult.Success();
            }
            """);
    }

    [Fact]
    public async Task CONN0045_marks_the_connector_as_the_entry_point()
    {
        const string source = Usings + $$"""
            [Connector("source-first")]
            public partial class {|CONN0045:FirstSource|}
            {
            {{Members}}
            }

            [Connector("source-second", Version = "1.0.0")]
            public partial class {|CONN0045:SecondSource|}
            {
            {{Members}}
            }
            """;

        // The light bulb of the second class: that class, not the first, becomes the entry point (and the program gets its Main).
        var test = new ConnectorsCodeFixTest<MarkEntryPointCodeFix>
        {
            TestCode = source,
            FixedCode = source.Replace("{|CONN0045:FirstSource|}", "FirstSource").Replace("{|CONN0045:SecondSource|}", "SecondSource")
                .Replace("Version = \"1.0.0\")]", "Version = \"1.0.0\", EntryPoint = true)]"),
            FixOnlyAt = "SecondSource",
            // CONN0045 is a compilation-end diagnostic (it weighs every connector of the project), so IDEs show it, and
            // its fix, from a build or full-solution analysis rather than as the user types; the kit checks local ones only.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.OutputKind = test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS5001"));
        // Spelled out, so the fixed program does not inherit the missing Main: it has one now.
        test.FixedState.InheritanceMode = StateInheritanceMode.Explicit;
        test.FixedState.AdditionalReferences.AddRange(TestFrameworks.Lowest.Connectors);

        await test.RunAsync();
    }

    // The kit fixes one diagnostic at a time, then all at once through the provider's Fix All (document, project, solution).
    [Fact]
    public async Task CONN0001_fix_all_makes_every_connector_partial()
    {
        const string source = Usings + $$"""
            [Connector("source-first")]
            public class {|CONN0001:FirstSource|}
            {
            {{Members}}
            }

            [Connector("source-second")]
            internal sealed class {|CONN0001:SecondSource|}
            {
            {{Members}}
            }
            """;

        await ConnectorsCodeFixTest<AddPartialCodeFix>.VerifyAsync(source,
            source.Replace("public class {|CONN0001:FirstSource|}", "public partial class FirstSource")
                .Replace("internal sealed class {|CONN0001:SecondSource|}", "internal sealed partial class SecondSource"));
    }
}
