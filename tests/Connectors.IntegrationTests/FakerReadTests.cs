using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Infrastructure.ReadAssertions;

namespace Connectors.IntegrationTests;

/// <summary>Full-refresh reads of the Faker sample: the records the config asks for, statuses, states, timestamps, determinism.</summary>
public class FakerReadTests
{
    private static readonly string[] Streams = ["users", "products", "purchases"];

    [Fact]
    public async Task Full_refresh_with_the_sample_config_reads_every_stream_completely()
    {
        var config = Path.Combine(Connector.Faker.OutputDirectory, "config.json");
        var count = JsonDocument.Parse(File.ReadAllText(config)).RootElement.GetProperty("count").GetInt32();
        var catalog = await Connector.Faker.CatalogAsync("full_refresh");

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), run.Records("users").Select(Id).Order());
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), run.Records("products").Select(Id).Order());
        var purchases = run.Records("purchases").Select(r => r.GetProperty("data")).ToList();
        Assert.NotEmpty(purchases);
        Assert.Equal(Enumerable.Range(1, purchases.Count).Select(i => (long)i), purchases.Select(p => p.GetProperty("id").GetInt64()).Order());
        Assert.All(purchases, p => Assert.InRange(p.GetProperty("user_id").GetInt64(), 1, count));
        Assert.All(purchases, p => Assert.InRange(p.GetProperty("product_id").GetInt64(), 1, 100));
        CompleteAndCheckpointed(run, Streams);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task Every_field_of_every_stream_schema_has_a_value_in_some_record()
    {
        var config = TestFiles.Json("config", new { count = 200, seed = 4 });
        var catalog = await Connector.Faker.CatalogAsync("full_refresh");
        var discovered = (await Connector.Faker.DiscoverAsync()).Catalog;

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var stream in discovered.GetProperty("streams").EnumerateArray())
        {
            var name = stream.GetProperty("name").GetString()!;
            var records = run.Records(name).Select(r => r.GetProperty("data")).ToList();
            foreach (var field in stream.GetProperty("json_schema").GetProperty("properties").EnumerateObject())
            {
                Assert.True(records.Any(r => r.TryGetProperty(field.Name, out var value) && value.ValueKind != JsonValueKind.Null),
                    $"no record of {name} has a value for {field.Name}");
            }
        }
    }

    [Fact]
    public async Task Sequential_reads_stamp_records_with_increasing_wall_clock_milliseconds()
    {
        var config = TestFiles.Json("config", new { count = 20, seed = 2 });
        var catalog = await Connector.Faker.CatalogAsync("full_refresh");

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var first = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);
        var second = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var firstStamps = first.Records().Select(r => r.GetProperty("emitted_at").GetInt64()).ToList();
        var secondStamps = second.Records().Select(r => r.GetProperty("emitted_at").GetInt64()).ToList();
        Assert.NotEmpty(firstStamps);
        Assert.True(firstStamps.Max() < secondStamps.Min(), $"read 1 ends at {firstStamps.Max()}, read 2 starts at {secondStamps.Min()}");
        // Milliseconds of the wall clock, for records and traces alike (not seconds, not ticks).
        var traceStamps = first.OfType("TRACE").Concat(second.OfType("TRACE")).Select(t => t.GetProperty("trace").GetProperty("emitted_at").GetDouble());
        Assert.All(firstStamps.Concat(secondStamps), stamp => Assert.InRange(stamp, before, after));
        Assert.All(traceStamps, stamp => Assert.InRange(stamp, before, after));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_records_and_another_seed_other_records()
    {
        var catalog = await Connector.Faker.CatalogAsync("full_refresh");
        var seed5 = TestFiles.Json("config", new { count = 30, seed = 5, always_updated = false });
        var seed6 = TestFiles.Json("config", new { count = 30, seed = 6, always_updated = false });

        var runs = await Task.WhenAll(
            Connector.Faker.RunAsync("read", "--config", seed5, "--catalog", catalog),
            Connector.Faker.RunAsync("read", "--config", seed5, "--catalog", catalog),
            Connector.Faker.RunAsync("read", "--config", seed6, "--catalog", catalog));

        var data = runs.Select(run => run.Records().Select(r => r.GetProperty("stream").GetString() + " " + r.GetProperty("data").GetRawText()).ToList()).ToList();
        Assert.NotEmpty(data[0]);
        Assert.Equal(data[0], data[1]);
        Assert.NotEqual(data[0].Where(d => d.StartsWith("users", StringComparison.Ordinal)), data[2].Where(d => d.StartsWith("users", StringComparison.Ordinal)));
    }
}
