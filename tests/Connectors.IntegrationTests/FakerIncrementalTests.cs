using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Infrastructure.ReadAssertions;

namespace Connectors.IntegrationTests;

/// <summary>
/// Incremental reads of the Faker sample, as Airbyte's acceptance tests drive them: states fed back, a state from the
/// future, and resuming from checkpoints in the middle of a stream without losing a record.
/// </summary>
public class FakerIncrementalTests
{
    private static readonly string[] Streams = ["users", "products", "purchases"];

    // Pure function of the seed, so a read from a final state has nothing new; 40 users per checkpoint.
    private static readonly string Config = TestFiles.Json("config", new { count = 400, seed = 11, records_per_slice = 40, always_updated = false });

    [Fact]
    public async Task Reading_again_from_the_final_states_emits_no_record_and_a_state_per_stream()
    {
        var catalog = await Connector.Faker.CatalogAsync("incremental");
        var first = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog);
        Assert.True(first.ExitCode == 0, first.Describe());
        CompleteAndCheckpointed(first, Streams);
        Assert.All(Streams, s => Assert.NotEmpty(first.Records(s)));

        var second = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog, "--state", StateFile(FinalStates(first)));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Empty(second.Records());
        CompleteAndCheckpointed(second, Streams);
        foreach (var stream in Streams)
        {
            // The cursor neither moves back nor jumps ahead when nothing new arrived.
            Assert.Equal(StreamState(first.States(stream).Last()), StreamState(second.States(stream).Last()));
        }
    }

    public enum StateShape
    {
        StreamStates,
        WrappedInAirbyteMessages,
        GlobalState,
        LegacyObject,
    }

    [Theory]
    [InlineData(StateShape.StreamStates)]
    [InlineData(StateShape.WrappedInAirbyteMessages)]
    [InlineData(StateShape.GlobalState)]
    [InlineData(StateShape.LegacyObject)]
    public async Task Final_states_are_understood_in_every_shape_the_platform_passes_them(StateShape shape)
    {
        var catalog = await Connector.Faker.CatalogAsync("incremental", "users", "products");
        var first = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog);
        var finals = FinalStates(first).ToList();
        var streamStates = finals.Select(s => s.GetProperty("stream")).ToList();
        object state = shape switch
        {
            StateShape.StreamStates => finals,
            StateShape.WrappedInAirbyteMessages => finals.Select(s => new { type = "STATE", state = s }).ToArray(),
            StateShape.GlobalState => new[] { new { type = "GLOBAL", global = new { shared_state = new { }, stream_states = streamStates } } },
            _ => streamStates.ToDictionary(s => s.GetProperty("stream_descriptor").GetProperty("name").GetString()!, s => s.GetProperty("stream_state")),
        };

        var second = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog, "--state", TestFiles.Json("state", state));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.NotEmpty(first.Records());
        Assert.Empty(second.Records());
        CompleteAndCheckpointed(second, "users", "products");
    }

    [Fact]
    public async Task A_state_from_the_future_emits_no_record_and_a_state_per_stream()
    {
        var catalog = await Connector.Faker.CatalogAsync("incremental");
        var future = StateFile(Streams.Select(stream => JsonSerializer.SerializeToElement(new
        {
            type = "STREAM",
            stream = new { stream_descriptor = new { name = stream }, stream_state = new { updated_at = "2999-12-31T23:59:59+00:00" } },
        })));

        var run = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog, "--state", future);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Records());
        CompleteAndCheckpointed(run, Streams);
        Assert.All(Streams, s => Assert.StartsWith("2999-12-31T23:59:59", run.States(s).Last().GetProperty("stream").GetProperty("stream_state").GetProperty("updated_at").GetString()));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("purchases")]
    public async Task Resuming_from_a_mid_stream_checkpoint_loses_no_record(string stream)
    {
        var catalog = await Connector.Faker.CatalogAsync("incremental", stream);
        var full = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog);
        Assert.True(full.ExitCode == 0, full.Describe());
        var allIds = full.Records(stream).Select(Id).ToHashSet();
        var checkpoints = Checkpoints(full, stream);
        Assert.True(checkpoints.Count >= 4, $"expected mid-stream checkpoints every 40 records\n{full.Describe()}");

        // Like the acceptance tests: a few checkpoints, neither the first nor the last.
        var sampled = new[] { 1, checkpoints.Count / 2, checkpoints.Count - 2 };
        var resumed = await Task.WhenAll(sampled.Select(k =>
            Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog, "--state", StateFile([checkpoints[k].State]))));

        for (var i = 0; i < sampled.Length; i++)
        {
            var checkpoint = checkpoints[sampled[i]];
            var run = resumed[i];
            Assert.True(run.ExitCode == 0, run.Describe());
            var after = run.Records(stream).Select(Id).ToList();
            Assert.True(after.Count >= allIds.Count - checkpoint.CumulativeCount,
                $"resuming from checkpoint {sampled[i]} (covering {checkpoint.CumulativeCount} of {allIds.Count} records) read only {after.Count}");
            Assert.Equal(allIds.Order(), checkpoint.IdsBefore.Union(after).Order());
        }
    }

    [Fact]
    public async Task With_always_updated_a_second_read_emits_every_record_again_with_newer_cursors()
    {
        var config = TestFiles.Json("config", new { count = 25, seed = 11, always_updated = true });
        var catalog = await Connector.Faker.CatalogAsync("incremental");
        var first = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        var second = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog, "--state", StateFile(FinalStates(first)));

        Assert.True(second.ExitCode == 0, second.Describe());
        CompleteAndCheckpointed(second, Streams);
        foreach (var stream in Streams)
        {
            Assert.Equal(first.Records(stream).Select(Id), second.Records(stream).Select(Id));
            var previous = first.States(stream).Last().GetProperty("stream").GetProperty("stream_state").GetProperty("updated_at").GetDateTimeOffset();
            Assert.All(second.Records(stream), r => Assert.True(r.GetProperty("data").GetProperty("updated_at").GetDateTimeOffset() > previous));
        }
    }

    [Fact]
    public async Task Every_state_cursor_is_written_exactly_as_the_record_value_it_was_taken_from()
    {
        // always_updated: updated_at comes from the clock, whose 100 ns ticks records are written without.
        var config = TestFiles.Json("config", new { count = 25, seed = 11, records_per_slice = 10, always_updated = true });
        var catalog = await Connector.Faker.CatalogAsync("incremental");

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var stream in Streams)
        {
            var values = run.Records(stream).Select(r => r.GetProperty("data").GetProperty("updated_at").GetString()).ToList();
            var cursors = run.States(stream).Select(s => s.GetProperty("stream").GetProperty("stream_state").GetProperty("updated_at").GetString()).ToList();
            Assert.True(cursors.Count > 1, $"{stream} has no mid-stream checkpoint");
            Assert.All(cursors, cursor => Assert.Contains(cursor, values));
            Assert.Equal(values[^1], cursors[^1]);
        }
    }

    private static string StreamState(JsonElement state) => state.GetProperty("stream").GetProperty("stream_state").GetRawText();

    /// <summary>A stream's states in order, each with the ids emitted before it and the record counts up to it.</summary>
    private static List<(JsonElement State, HashSet<long> IdsBefore, double CumulativeCount)> Checkpoints(ConnectorRun run, string stream)
    {
        var checkpoints = new List<(JsonElement, HashSet<long>, double)>();
        var ids = new HashSet<long>();
        var cumulative = 0.0;
        foreach (var message in run.Messages)
        {
            var type = message.GetProperty("type").GetString();
            if (type == "RECORD" && message.GetProperty("record").GetProperty("stream").GetString() == stream)
            {
                ids.Add(Id(message.GetProperty("record")));
            }
            else if (type == "STATE" && message.GetProperty("state").GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
            {
                var state = message.GetProperty("state");
                cumulative += state.GetProperty("sourceStats").GetProperty("recordCount").GetDouble();
                checkpoints.Add((state, ids.ToHashSet(), cumulative));
            }
        }
        return checkpoints;
    }
}
