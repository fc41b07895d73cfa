using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>A destination's model compares by value too, down to its hooks, so an unchanged destination stays cached.</summary>
public sealed class DestinationModelEqualityTests
{
    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;

        namespace Sample;

        [Connector("destination-sample", Kind = ConnectorKind.Destination)]
        public partial class SampleDestination
        {
            [Write(SyncModes = DestinationSyncModes.Append | DestinationSyncModes.AppendDedup, MaxBatchRecords = 100)]
            public Task Write(DestinationStream stream, RecordBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

            [Commit] public void Commit() { }
        }
        """;

    [Fact]
    public void Same_source_gives_equal_models()
    {
        var a = Model(Source);
        var b = Model(Source);

        Assert.NotSame(a.Destination, b.Destination);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("MaxBatchRecords = 100", "MaxBatchRecords = 200")]
    [InlineData("DestinationSyncModes.AppendDedup", "DestinationSyncModes.Append")]
    [InlineData("CancellationToken cancellationToken) =>", "CancellationToken cancellationToken, RecordBatch again) =>")]
    [InlineData("public void Commit() { }", "public Task Commit() => Task.CompletedTask;")]
    [InlineData("[Commit] public void Commit() { }", "[Commit] public void Commit() { }\n[StreamIncomplete] public void Incomplete(DestinationStream stream) { }")]
    public void A_change_the_output_depends_on_changes_the_model(string before, string after)
    {
        Assert.Contains(before, Source);

        Assert.NotEqual(Model(Source), Model(Source.Replace(before, after)));
    }

    private static ConnectorModel Model(string source)
    {
        var built = ImmutableArray<object>.Empty;
        var generator = new ConnectorGenerator { OnModelsBuilt = models => built = models };
        GeneratorAssert.Quiet(GeneratorHarness.Run(GeneratorHarness.CreateDriver(generator), TestCompilation.Create(new[] { ("Program.cs", source) })));
        return Assert.IsType<ConnectorModel>(Assert.Single(built));
    }
}
