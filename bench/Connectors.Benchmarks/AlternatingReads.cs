using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Connectors.Runtime;
using Connectors.Runtime.Hosting;
using Faker;
using Faker.HandWritten;

namespace Connectors.Benchmarks;

/// <summary>
/// Whole in-process reads, the variants taking turns round after round, each timed by wall clock and by process CPU
/// time (<see cref="Environment.CpuUsage"/>). On a shared, noisy machine CPU time and the ratio of medians taken in
/// one run are steadier than BenchmarkDotNet's sequential wall-clock means.
/// Variants: the Faker sample read through ConnectorHost vs the hand-written loop over the same FakeData generator,
/// and the same two over pre-made users (no record generation: the SDK's own per-record cost stands out).
/// </summary>
internal static class AlternatingReads
{
    public static int Run(int rounds, int records, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("connectors-bench-").FullName;
        try
        {
            var variants = Variants(directory, records);
            var wall = variants.ToDictionary(v => v.Name, _ => new List<double>());
            var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
            for (var round = 0; round <= rounds; round++)
            {
                // Round 0 warms every variant up (tiered JIT, PGO) and is not counted.
                for (var i = 0; i < variants.Count; i++)
                {
                    var variant = variants[(i + round) % variants.Count];
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    var clock = Stopwatch.StartNew();
                    variant.Run();
                    var elapsed = clock.Elapsed;
                    var cpuUsed = Environment.CpuUsage.TotalTime - cpuBefore;
                    if (round > 0)
                    {
                        wall[variant.Name].Add(elapsed.TotalNanoseconds / records);
                        cpu[variant.Name].Add(cpuUsed.TotalNanoseconds / records);
                    }
                }
            }
            output.WriteLine($"{rounds} rounds of {records:N0} records per variant, in turn; ns per record, median (min)");
            output.WriteLine();
            output.WriteLine("| variant | wall ns/record | CPU ns/record | records/s (wall) | generated ÷ hand-written (wall) | (CPU) |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var variant in variants)
            {
                var baseline = variant.Baseline ?? variant.Name;
                output.WriteLine(
                    $"| {variant.Name} | {Median(wall[variant.Name]):F0} ({wall[variant.Name].Min():F0}) | {Median(cpu[variant.Name]):F0} ({cpu[variant.Name].Min():F0}) " +
                    $"| {1e9 / Median(wall[variant.Name]):F0} | {Median(wall[baseline]) / Median(wall[variant.Name]):F3} | {Median(cpu[baseline]) / Median(cpu[variant.Name]):F3} |");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Variant(string Name, string? Baseline, Action Run);

    private static List<Variant> Variants(string directory, int records)
    {
        var catalog = Path.Combine(directory, "catalog.json");
        File.WriteAllText(catalog, """
            {"streams":[{"stream":{"name":"users","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"]},
             "sync_mode":"full_refresh","destination_sync_mode":"append"}]}
            """);
        var fakerConfig = Path.Combine(directory, "faker.json");
        File.WriteAllText(fakerConfig, $$"""{"count":{{records}},"seed":0,"records_per_slice":1000,"always_updated":true}""");
        var replayConfig = Path.Combine(directory, "replay.json");
        File.WriteAllText(replayConfig, $$"""{"count":{{records}}}""");
        var io = new HostIO(Stream.Null, TextWriter.Null, Stream.Null);

        var made = new FakeData(0, DateTimeOffset.UnixEpoch);
        var users = new User[1000];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = made.User(i + 1);
        }
        ReplaySource.Replayed = users;

        return
        [
            new("faker hand-written", null, () =>
            {
                var data = new FakeData(0, DateTimeOffset.UtcNow);
                var lines = new UserRecordLines(Stream.Null);
                for (long id = 1; id <= records; id++)
                {
                    lines.Write(data.User(id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }
                lines.Flush();
            }),
            new("faker generated", "faker hand-written", () => Read(Descriptor<FakerSource>(), ["read", "--config", fakerConfig, "--catalog", catalog], io)),
            new("replay hand-written", null, () =>
            {
                var lines = new UserRecordLines(Stream.Null);
                for (var i = 0; i < records; i++)
                {
                    lines.Write(users[i % users.Length], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }
                lines.Flush();
            }),
            new("replay generated", "replay hand-written", () => Read(Descriptor<ReplaySource>(), ["read", "--config", replayConfig, "--catalog", catalog], io)),
        ];
    }

    private static void Read<T>(ConnectorDescriptor<T> descriptor, string[] args, HostIO io) where T : class
    {
        var exitCode = ConnectorHost.RunAsync(descriptor, args, io).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"read exited with {exitCode}");
        }
    }

    private static ConnectorDescriptor<T> Descriptor<T>() where T : class, IConnector<T> => T.Descriptor;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
