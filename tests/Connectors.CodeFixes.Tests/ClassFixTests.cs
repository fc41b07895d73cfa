using System.Threading.Tasks;
using Connectors.CodeFixes.Tests.Harness;
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
        var fixedSource = await CodeFixHarness.FixAsync(new AddPartialCodeFix(), Usings + $$"""
            [Connector("source-test")]
            public sealed class TestSource
            {
            {{Members}}
            }
            """, "CONN0001");

        Assert.Equal(Usings + $$"""
            [Connector("source-test")]
            public sealed partial class TestSource
            {
            {{Members}}
            }
            """, fixedSource);
    }

    [Fact]
    public async Task CONN0001_adds_partial_to_the_class_and_its_containers()
    {
        var fixedSource = await CodeFixHarness.FixAsync(new AddPartialCodeFix(), Usings + $$"""
            public static class Connectors
            {
                [Connector("source-test")]
                class TestSource
                {
                {{Members}}
                }
            }
            """, "CONN0001");

        Assert.Equal(Usings + $$"""
            public static partial class Connectors
            {
                [Connector("source-test")]
                partial class TestSource
                {
                {{Members}}
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task CONN0002_adds_a_check_method_before_the_first_method()
    {
        var fixedSource = await CodeFixHarness.FixAsync(new AddCheckStubCodeFix(), Usings + """
            [Connector("source-test")]
            public partial class TestSource
            {
                [ConfigProperty] public string Host { get; set; } = "";

                [Stream("items")] public IEnumerable<Item> Items() => [];
            }
            """, "CONN0002");

        Assert.Equal(Usings + """
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
            """, fixedSource);
    }

    [Fact]
    public async Task CONN0003_adds_a_stream_method_and_its_record()
    {
        var fixedSource = await CodeFixHarness.FixAsync(new AddStreamStubCodeFix(), Usings + """
            [Connector("source-test")]
            public partial class TestSource
            {
                [Check] public CheckResult Check() => CheckResult.Success();
            }
            """, "CONN0003");

        Assert.Equal(Usings + """
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
            """, fixedSource);
    }

    [Fact]
    public async Task CONN0018_adds_a_write_method_after_the_configuration()
    {
        var fixedSource = await CodeFixHarness.FixAsync(new AddWriteStubCodeFix(), Usings + """
            [Connector("destination-test", Kind = ConnectorKind.Destination)]
            public partial class TestDestination
            {
                [ConfigProperty] public string Path { get; set; } = "";

                [Check] public CheckResult Check() => CheckResult.Success();
            }
            """, "CONN0018");

        Assert.Equal(Usings + """
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
            """, fixedSource);
    }

    [Fact]
    public async Task CONN0045_marks_the_connector_as_the_entry_point()
    {
        var source = Usings + $$"""
            [Connector("source-first")]
            public partial class FirstSource
            {
            {{Members}}
            }

            [Connector("source-second", Version = "1.0.0")]
            public partial class SecondSource
            {
            {{Members}}
            }
            """;

        var fixedSource = await CodeFixHarness.FixAsync(new MarkEntryPointCodeFix(), source, "CONN0045", index: 1, kind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        Assert.Equal(source.Replace("Version = \"1.0.0\")]", "Version = \"1.0.0\", EntryPoint = true)]"), fixedSource);
    }

    [Fact]
    public async Task CONN0001_fix_all_makes_every_connector_partial()
    {
        var source = Usings + $$"""
            [Connector("source-first")]
            public class FirstSource
            {
            {{Members}}
            }

            [Connector("source-second")]
            internal sealed class SecondSource
            {
            {{Members}}
            }
            """;

        var fixedSource = await CodeFixHarness.FixAllAsync(new AddPartialCodeFix(), source, "CONN0001");

        Assert.Equal(source.Replace("public class", "public partial class").Replace("internal sealed class", "internal sealed partial class"), fixedSource);
    }
}
