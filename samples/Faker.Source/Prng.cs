namespace Faker;

/// <summary>
/// A small deterministic random generator (SplitMix64) seeded per record, so every record is a pure function of
/// (seed, stream, id): no shared state, no allocation, the same values on every machine and .NET version.
/// </summary>
internal struct Prng
{
    private ulong _state;

    public Prng(int seed, int stream, long id)
    {
        _state = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)stream * 0x9E3779B97F4A7C15UL) ^ (ulong)id * 0xBF58476D1CE4E5B9UL);
        Next();
    }

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, max).</summary>
    public int Below(int max) => (int)(Next() % (ulong)max);

    /// <summary>A number in [min, max].</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    public T Pick<T>(T[] items) => items[Below(items.Length)];
}
