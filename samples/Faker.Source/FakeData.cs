using System;
using System.Globalization;

namespace Faker;

/// <summary>
/// Makes the fake records. Every value is a function of (seed, record id) and, when <c>always_updated</c> is on, of the
/// sync's start time for <c>updated_at</c>. Cursor values grow with the id, so every stream is sorted by its cursor.
/// </summary>
internal sealed class FakeData
{
    public const int ProductCount = 100;

    private static readonly DateTimeOffset Epoch = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const long TicksPerMicrosecond = 10;

    private readonly int _seed;
    private readonly DateTimeOffset? _syncStart;

    /// <param name="seed">The generator's seed.</param>
    /// <param name="syncStart">When set (<c>always_updated</c>), updated_at is this instant plus the id in microseconds.</param>
    public FakeData(int seed, DateTimeOffset? syncStart)
    {
        _seed = seed;
        _syncStart = syncStart;
    }

    public User User(long id)
    {
        var random = new Prng(_seed, Streams.Users, id);
        var first = random.Pick(Words.FirstNames);
        var last = random.Pick(Words.LastNames);
        var fixedUpdatedAt = FixedUpdatedAt(Streams.Users, id);
        return new User(
            Id: id,
            CreatedAt: fixedUpdatedAt.AddDays(-random.Between(1, 1000)).AddSeconds(-random.Below(86400)),
            UpdatedAt: UpdatedAt(Streams.Users, id),
            Name: first + " " + last,
            Title: random.Pick(Words.Titles),
            Age: random.Between(18, 90),
            Email: string.Concat(first.ToLowerInvariant(), ".", last.ToLowerInvariant(), id.ToString(CultureInfo.InvariantCulture), "@", random.Pick(Words.Domains)),
            Telephone: string.Create(CultureInfo.InvariantCulture, $"+1-{random.Between(200, 999)}-555-{random.Between(1000, 9999)}"),
            Gender: random.Pick(Words.Genders),
            Language: random.Pick(Words.Languages),
            AcademicDegree: random.Pick(Words.Degrees),
            Nationality: random.Pick(Words.Nationalities),
            Occupation: random.Pick(Words.Occupations),
            Height: (1.45 + random.Below(60) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
            BloodType: random.Pick(Words.BloodTypes),
            Weight: random.Between(45, 130),
            Address: new Address(
                StreetNumber: random.Between(1, 9999).ToString(CultureInfo.InvariantCulture),
                StreetName: random.Pick(Words.StreetNames) + " " + random.Pick(Words.StreetSuffixes),
                City: random.Pick(Words.Cities),
                State: random.Pick(Words.States),
                Province: random.Pick(Words.Provinces),
                PostalCode: random.Between(10000, 99999).ToString(CultureInfo.InvariantCulture),
                CountryCode: random.Pick(Words.CountryCodes)));
    }

    /// <summary>The first user id whose updated_at is after <paramref name="since"/>; past <paramref name="count"/> when none.</summary>
    public long FirstUserAfter(DateTimeOffset? since, long count)
    {
        if (since is not { } after)
        {
            return 1;
        }
        if (_syncStart is { } start)
        {
            return after < start ? 1 : (after - start).Ticks / TicksPerMicrosecond + 1;
        }
        // updated_at of id n lies in [epoch + n minutes, epoch + n minutes + 59 s], so ids below this one are all older.
        var id = Math.Max(1, (long)Math.Floor((after - Epoch).TotalMinutes));
        while (id <= count && UpdatedAt(Streams.Users, id) <= after)
        {
            id++;
        }
        return id;
    }

    public Product Product(long id)
    {
        var random = new Prng(_seed, Streams.Products, id);
        var make = random.Below(Words.Makes.Length);
        return new Product(
            Id: id,
            Make: Words.Makes[make],
            Model: random.Pick(Words.Models[make]),
            Year: random.Between(1990, 2025),
            Price: random.Between(4000, 95000) + random.Below(100) / 100m,
            CreatedAt: FixedUpdatedAt(Streams.Products, id).AddDays(-random.Between(1, 1000)),
            UpdatedAt: UpdatedAt(Streams.Products, id));
    }

    /// <summary>How many purchases a user made (0 to 2).</summary>
    public int PurchaseCount(long userId) => new Prng(_seed, Streams.PurchaseCounts, userId).Below(3);

    public DateTimeOffset PurchaseUpdatedAt(long purchaseId) => UpdatedAt(Streams.Purchases, purchaseId);

    public Purchase Purchase(long id, long userId)
    {
        var random = new Prng(_seed, Streams.Purchases, id);
        var created = FixedUpdatedAt(Streams.Purchases, id).AddDays(-random.Between(10, 400));
        var addedToCart = created.AddMinutes(random.Below(60));
        DateTimeOffset? purchased = random.Below(10) < 8 ? addedToCart.AddHours(random.Between(1, 48)) : null;
        DateTimeOffset? returned = purchased is { } bought && random.Below(100) < 15 ? bought.AddDays(random.Between(1, 7)) : null;
        return new Purchase(
            Id: id,
            UserId: userId,
            ProductId: random.Between(1, ProductCount),
            AddedToCartAt: addedToCart,
            PurchasedAt: purchased,
            ReturnedAt: returned,
            CreatedAt: created,
            UpdatedAt: UpdatedAt(Streams.Purchases, id));
    }

    private DateTimeOffset UpdatedAt(int stream, long id) =>
        _syncStart is { } start ? start.AddTicks(id * TicksPerMicrosecond) : FixedUpdatedAt(stream, id);

    // Strictly increasing in id: minute n plus up to 59 seconds.
    private DateTimeOffset FixedUpdatedAt(int stream, long id) =>
        Epoch.AddMinutes(id).AddSeconds(new Prng(_seed, stream + 100, id).Below(60));

    private static class Streams
    {
        public const int Users = 1;
        public const int Products = 2;
        public const int Purchases = 3;
        public const int PurchaseCounts = 4;
    }
}
