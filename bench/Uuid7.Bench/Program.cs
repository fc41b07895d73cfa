using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

// Usage: dotnet run -c Release --project bench/Uuid7.Bench -- [ROUNDS=15] [IDS=2000000]
// Each round times every variant once, in a rotating order (round 0 is warm-up); prints the median and best ns per id.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var ids = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;

var random = new Random();
var bytes = new byte[16];
var sink = 0L;

// The samples' previous code: the current Unix milliseconds, then 74 bits from a (non-cryptographic) Random.
Guid HandRolled()
{
    Span<byte> b = stackalloc byte[16];
    random.NextBytes(b);
    var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    for (var i = 5; i >= 0; i--, milliseconds >>= 8)
    {
        b[i] = (byte)milliseconds;
    }
    b[6] = (byte)(0x70 | (b[6] & 0x0F));
    b[8] = (byte)(0x80 | (b[8] & 0x3F));
    return new Guid(b, bigEndian: true);
}

var variants = new (string Name, Action<int> Run)[]
{
    ("hand-rolled (Random + UtcNow) -> Guid", n => { for (var i = 0; i < n; i++) { sink ^= HandRolled().GetHashCode(); } }),
    ("Guid.CreateVersion7()", n => { for (var i = 0; i < n; i++) { sink ^= Guid.CreateVersion7().GetHashCode(); } }),
    ("Guid.CreateVersion7() -> big-endian bytes", n => { for (var i = 0; i < n; i++) { Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _); sink ^= bytes[15]; } }),
};

// The two must agree on the layout: version 7, RFC 4122 variant, timestamp first.
foreach (var id in new[] { HandRolled(), Guid.CreateVersion7() })
{
    var b = id.ToByteArray(bigEndian: true);
    if (id.Version != 7 || (b[8] & 0xC0) != 0x80 || Math.Abs(BitConverter.ToInt64([0, 0, b[5], b[4], b[3], b[2], b[1], b[0]]) / 65536 - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) > 60_000)
    {
        Console.Error.WriteLine($"not a version 7 UUID of now: {id}");
        return 1;
    }
}

var times = variants.Select(_ => new System.Collections.Generic.List<double>()).ToArray();
for (var round = 0; round <= rounds; round++)
{
    for (var k = 0; k < variants.Length; k++)
    {
        var v = (k + round) % variants.Length;
        var watch = Stopwatch.StartNew();
        variants[v].Run(ids);
        var ns = watch.Elapsed.TotalNanoseconds / ids;
        if (round > 0)
        {
            times[v].Add(ns);
        }
    }
}

Console.WriteLine($"{rounds} rounds of {ids:N0} ids, load average {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]} (checksum {sink & 1})");
var baseline = Median(times[0]);
Console.WriteLine("| variant | median ns/id | best ns/id | ÷ hand-rolled (median) |");
Console.WriteLine("|---|---:|---:|---:|");
for (var v = 0; v < variants.Length; v++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {Median(times[v]):F1} | {times[v].Min():F1} | {Median(times[v]) / baseline:F2} |"));
}
return 0;

static double Median(System.Collections.Generic.List<double> values)
{
    var sorted = values.OrderBy(x => x).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
