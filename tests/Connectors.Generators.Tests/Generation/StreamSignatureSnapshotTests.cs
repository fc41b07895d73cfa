using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>The stream method shapes the runtime can call, and the catalog entry of each stream.</summary>
public sealed class StreamSignatureSnapshotTests
{
    [Fact]
    public void Async_sync_instance_and_static_methods() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("source-methods")]
        public partial class MethodsSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("async-instance")]
            public async IAsyncEnumerable<Item> AsyncInstance()
            {
                await Task.Yield();
                yield return new Item(1);
            }

            [Stream("async-static")]
            public static async IAsyncEnumerable<Item> AsyncStatic()
            {
                await Task.Yield();
                yield return new Item(2);
            }

            [Stream("sync-instance")]
            public IEnumerable<Item> SyncInstance() => [new Item(3)];

            [Stream("sync-static")]
            public static IEnumerable<Item> SyncStatic() => [new Item(4)];

            [Stream("sync-list")]
            public List<Item> SyncList() => [new Item(5)];
        }
        """);

    [Fact]
    public void Cursor_parameters() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Event(long Id, DateTimeOffset At, int Sequence, string Token, DateOnly Day, DateTime LocalAt, decimal Amount, double Score);

        [Connector("source-cursors")]
        public partial class CursorsSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("nullable-value", Cursor = nameof(Event.At))]
            public IEnumerable<Event> NullableValue(DateTimeOffset? since) => [];

            [Stream("value", Cursor = nameof(Event.Sequence))]
            public IEnumerable<Event> Value(int since) => [];

            [Stream("nullable-string", Cursor = nameof(Event.Token))]
            public IEnumerable<Event> NullableString(string? since) => [];

            [Stream("string", Cursor = nameof(Event.Token))]
            public IEnumerable<Event> NonNullableString(string since) => [];

            [Stream("by-json-name", Cursor = "day")]
            public IEnumerable<Event> ByJsonName(DateOnly? since) => [];

            [Stream("local", Cursor = nameof(Event.LocalAt))]
            public IEnumerable<Event> Local(DateTime? since) => [];

            [Stream("amount", Cursor = nameof(Event.Amount))]
            public IEnumerable<Event> Amount(decimal? since) => [];

            [Stream("score", Cursor = nameof(Event.Score))]
            public IEnumerable<Event> Score(double since) => [];

            [Stream("id", Cursor = nameof(Event.Id))]
            public IEnumerable<Event> Id(long? since) => [];

            // A cursor without a cursor parameter: the catalog names the cursor, but the stream is full refresh only.
            [Stream("cursor-only", Cursor = nameof(Event.At))]
            public IEnumerable<Event> CursorOnly() => [];
        }
        """);

    [Fact]
    public void Service_parameters() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public sealed record Event(long Id, DateTimeOffset At);

        [Connector("source-services")]
        public partial class ServicesSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("all", Cursor = nameof(Event.At))]
            public async IAsyncEnumerable<Event> All(ILogger logger, DateTimeOffset? since, StreamContext context,
                [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await Task.Delay(0, cancellationToken);
                logger.LogInformation("{Stream} since {Since}", context.StreamName, since);
                yield break;
            }

            [Stream("token-only")]
            public static IEnumerable<Event> TokenOnly(CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return [];
            }

            [Stream("context-then-logger")]
            public IEnumerable<Event> ContextThenLogger(StreamContext context, ILogger logger)
            {
                logger.LogDebug("{Interval}", context.CheckpointInterval);
                return [];
            }
        }
        """);

    [Fact]
    public void Composite_and_nested_primary_keys() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Line(string OrderId, int LineNumber, Product Product);

        public sealed record Product(string Sku, Vendor Vendor);

        public sealed record Vendor(int Id);

        [Connector("source-keys")]
        public partial class KeysSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("single", PrimaryKey = nameof(Line.OrderId))]
            public IEnumerable<Line> Single() => [];

            [Stream("composite", PrimaryKey = nameof(Line.OrderId) + "," + nameof(Line.LineNumber))]
            public IEnumerable<Line> Composite() => [];

            [Stream("nested", PrimaryKey = "OrderId, Product.Sku, Product.Vendor.Id")]
            public IEnumerable<Line> Nested() => [];

            [Stream("by-json-name", PrimaryKey = "order_id, line_number")]
            public IEnumerable<Line> ByJsonName() => [];
        }
        """);

    [Fact]
    public void Namespace_sorting_and_checkpoints() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Event(long Id, DateTimeOffset At);

        [Connector("source-options")]
        public partial class StreamOptionsSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("events", Namespace = "audit", PrimaryKey = nameof(Event.Id), Cursor = nameof(Event.At), SortedByCursor = true, CheckpointInterval = 500)]
            public IEnumerable<Event> AuditEvents(DateTimeOffset? since) => [];

            // Same name, another namespace: a different stream.
            [Stream("events", Namespace = "billing")]
            public IEnumerable<Event> BillingEvents() => [];

            // Zero and negative intervals mean the runtime default.
            [Stream("unsorted", Cursor = nameof(Event.At), CheckpointInterval = -5)]
            public IEnumerable<Event> Unsorted(DateTimeOffset? since) => [];
        }
        """);

    [Fact]
    public void Nullable_record_elements() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(long Id, DateTimeOffset At);
        public readonly record struct Point(long Id, DateTimeOffset At);

        [Connector("source-nullable-elements")]
        public partial class NullableElementsSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            // The element types are nullable: the generated stream is typed the same way, without warnings.
            [Stream("items", Cursor = nameof(Item.At))]
            public IEnumerable<Item?> Items(DateTimeOffset? since) => [];

            [Stream("points", Cursor = nameof(Point.At))]
            public IEnumerable<Point?> Points(DateTimeOffset? since) => [];
        }
        """);
}
