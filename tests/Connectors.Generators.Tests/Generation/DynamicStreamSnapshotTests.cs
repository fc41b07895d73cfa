using System.Linq;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>
/// [DiscoverStreams] families: every discovery shape (a list, a task of an array, an async stream; static or not) and
/// every read shape (void, Task, ValueTask; parameters in any order), beside a static [Stream]; and which connectors get
/// no DynamicStreams file (a destination, a class the generator cannot complete, no valid family).
/// </summary>
public sealed class DynamicStreamSnapshotTests
{
    private const string DynamicFile = "Sample.TablesSource.DynamicStreams.g.cs";

    [Fact]
    public void Discovery_and_read_shapes() => Snapshot.GenerateAndVerify(DynamicStreamSources.AllShapes);

    [Fact]
    public void A_connector_whose_streams_are_all_discovered() => Snapshot.GenerateAndVerify(DynamicStreamSources.TablesOnly);

    // A destination writes the catalog's streams; its [DiscoverStreams] method is the analyzer's CONN0023.
    [Fact]
    public void A_destination_gets_no_dynamic_streams()
    {
        var run = GeneratorHarness.Run(DynamicStreamSources.TablesOnly
            .Replace("[Connector(\"source-tables\")]", "[Connector(\"destination-tables\", Kind = ConnectorKind.Destination)]")
            .Replace("[Check]", "[Write] public void Write(DestinationStream stream, RecordBatch batch) { }\n    [Check]"));

        GeneratorAssert.Succeeds(run);
        Assert.Contains("Sample.TablesSource.Destination.g.cs", GeneratorAssert.HintNames(run));
        Assert.DoesNotContain(DynamicFile, GeneratorAssert.HintNames(run));
    }

    // Not partial: the generator completes nothing (CONN0001 is the analyzer's), so a DynamicStreams file would not compile.
    [Fact]
    public void A_class_the_generator_cannot_complete_gets_no_dynamic_streams()
    {
        var run = GeneratorHarness.Run(DynamicStreamSources.TablesOnly.Replace("public partial class TablesSource", "public class TablesSource"));

        GeneratorAssert.Quiet(run);
        Assert.Empty(GeneratorAssert.HintNames(run));
    }

    // The only family names a read method the class lacks (CONN0062): nothing to emit.
    [Fact]
    public void A_connector_without_a_valid_family_gets_no_dynamic_streams()
    {
        var run = GeneratorHarness.Run(DynamicStreamSources.TablesOnly.Replace("[DiscoverStreams(nameof(Read))]", "[DiscoverStreams(\"Reed\")]"));

        GeneratorAssert.Quiet(run);
        Assert.DoesNotContain(DynamicFile, GeneratorAssert.HintNames(run));
    }

    // The DynamicStreams file names the class: an [Experimental] class's id is disabled there too, or it would not build.
    [Fact]
    public void An_experimental_connector_class_gets_dynamic_streams_that_build()
    {
        var run = GeneratorHarness.Run(DynamicStreamSources.TablesOnly.Replace("[Connector(\"source-tables\")]",
            "[System.Diagnostics.CodeAnalysis.Experimental(\"SAMPLE008\")]\n[Connector(\"source-tables\")]"));

        GeneratorAssert.Succeeds(run);
        Assert.Contains("#pragma warning disable CS0612, CS0618, SAMPLE008\n",
            run.Result.GeneratedSources.Single(s => s.HintName == DynamicFile).SourceText.ToString());
    }
}
