using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// A destination replaces data only for a stream the source finished: after a complete sync, an input that is empty,
/// cut after its first state, cut and marked INCOMPLETE, or written by a source that fails mid-read, leaves every old
/// row in place (the write exits 1 with a TRACE ERROR); a complete input afterwards replaces them. For overwrite and for
/// a refresh (generations), into SQLite and PostgreSQL.
/// </summary>
public abstract class DestinationCompletionTests
{
    private static readonly string[] Streams = ["users", "products", "purchases"];

    /// <summary>A new, empty database for one test.</summary>
    protected abstract DestinationDatabase NewDatabase();

    private static string FakerConfig(int count, int seed) =>
        TestFiles.Json("faker-config", new { count, seed, records_per_slice = 10, always_updated = false });

    public static TheoryData<string> Replacements => new() { "overwrite", "refresh" };

    [Theory]
    [MemberData(nameof(Replacements))]
    public async Task An_input_that_does_not_complete_its_streams_keeps_every_old_row_and_a_complete_one_replaces_them(string replacement)
    {
        var database = NewDatabase();
        // A refresh: appended rows of generation 2 replace those of generation 1 (minimum_generation_id = generation_id).
        var old = await SyncAsync(database, await CatalogAsync(replacement, generation: 1), FakerConfig(40, 21));
        var newData = await Connector.Faker.RunAsync(["read", "--config", FakerConfig(60, 22), "--catalog", await Connector.Faker.CatalogAsync("incremental")]);
        var lines = newData.Lines.Select(Pipe.NumberStates()).ToList();
        var catalog = await CatalogAsync(replacement, generation: 2);
        var firstState = lines.FindIndex(Pipe.IsState);
        var cut = lines.Take(firstState + 1).ToList();

        var empty = await WriteAsync(database, catalog, []);
        await AssertOldRowsAsync(database, old, empty, "transient_error", "an empty input");

        var cutAfterFirstState = await WriteAsync(database, catalog, cut);
        await AssertOldRowsAsync(database, old, cutAfterFirstState, "transient_error", "an input cut after its first state");
        Assert.Single(cutAfterFirstState.Lines, Pipe.IsState);

        var markedIncomplete = await WriteAsync(database, catalog, cut.Concat(Streams.Select(s => Pipe.Status(s, "INCOMPLETE"))).ToList());
        await AssertOldRowsAsync(database, old, markedIncomplete, "system_error", "an input whose streams end INCOMPLETE");

        // A new sync (the next generation) that completes: now, and only now, the data is replaced.
        var complete = await WriteAsync(database, await CatalogAsync(replacement, generation: 3), lines);
        Assert.True(complete.ExitCode == 0, complete.Describe());
        Pipe.AssertStatesEchoed(lines, complete);
        foreach (var stream in Streams)
        {
            DestinationDatabase.AssertRowsAre(await database.RowsAsync(stream), newData.Records(stream), stream);
        }
    }

    [Fact]
    public async Task A_source_that_fails_mid_read_leaves_its_failed_stream_s_old_rows_and_its_complete_stream_is_replaced()
    {
        var database = NewDatabase();
        var catalog = await Connector.Kitchen.WriteCatalogAsync("incremental", "overwrite", "numbers", "failing");
        var old = await Pipe.RunAsync(Connector.Kitchen, ["read", "--config", KitchenConfig(records: 10, failAfter: 100), "--catalog", catalog],
            database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog]);
        Assert.True(old.Destination.ExitCode == 0, old.Destination.Describe());

        // 'failing' throws after 3 records: the source writes INCOMPLETE and a TRACE ERROR, and exits 1.
        var failed = await Pipe.RunAsync(Connector.Kitchen, ["read", "--config", KitchenConfig(records: 6, failAfter: 3), "--catalog", catalog],
            database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog]);

        Assert.Equal(1, failed.Source.ExitCode);
        Assert.True(failed.Destination.ExitCode == 1, failed.Destination.Describe());
        var error = Assert.Single(failed.Destination.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("These streams did not complete: failing (the source reported it INCOMPLETE", error.GetProperty("message").GetString());
        DestinationDatabase.AssertRowsAre(await database.RowsAsync("failing"), old.Source.Records("failing"), "failing");
        DestinationDatabase.AssertRowsAre(await database.RowsAsync("numbers"), failed.Source.Records("numbers"), "numbers");
        Assert.Equal(failed.Source.States().Count, failed.Destination.OfType("STATE").Count());
    }

    private static string KitchenConfig(int records, int failAfter) =>
        TestFiles.Json("kitchen-config", new { api_key = "kitchen-key", records, fail_after = failAfter });

    /// <summary>Overwrite; or an append refresh of the given generation that removes every older one.</summary>
    private static async Task<string> CatalogAsync(string replacement, long generation) =>
        replacement == "overwrite"
            ? await Connector.Faker.WriteCatalogAsync("incremental", "overwrite")
            : TestFiles.EditCatalog(await Connector.Faker.WriteCatalogAsync("incremental", "append"), stream =>
            {
                stream["generation_id"] = generation;
                stream["minimum_generation_id"] = generation;
                stream["sync_id"] = 100 + generation;
            });

    private static async Task<Pipe.Sync> SyncAsync(DestinationDatabase database, string catalog, string fakerConfig)
    {
        var sync = await Pipe.RunAsync(Connector.Faker, ["read", "--config", fakerConfig, "--catalog", catalog],
            database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], Pipe.NumberStates());
        Assert.True(sync.Destination.ExitCode == 0, sync.Destination.Describe());
        return sync;
    }

    private static async Task<ConnectorRun> WriteAsync(DestinationDatabase database, string catalog, IReadOnlyList<string> input) =>
        await Pipe.WriteAsync(database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], input);

    /// <summary>The write failed with one TRACE ERROR of <paramref name="failureType"/>, and every table still holds exactly the old sync's rows.</summary>
    private static async Task AssertOldRowsAsync(DestinationDatabase database, Pipe.Sync old, ConnectorRun run, string failureType, string input)
    {
        Assert.True(run.ExitCode == 1, $"{input}: {run.Describe()}");
        Assert.Equal(failureType, Assert.Single(run.Errors).GetProperty("failure_type").GetString());
        Assert.Equal(Streams.Length, run.Logs.Count(l => l.GetProperty("level").GetString() == "WARN"
            && l.GetProperty("message").GetString()!.Contains("is not finalized", System.StringComparison.Ordinal)));
        foreach (var stream in Streams)
        {
            DestinationDatabase.AssertRowsAre(await database.RowsAsync(stream), old.Source.Records(stream), $"{stream} after {input}");
        }
    }
}

/// <summary>The completion tests into the SQLite sample.</summary>
public sealed class SqliteCompletionTests : DestinationCompletionTests
{
    protected override DestinationDatabase NewDatabase() => new SqliteDatabase();
}

/// <summary>The completion tests into the PostgreSQL sample on the run's throwaway cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCompletionTests(PostgresCluster cluster) : DestinationCompletionTests
{
    protected override DestinationDatabase NewDatabase() => new PostgresDatabase(cluster);
}
