using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// Incremental caching works only if models built from equal source are equal: these tests build the models twice
/// (through the generator's <c>OnModelsBuilt</c> hook) and compare them.
/// </summary>
public sealed class ModelEqualityTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;

        namespace Sample;

        public enum Region { UsEast, EuWest }

        public sealed class Credentials
        {
            [ConfigProperty] public string ClientId { get; set; } = "";
            [ConfigProperty(Secret = true)] public string ClientSecret { get; set; } = "";
        }

        public sealed record Order(long Id, DateTimeOffset UpdatedAt, Region Region, List<Line> Lines, Dictionary<string, string?> Labels);

        public sealed record Line(string Sku, decimal Price);

        [Connector("source-orders", Version = "1.0.0")]
        public partial class OrdersSource
        {
            /// <summary>How many orders to read.</summary>
            [ConfigProperty(Minimum = 1, Examples = new object[] { 10, 100 })] public int Count { get; set; } = 10;
            [ConfigProperty] public Region Region { get; set; } = Region.EuWest;
            [ConfigProperty] public List<string> Tags { get; set; } = [];
            [ConfigProperty] public Credentials Credentials { get; set; } = new();

            [Check] public Task<CheckResult> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(CheckResult.Success());

            [Stream("orders", PrimaryKey = "Id, Lines", Cursor = nameof(Order.UpdatedAt), SortedByCursor = true)]
            public IEnumerable<Order> Orders(DateTimeOffset? since) => [];
        }
        """;

    [Fact]
    public void Same_source_gives_equal_models()
    {
        var first = Models(Source);
        var second = Models(Source);

        var a = Assert.Single(first);
        var b = Assert.Single(second);
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        // Equality must reach into the nested models, not stop at the top record.
        Assert.NotSame(a.Streams[0].Record, b.Streams[0].Record);
        Assert.Equal(a.Streams[0].Record, b.Streams[0].Record);
    }

    [Fact]
    public void Whitespace_and_comments_do_not_change_the_model()
    {
        var reformatted = "// A file header.\n\n" + Source
            .Replace("public partial class OrdersSource", "public   partial class OrdersSource // the connector")
            .Replace("    [ConfigProperty] public Region Region", "\n\n    /* moved down */\n    [ConfigProperty]\n    public Region Region")
            .Replace("=> [];", "=>\n        [];");
        Assert.NotEqual(Source, reformatted);

        var original = Assert.Single(Models(Source));
        var changed = Assert.Single(Models(reformatted));

        Assert.Equal(original, changed);
        Assert.Equal(original.GetHashCode(), changed.GetHashCode());
    }

    [Theory]
    [InlineData("Minimum = 1,", "Minimum = 2,")]
    [InlineData("{ 10, 100 }", "{ 10, 1000 }")]
    [InlineData("Region.EuWest;", "Region.UsEast;")]
    [InlineData("string Sku", "string Code")]
    [InlineData("/// <summary>How many orders to read.</summary>", "/// <summary>How many orders to fetch.</summary>")]
    [InlineData("SortedByCursor = true", "SortedByCursor = false")]
    [InlineData("Dictionary<string, string?>", "Dictionary<string, string>")]
    public void A_change_the_output_depends_on_changes_the_model(string before, string after)
    {
        Assert.Contains(before, Source);

        var original = Assert.Single(Models(Source));
        var changed = Assert.Single(Models(Source.Replace(before, after)));

        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void Faker_sample_gives_equal_models_twice()
    {
        var files = RepoPaths.FakerSources();

        var a = Assert.Single(Models(files));
        var b = Assert.Single(Models(files));

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    private static IReadOnlyList<ConnectorModel> Models(string source) => Models(new[] { ("Program.cs", source) });

    private static IReadOnlyList<ConnectorModel> Models(IEnumerable<(string Path, string Text)> files)
    {
        var built = ImmutableArray<object>.Empty;
        var generator = new ConnectorGenerator { OnModelsBuilt = models => built = models };
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(generator), TestCompilation.Create(files));
        GeneratorAssert.Quiet(run);
        return built.Cast<ConnectorModel>().ToList();
    }
}
