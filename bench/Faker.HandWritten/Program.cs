using System;
using System.IO;
using System.Text.Json;
using Faker;

namespace Faker.HandWritten;

/// <summary>
/// Writes the RECORD lines of the sample's <c>users</c> stream with a plain hand-written Utf8JsonWriter loop
/// (<see cref="UserRecordLines"/>), emitted_at read per record, and none of the SDK's runtime. No STATE, LOG or TRACE
/// lines: this is the floor bench/read-throughput.sh measures the generated connector against.
/// </summary>
/// <remarks>
/// Usage: <c>faker-handwritten --config config.json</c> (the sample's config: count, seed, always_updated), or
/// <c>faker-handwritten --noop</c> to measure bare .NET start-up.
/// </remarks>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--noop"])
        {
            // Starts the runtime and exits: the floor under any JIT-compiled connector's `spec` time.
            return 0;
        }
        if (args.Length != 2 || args[0] != "--config")
        {
            Console.Error.WriteLine("usage: faker-handwritten --config <config.json> | --noop");
            return 2;
        }
        var (count, seed, alwaysUpdated) = ReadConfig(args[1]);
        var data = new FakeData(seed, alwaysUpdated ? DateTimeOffset.UtcNow : null);

        using var stdout = Console.OpenStandardOutput();
        var lines = new UserRecordLines(stdout);
        for (long id = 1; id <= count; id++)
        {
            lines.Write(data.User(id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        lines.Flush();
        return 0;
    }

    private static (long Count, int Seed, bool AlwaysUpdated) ReadConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return (
            root.TryGetProperty("count", out var count) ? count.GetInt64() : 1000,
            root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            !root.TryGetProperty("always_updated", out var always) || always.GetBoolean());
    }
}
