using System;
using System.Collections.Generic;
using System.Threading;
using Connectors;

namespace Faker;

/// <summary>
/// Generates fake users, products and purchases, like Airbyte's source-faker, without any network. The same seed always
/// gives the same records, so syncs are reproducible and tests can compare values.
/// </summary>
[Connector("source-faker", Version = "0.1.0", Title = "Faker Source Spec",
    DocumentationUrl = "https://docs.airbyte.com/integrations/sources/faker")]
public sealed partial class FakerSource
{
    /// <summary>How many users to generate (purchases follow from the users; there are always 100 products).</summary>
    [ConfigProperty(Minimum = 1, Order = 0)]
    public int Count { get; set; } = 1000;

    /// <summary>The seed of the generator: the same seed gives the same data.</summary>
    [ConfigProperty(Order = 1)]
    public int Seed { get; set; } = 0;

    /// <summary>How many records to read between checkpoints (STATE messages).</summary>
    [ConfigProperty(Minimum = 1, Order = 2)]
    public int RecordsPerSlice { get; set; } = 1000;

    /// <summary>
    /// When true, updated_at is the time of the sync, so every sync emits every record again. When false, every value is
    /// a pure function of the seed and the record id, and a sync resumed from a final state emits nothing new.
    /// </summary>
    [ConfigProperty(Order = 3)]
    public bool AlwaysUpdated { get; set; } = true;

    private readonly DateTimeOffset _syncStart = DateTimeOffset.UtcNow;

    private FakeData Data => new(Seed, AlwaysUpdated ? _syncStart : null);

    /// <summary>Faker has nothing to connect to: a configuration that binds is a working one.</summary>
    [Check]
    public CheckResult Check() => CheckResult.Success($"Faker will generate {Count} users.");

    /// <summary>Users, in id order, which is also updated_at order.</summary>
    [Stream("users", PrimaryKey = nameof(User.Id), Cursor = nameof(User.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<User> Users(DateTimeOffset? since, StreamContext context, CancellationToken cancellationToken)
    {
        context.CheckpointInterval = RecordsPerSlice;
        var data = Data;
        for (var id = data.FirstUserAfter(since, Count); id <= Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return data.User(id);
        }
    }

    /// <summary>The 100 products of the catalogue.</summary>
    [Stream("products", PrimaryKey = nameof(Product.Id), Cursor = nameof(Product.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<Product> Products(DateTimeOffset? since, StreamContext context)
    {
        context.CheckpointInterval = RecordsPerSlice;
        var data = Data;
        for (var id = 1; id <= FakeData.ProductCount; id++)
        {
            var product = data.Product(id);
            if (since is null || product.UpdatedAt > since)
            {
                yield return product;
            }
        }
    }

    /// <summary>The users' purchases: zero to two per user, in id order, which is also updated_at order.</summary>
    [Stream("purchases", PrimaryKey = nameof(Purchase.Id), Cursor = nameof(Purchase.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<Purchase> Purchases(DateTimeOffset? since, StreamContext context, CancellationToken cancellationToken)
    {
        context.CheckpointInterval = RecordsPerSlice;
        var data = Data;
        long purchaseId = 0;
        for (var userId = 1; userId <= Count; userId++)
        {
            var count = data.PurchaseCount(userId);
            for (var n = 0; n < count; n++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                purchaseId++;
                if (since is not null && data.PurchaseUpdatedAt(purchaseId) <= since)
                {
                    continue;
                }
                yield return data.Purchase(purchaseId, userId);
            }
        }
    }
}
