using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// A destination killed with SIGKILL at 30 seeded points of a sync with many checkpoints, each attempt resuming from the
/// last states the killed ones echoed (as the platform retries), then a last attempt run to its end: no acknowledged
/// record is ever missing, the stream that replaces its data shows its old rows or its complete new ones and never a mix,
/// the database passes its integrity check (SQLite, which the killed process writes itself: after every kill), and at the
/// end every key is stored exactly once with its newest values (append_dedup).
/// </summary>
public abstract class DestinationKillLoopTests
{
    private const int Kills = 30;

    private static readonly string[] Streams = ["users", "products", "purchases"];

    /// <summary>A new, empty database for one test.</summary>
    protected abstract DestinationDatabase NewDatabase();

    /// <summary>The seed of the kill points.</summary>
    protected abstract int Seed { get; }

    private static string FakerConfig(int count, int seed) =>
        TestFiles.Json("faker-config", new { count, seed, records_per_slice = 5, always_updated = false });

    [Fact]
    public async Task Thirty_SIGKILLs_and_resumes_from_the_echoed_states_lose_and_duplicate_no_key_and_leave_the_database_intact()
    {
        var database = NewDatabase();
        // The products of an earlier sync (generation 1), which this sync (generation 2) replaces once complete.
        var productsOnly = TestFiles.EditCatalog(await Connector.Faker.WriteCatalogAsync("incremental", "overwrite", "products"), stream =>
        {
            stream["generation_id"] = 1;
            stream["minimum_generation_id"] = 1;
            stream["sync_id"] = 201;
        });
        var old = await Pipe.RunAsync(Connector.Faker, ["read", "--config", FakerConfig(10, 41), "--catalog", productsOnly],
            database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", productsOnly]);
        Assert.True(old.Destination.ExitCode == 0, old.Destination.Describe());

        var full = await Connector.Faker.RunAsync(["read", "--config", FakerConfig(120, 42), "--catalog", await Connector.Faker.CatalogAsync("incremental")]);
        var input = full.Lines.Select(Pipe.NumberStates()).ToList();
        Assert.True(input.Count(Pipe.IsState) >= 50, "many checkpoints");
        // All append_dedup, of sync generation 2; products also replaces every older generation (Airbyte's "overwrite +
        // deduped"): it is staged and swapped in once complete, and deduplicated so that records a killed attempt
        // committed but never acknowledged are not stored twice when the retry sends them again.
        var catalog = TestFiles.EditCatalog(await Connector.Faker.WriteCatalogAsync("incremental", "append_dedup"), stream =>
        {
            stream["generation_id"] = 2;
            stream["minimum_generation_id"] = stream["stream"]!["name"]!.GetValue<string>() == "products" ? 2 : 0;
            stream["sync_id"] = 202;
        });
        string[] writeArgs = ["write", "--config", await database.ConfigAsync(), "--catalog", catalog];

        // The kill points: 30 distinct checkpoints of the whole input, in order, each with a way to die near it.
        var random = new Random(Seed);
        var points = Enumerable.Range(1, input.Count(Pipe.IsState)).OrderBy(_ => random.Next()).Take(Kills).Order()
            .Select(state => (State: state, Moment: (Moment)random.Next(3), DelayMs: random.Next(0, 10))).ToList();
        var acknowledged = new Dictionary<string, int>();
        foreach (var point in points)
        {
            var attempt = Resume(input, acknowledged);
            var killed = await KillAsync(database.Connector, writeArgs, attempt, point.State, point.Moment, point.DelayMs, random);
            Assert.True(killed.ExitCode == 137, killed.Describe());
            foreach (var echo in killed.Lines.Where(Pipe.IsState))
            {
                var state = JsonSerializer.Deserialize<JsonElement>(echo).GetProperty("state");
                acknowledged[state.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString()!] = state.GetProperty("id").GetInt32();
            }
            var when = $"killed {point.Moment} checkpoint {point.State} (+{point.DelayMs} ms)";
            await AssertNothingAcknowledgedIsMissingAsync(database, input, acknowledged, full.Records("products"), when);
            await AssertOldOrNewAsync(database, old.Source.Records("products"), full.Records("products"), when);
            if (database.WrittenInProcess)
            {
                await database.AssertIntactAsync();
            }
        }

        var last = await Pipe.WriteAsync(database.Connector, writeArgs, Resume(input, acknowledged));

        Assert.True(last.ExitCode == 0, last.Describe());
        foreach (var stream in Streams)
        {
            // One row per key, each with the values of its newest record: nothing lost, nothing twice.
            var rows = await database.RowsAsync(stream);
            Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
            DestinationDatabase.AssertRowsAre(rows, Newest(full.Records(stream)), stream, extractedAt: false);
        }
        await database.AssertIntactAsync();
    }

    /// <summary>Where near its checkpoint an attempt dies.</summary>
    private enum Moment
    {
        /// <summary>Among the records before the checkpoint: buffered or written, not committed.</summary>
        BeforeTheState,

        /// <summary>Right after the state arrives: while it commits, or echoes, or just after.</summary>
        AtTheState,

        /// <summary>Once the state is echoed, waiting for more input.</summary>
        AfterTheEcho,
    }

    /// <summary>
    /// Runs one attempt over <paramref name="attempt"/> and kills it with SIGKILL near the input's checkpoint
    /// <paramref name="state"/> (the first one at or after it that the attempt still sends; the end of its input if none).
    /// </summary>
    private static async Task<ConnectorRun> KillAsync(Connector destination, IReadOnlyList<string> writeArgs, IReadOnlyList<string> attempt, int state,
        Moment moment, int delayMs, Random random)
    {
        var at = attempt.Select((line, i) => (line, i)).Where(x => Pipe.IsState(x.line) && StateId(x.line) >= state).Select(x => x.i).DefaultIfEmpty(attempt.Count - 1).First();
        var written = moment == Moment.BeforeTheState ? Math.Max(0, at - random.Next(0, 4)) : at + 1;
        var echoes = attempt.Take(written).Count(Pipe.IsState) - (moment == Moment.AtTheState && Pipe.IsState(attempt[at]) ? 1 : 0);
        await using var writer = await destination.StartAsync(writeArgs, keepStdin: true);
        foreach (var line in attempt.Take(written))
        {
            await writer.Stdin.WriteLineAsync(line);
        }
        await writer.Stdin.FlushAsync();
        await writer.WaitForLinesAsync(Pipe.IsState, echoes, $"{echoes} echoed states");
        await Task.Delay(delayMs);
        await writer.KillAsync();
        return await writer.WaitForExitAsync();
    }

    private static int StateId(string line) => JsonSerializer.Deserialize<JsonElement>(line).GetProperty("state").GetProperty("id").GetInt32();

    /// <summary>
    /// What a source resuming from the acknowledged states (the <c>id</c> of each stream's last echoed state) sends: every
    /// stream's records and states after its state, and all statuses and logs.
    /// </summary>
    private static List<string> Resume(IReadOnlyList<string> input, IReadOnlyDictionary<string, int> acknowledged)
    {
        var resumeAfter = new Dictionary<string, int>();
        var states = 0;
        for (var i = 0; i < input.Count; i++)
        {
            if (!Pipe.IsState(input[i]))
            {
                continue;
            }
            states++;
            var stream = Pipe.StreamOf(input[i]);
            if (acknowledged.TryGetValue(stream, out var id) && id == states)
            {
                resumeAfter[stream] = i;
            }
        }
        return input.Where((line, i) => !(Pipe.IsRecord(line) || Pipe.IsState(line)) || i > resumeAfter.GetValueOrDefault(Pipe.StreamOf(line), -1)).ToList();
    }

    /// <summary>
    /// Every acknowledged record is stored: in its table, or, for products until it is swapped in, in its staging table
    /// (where the retry resumes).
    /// </summary>
    private static async Task AssertNothingAcknowledgedIsMissingAsync(DestinationDatabase database, IReadOnlyList<string> input,
        IReadOnlyDictionary<string, int> acknowledged, IReadOnlyList<JsonElement> newProducts, string when)
    {
        foreach (var stream in Streams)
        {
            if (!acknowledged.TryGetValue(stream, out var id))
            {
                continue;
            }
            var rows = await database.RowsAsync(stream);
            if (stream == "products" && !Holds(rows, newProducts))
            {
                rows = await database.RowsAsync("_airbyte_tmp_products");
            }
            var stored = rows.Select(r => r.Id).ToHashSet();
            var covered = Newest(Pipe.RecordsBefore(input, id, stream)).Select(ReadAssertions.Id);
            Assert.All(covered, key => Assert.True(stored.Contains(key), $"{when}: {stream} {key} was acknowledged but is not stored"));
        }
    }

    /// <summary>The replaced stream shows exactly the old rows (not finalized yet) or exactly the new ones: never a mix.</summary>
    private static async Task AssertOldOrNewAsync(DestinationDatabase database, IReadOnlyList<JsonElement> oldRecords, IReadOnlyList<JsonElement> newRecords, string when)
    {
        var rows = await database.RowsAsync("products");
        Assert.True(Holds(rows, oldRecords) || Holds(rows, newRecords),
            $"{when}: products hold {rows.Count} rows, neither exactly the {oldRecords.Count} old nor the {newRecords.Count} new ones");
    }

    private static bool Holds(IReadOnlyList<Row> rows, IReadOnlyList<JsonElement> records)
    {
        try
        {
            DestinationDatabase.AssertRowsAre(rows, records, "products", extractedAt: false);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    /// <summary>The last record per key, in input order: what append_dedup keeps when cursors only grow.</summary>
    private static IReadOnlyList<JsonElement> Newest(IEnumerable<JsonElement> records) =>
        records.GroupBy(ReadAssertions.Id).Select(g => g.Last()).ToList();
}

/// <summary>The kill loop into the SQLite sample.</summary>
public sealed class SqliteKillLoopTests : DestinationKillLoopTests
{
    protected override DestinationDatabase NewDatabase() => new SqliteDatabase();

    protected override int Seed => 9001;
}

/// <summary>The kill loop into the PostgreSQL sample on the run's throwaway cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKillLoopTests(PostgresCluster cluster) : DestinationKillLoopTests
{
    protected override DestinationDatabase NewDatabase() => new PostgresDatabase(cluster);

    protected override int Seed => 9002;
}
