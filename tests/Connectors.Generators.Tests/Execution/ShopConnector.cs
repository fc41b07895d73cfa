using System;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// The connector the execution tests run: configuration of many shapes (a required secret, bounds, a pattern, an enum
/// with a default, a nested object, a list) and two streams whose records use every kind of JSON value.
/// </summary>
public sealed class ShopConnector : IDisposable
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Microsoft.Extensions.Logging;

        namespace Shop;

        public enum Region
        {
            [JsonStringEnumMemberName("us-east")] UsEast,
            [JsonStringEnumMemberName("eu-west")] EuWest,
        }

        public enum Status
        {
            Open,
            [JsonStringEnumMemberName("on-hold")] OnHold,
            Closed,
        }

        public sealed class Auth
        {
            [ConfigProperty] public required string ClientId { get; set; }

            [ConfigProperty(Secret = true)] public string ClientSecret { get; set; } = "";
        }

        public sealed record Address(string Street, string City);

        public sealed record Customer(string Name, string? Email, Address Address);

        public sealed record Line(string Sku, int Quantity, decimal Price);

        public sealed record Order(
            long Id,
            DateTimeOffset UpdatedAt,
            Customer Customer,
            Customer? Referrer,
            Status Status,
            Status? PreviousStatus,
            List<Line> Lines,
            IReadOnlyList<string> Tags,
            int?[] Scores,
            Dictionary<string, int> Counters,
            DateOnly Day,
            TimeOnly OpensAt,
            DateTime LocalSeen,
            Guid Key,
            byte[] Signature,
            Uri Website,
            Uri? Homepage,
            double Ratio,
            bool Paid,
            int? Discount,
            JsonElement Extra);

        public sealed record Event(long Sequence, string Kind);

        [Connector("source-shop", Version = "1.4.2", DocumentationUrl = "https://example.com/shop")]
        public partial class ShopSource
        {
            /// <summary>The API key.</summary>
            [ConfigProperty(Secret = true, Pattern = "^[a-z0-9-]+$", Order = 0)]
            public required string ApiKey { get; set; }

            /// <summary>How many orders to read.</summary>
            [ConfigProperty(Minimum = 1, Maximum = 1000)]
            public int Count { get; set; } = 3;

            [ConfigProperty(Default = Region.EuWest)]
            public Region Region { get; set; }

            [ConfigProperty]
            public Auth Auth { get; set; } = new() { ClientId = "anonymous" };

            [ConfigProperty]
            public List<string> Tags { get; set; } = [];

            [ConfigProperty]
            public List<Auth> Accounts { get; set; } = [];

            [ConfigProperty]
            public DateOnly? StartDate { get; set; }

            [ConfigProperty(Default = 2.5)]
            public double Ratio { get; set; }

            [Check]
            public CheckResult Check(ILogger logger)
            {
                logger.LogInformation("Checking with key {Key}", ApiKey);
                if (Count == 13)
                {
                    return CheckResult.Failed($"The key {ApiKey} was rejected by the shop.");
                }
                var description = string.Join(" ", new[]
                {
                    $"count={Count}",
                    $"region={Region}",
                    $"client={Auth.ClientId}",
                    $"tags={string.Join(",", Tags)}",
                    $"accounts={string.Join(",", Accounts.Select(a => a.ClientId))}",
                    $"start={StartDate?.ToString("yyyy-MM-dd") ?? "none"}",
                    $"ratio={Ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                });
                return CheckResult.Success(description);
            }

            [Stream("orders", PrimaryKey = nameof(Order.Id), Cursor = nameof(Order.UpdatedAt), SortedByCursor = true)]
            public IEnumerable<Order> Orders(DateTimeOffset? since)
            {
                for (var id = 1; id <= Count; id++)
                {
                    var order = MakeOrder(id);
                    if (since is null || order.UpdatedAt > since)
                    {
                        yield return order;
                    }
                }
            }

            [Stream("events", Namespace = "audit", Cursor = nameof(Event.Sequence))]
            public async IAsyncEnumerable<Event> Events(long? since, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                for (var sequence = (since ?? 0) + 1; sequence <= 5; sequence++)
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new Event(sequence, sequence % 2 == 0 ? "even" : "odd");
                }
            }

            private static Order MakeOrder(int id)
            {
                var first = id == 1;
                return new Order(
                    Id: id,
                    UpdatedAt: new DateTimeOffset(2024, 5, id, 12, 0, 0, TimeSpan.Zero),
                    Customer: new Customer("Ada " + id, first ? "ada@example.com" : null, new Address(id + " Main St", "Springfield")),
                    Referrer: first ? null : new Customer("Bob", null, new Address("1 Side St", "Shelbyville")),
                    Status: first ? Status.OnHold : Status.Closed,
                    PreviousStatus: first ? null : Status.Open,
                    Lines: Enumerable.Range(1, id).Select(n => new Line("SKU-" + n, n, 9.99m * n)).ToList(),
                    Tags: first ? ["new", "vip"] : [],
                    Scores: [id, null],
                    Counters: new Dictionary<string, int> { ["views"] = 10 * id },
                    Day: new DateOnly(2024, 5, id),
                    OpensAt: new TimeOnly(13, 45, 0, 500),
                    LocalSeen: new DateTime(2024, 5, id, 8, 30, 0, DateTimeKind.Utc),
                    Key: new Guid("00000000-0000-0000-0000-00000000000" + id),
                    Signature: Encoding.UTF8.GetBytes("sig" + id),
                    Website: new Uri("https://shop.example.com/orders/" + id),
                    Homepage: null,
                    Ratio: id / 4.0,
                    Paid: id % 2 == 1,
                    Discount: first ? 15 : null,
                    Extra: JsonDocument.Parse("{\"source\":\"web\",\"n\":" + id + "}").RootElement);
            }
        }
        """;

    private readonly Lazy<LoadedConnector> _connector = new(() => LoadedConnector.Load(Source, "Shop.ShopSource"));

    internal LoadedConnector Connector => _connector.Value;

    internal Task<HostResult> RunAsync(params string[] args) => Connector.RunAsync(args);

    public void Dispose()
    {
        if (_connector.IsValueCreated)
        {
            _connector.Value.Dispose();
        }
    }
}

/// <summary>The execution tests share one compiled connector.</summary>
[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopConnector>
{
    public const string Name = "Shop connector";
}
