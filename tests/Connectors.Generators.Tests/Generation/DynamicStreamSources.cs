namespace Connectors.Generators.Tests.Generation;

/// <summary>Connectors with streams known only at run time, shared by the snapshot, caching and diagnostic tests.</summary>
internal static class DynamicStreamSources
{
    /// <summary>Every discovery and read shape, beside a static stream.</summary>
    public const string AllShapes = """
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public sealed record Item(long Id);

        [Connector("source-catalogue")]
        public partial class CatalogueSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];

            [DiscoverStreams(nameof(ReadTable))]
            public List<StreamDescription> Tables() => [new() { Name = "t", JsonSchema = "{}" }];

            public void ReadTable(DynamicStreamRequest request, RowWriter rows) => rows.WriteRow("{}"u8);

            [DiscoverStreams(nameof(ReadFileAsync))]
            public async Task<StreamDescription[]> Files(ILogger logger, CancellationToken cancellationToken)
            {
                await Task.Delay(0, cancellationToken);
                return [];
            }

            public async Task ReadFileAsync(CancellationToken cancellationToken, RowWriter rows, DynamicStreamRequest request, ILogger logger)
            {
                await Task.Delay(0, cancellationToken);
            }

            [DiscoverStreams("ReadResource")]
            public static async IAsyncEnumerable<StreamDescription> Resources([EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await Task.Delay(0, cancellationToken);
                yield break;
            }

            private static ValueTask ReadResource(DynamicStreamRequest request, RowWriter rows) => default;
        }
        """;

    /// <summary>A connector whose only streams are discovered; <c>BODY</c> and <c>SIGNATURE</c> are edited by the caching tests.</summary>
    public const string TablesOnly = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;

        namespace Sample;

        [Connector("source-tables")]
        public partial class TablesSource
        {
            [ConfigProperty] public int Tables { get; set; } = 2;

            [Check] public CheckResult Check() => CheckResult.Success();

            [DiscoverStreams(nameof(Read))]
            public IEnumerable<StreamDescription> Discover()
            {
                for (var i = 1; i <= Tables; i++)
                {
                    yield return new StreamDescription { Name = "t" + i, JsonSchema = "{}" };
                }
            }

            public Task Read(DynamicStreamRequest request, RowWriter rows) /*SIGNATURE*/
            {
                rows.WriteRow("{}"u8); /*BODY*/
                return Task.CompletedTask;
            }
        }
        """;
}
