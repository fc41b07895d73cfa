using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// Full syncs, <c>source-faker read | destination write</c>, into a real database: every record stored with its values,
/// every state echoed unchanged (the platform's <c>id</c> included) with its destinationStats, each sync mode, and a
/// destination killed mid-stream that acknowledged nothing it had not stored. Run against SQLite and PostgreSQL.
/// </summary>
public abstract class DestinationSyncTests
{
    private static readonly string[] Streams = ["users", "products", "purchases"];

    /// <summary>A new, empty database for one test.</summary>
    protected abstract DestinationDatabase NewDatabase();

    // always_updated = false: the records are a pure function of the seed, so a re-read yields the same rows.
    private static string FakerConfig(int count, int seed) =>
        TestFiles.Json("faker-config", new { count, seed, records_per_slice = 25, always_updated = false });

    [Fact]
    public async Task A_sync_stores_every_record_and_echoes_every_state_in_order_with_its_count()
    {
        var database = NewDatabase();
        var sync = await SyncAsync(database, "append", FakerConfig(60, 3));

        await AssertTablesHoldAsync(database, sync.Source);
        Assert.True(sync.Source.States().Count > Streams.Length, "the source checkpoints within streams");
        Pipe.AssertStatesEchoed(sync.Input, sync.Destination);
    }

    [Fact]
    public async Task Records_of_every_stream_buffered_before_one_state_are_all_stored_and_counted()
    {
        var database = NewDatabase();
        var source = await Connector.Faker.RunAsync(await ReadArgsAsync(FakerConfig(60, 13), null));
        // The states held back to the end: at the first one every stream has records waiting, written in one transaction.
        var input = source.Lines.Where(line => !Pipe.IsState(line)).Concat(source.Lines.Where(Pipe.IsState)).Select(Pipe.NumberStates()).ToList();
        var catalog = await Connector.Faker.WriteCatalogAsync("incremental", "append");

        var run = await Pipe.WriteAsync(database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], input);

        Assert.True(run.ExitCode == 0, run.Describe());
        await AssertTablesHoldAsync(database, source);
        Pipe.AssertStatesEchoed(input, run);
    }

    [Fact]
    public async Task Append_adds_every_sync_s_records_to_the_rows_already_there()
    {
        var database = NewDatabase();
        var first = await SyncAsync(database, "append", FakerConfig(30, 4));
        var second = await SyncAsync(database, "append", FakerConfig(30, 4));

        var users = await database.RowsAsync("users");
        Assert.Equal(first.Source.Records("users").Count + second.Source.Records("users").Count, users.Count);
        Assert.All(users.GroupBy(u => u.Id), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Overwrite_keeps_the_old_rows_visible_until_the_new_data_is_complete()
    {
        var database = NewDatabase();
        var old = await SyncAsync(database, "overwrite", FakerConfig(40, 5));
        var replacement = await Connector.Faker.RunAsync(await ReadArgsAsync(FakerConfig(70, 6), null));
        var input = replacement.Lines.Select(Pipe.NumberStates()).ToList();
        var catalog = await Connector.Faker.WriteCatalogAsync("incremental", "overwrite");

        await using var writer = await database.Connector.StartAsync(["write", "--config", await database.ConfigAsync(), "--catalog", catalog], keepStdin: true);
        var secondState = input.Select((line, i) => (line, i)).Where(x => Pipe.IsState(x.line)).ElementAt(1).i;
        foreach (var line in input.Take(secondState + 1))
        {
            await writer.Stdin.WriteLineAsync(line);
        }
        await writer.Stdin.FlushAsync();
        await writer.WaitForLinesAsync(Pipe.IsState, 2, "the echo of the second state");

        // Two checkpoints of the new data are committed, yet readers still see the old table.
        DestinationDatabase.AssertRowsAre(await database.RowsAsync("users"), old.Source.Records("users"), "users");

        foreach (var line in input.Skip(secondState + 1))
        {
            await writer.Stdin.WriteLineAsync(line);
        }
        writer.Stdin.Close();
        var run = await writer.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, run.Describe());
        await AssertTablesHoldAsync(database, replacement);
        Pipe.AssertStatesEchoed(input, run);
    }

    [Fact]
    public async Task Append_dedup_keeps_one_row_per_key_and_a_retry_of_the_same_input_yields_the_same_rows()
    {
        var database = NewDatabase();
        var sync = await SyncAsync(database, "append_dedup", FakerConfig(50, 7));
        await AssertTablesHoldAsync(database, sync.Source);
        var before = await DataAsync(database);

        var catalog = await Connector.Faker.WriteCatalogAsync("incremental", "append_dedup");
        var retry = await Pipe.WriteAsync(database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], sync.Input);

        Assert.True(retry.ExitCode == 0, retry.Describe());
        Pipe.AssertStatesEchoed(sync.Input, retry);
        Assert.Equal(before, await DataAsync(database));
    }

    [Fact]
    public async Task A_destination_killed_mid_stream_acknowledged_only_stored_records_and_a_rerun_from_its_last_state_converges()
    {
        var database = NewDatabase();
        var fakerConfig = FakerConfig(120, 8);
        var full = await Connector.Faker.RunAsync(await ReadArgsAsync(fakerConfig, null));
        var input = full.Lines.Select(Pipe.NumberStates()).ToList();
        var catalog = await Connector.Faker.WriteCatalogAsync("incremental", "append_dedup");
        var writeArgs = new[] { "write", "--config", await database.ConfigAsync(), "--catalog", catalog };

        // Three states go in and are echoed; then half of the next checkpoint's records, and the process is killed.
        var states = input.Select((line, i) => (line, i)).Where(x => Pipe.IsState(x.line)).Select(x => x.i).ToList();
        var cut = (states[2] + states[3]) / 2;
        ConnectorRun killed;
        await using (var writer = await database.Connector.StartAsync(writeArgs, keepStdin: true))
        {
            foreach (var line in input.Take(cut))
            {
                await writer.Stdin.WriteLineAsync(line);
            }
            await writer.Stdin.FlushAsync();
            await writer.WaitForLinesAsync(Pipe.IsState, 3, "the echo of the third state");
            await writer.KillAsync();
            killed = await writer.WaitForExitAsync();
        }

        var echoed = killed.Lines.Where(Pipe.IsState).ToList();
        Assert.Equal(3, echoed.Count);
        foreach (var stream in Streams)
        {
            var acknowledged = Pipe.RecordsBefore(input, echoed.Count, stream).Select(ReadAssertions.Id);
            var stored = (await database.RowsAsync(stream)).Select(r => r.Id).ToHashSet();
            Assert.All(acknowledged, id => Assert.True(stored.Contains(id), $"{stream} {id} was acknowledged but is not stored"));
        }

        // The platform retries from the last state it got back for each stream.
        var lastStates = echoed.Select(line => JsonSerializer.Deserialize<JsonElement>(line).GetProperty("state"))
            .GroupBy(s => s.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString()).Select(g => g.Last());
        var rerun = await Pipe.RunAsync(Connector.Faker, await ReadArgsAsync(fakerConfig, ReadAssertions.StateFile(lastStates)),
            database.Connector, writeArgs, Pipe.NumberStates());
        Assert.True(rerun.Destination.ExitCode == 0, rerun.Destination.Describe());
        foreach (var stream in Streams)
        {
            DestinationDatabase.AssertRowsAre(await database.RowsAsync(stream), full.Records(stream), stream, extractedAt: false);
        }
    }

    [Fact]
    public async Task An_overwrite_killed_mid_stream_leaves_the_old_rows_and_a_retry_from_its_last_state_completes_the_new_data()
    {
        var database = NewDatabase();
        var old = await SyncAsync(database, "overwrite", FakerConfig(40, 10));
        var fakerConfig = FakerConfig(70, 11);
        var replacement = await Connector.Faker.RunAsync(await ReadArgsAsync(fakerConfig, null));
        var input = replacement.Lines.Select(Pipe.NumberStates()).ToList();
        // A generation lets the retry resume into the staging table the killed attempt committed to.
        var catalog = TestFiles.EditCatalog(await Connector.Faker.WriteCatalogAsync("incremental", "overwrite"), stream => stream["generation_id"] = 2);
        var writeArgs = new[] { "write", "--config", await database.ConfigAsync(), "--catalog", catalog };

        ConnectorRun killed;
        await using (var writer = await database.Connector.StartAsync(writeArgs, keepStdin: true))
        {
            var thirdState = input.Select((line, i) => (line, i)).Where(x => Pipe.IsState(x.line)).ElementAt(2).i;
            foreach (var line in input.Take(thirdState))
            {
                await writer.Stdin.WriteLineAsync(line);
            }
            await writer.Stdin.FlushAsync();
            await writer.WaitForLinesAsync(Pipe.IsState, 2, "the echo of the second state");
            await writer.KillAsync();
            killed = await writer.WaitForExitAsync();
        }
        DestinationDatabase.AssertRowsAre(await database.RowsAsync("users"), old.Source.Records("users"), "users");

        var lastStates = killed.Lines.Where(Pipe.IsState).Select(line => JsonSerializer.Deserialize<JsonElement>(line).GetProperty("state"));
        var retry = await Pipe.RunAsync(Connector.Faker, await ReadArgsAsync(fakerConfig, ReadAssertions.StateFile(lastStates)),
            database.Connector, writeArgs, Pipe.NumberStates());
        Assert.True(retry.Destination.ExitCode == 0, retry.Destination.Describe());
        // The retry re-reads only what came after the acknowledged states; the rest must come from the killed attempt.
        Assert.True(retry.Source.Records("users").Count < replacement.Records("users").Count);
        foreach (var stream in Streams)
        {
            DestinationDatabase.AssertRowsAre(await database.RowsAsync(stream), replacement.Records(stream), stream, extractedAt: false);
        }
    }

    [Fact]
    public async Task A_schema_with_new_fields_adds_columns_and_keeps_the_rows_already_there()
    {
        var database = NewDatabase();
        var fakerConfig = FakerConfig(20, 12);
        var full = await Connector.Faker.WriteCatalogAsync("incremental", "append", "users");
        var narrow = TestFiles.EditCatalog(full, stream => stream["stream"]!["json_schema"]!["properties"]!.AsObject().Remove("email"));
        var first = await SyncWithCatalogAsync(database, narrow, fakerConfig);
        Assert.DoesNotContain("email", (await database.RowsAsync("users"))[0].Keys);

        var second = await SyncWithCatalogAsync(database, full, fakerConfig);

        var rows = await database.RowsAsync("users");
        Assert.Equal(first.Source.Records("users").Count * 2, rows.Count);
        Assert.Equal(first.Source.Records("users").Count, rows.Count(r => r["email"] is DBNull));
        Assert.Equal(second.Source.Records("users").Select(r => r.GetProperty("data").GetProperty("email").GetString()).Order(),
            rows.Where(r => r["email"] is not DBNull).Select(r => (string)r["email"]).Order());
    }

    private static async Task<string[]> ReadArgsAsync(string fakerConfig, string? stateFile)
    {
        var catalog = await Connector.Faker.CatalogAsync("incremental");
        return stateFile is null
            ? ["read", "--config", fakerConfig, "--catalog", catalog]
            : ["read", "--config", fakerConfig, "--catalog", catalog, "--state", stateFile];
    }

    private static async Task<Pipe.Sync> SyncAsync(DestinationDatabase database, string destinationSyncMode, string fakerConfig) =>
        await SyncWithCatalogAsync(database, await Connector.Faker.WriteCatalogAsync("incremental", destinationSyncMode), fakerConfig);

    private static async Task<Pipe.Sync> SyncWithCatalogAsync(DestinationDatabase database, string catalog, string fakerConfig)
    {
        var sync = await Pipe.RunAsync(Connector.Faker, ["read", "--config", fakerConfig, "--catalog", catalog],
            database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], Pipe.NumberStates());
        Assert.True(sync.Source.ExitCode == 0, sync.Source.Describe());
        Assert.True(sync.Destination.ExitCode == 0, sync.Destination.Describe());
        return sync;
    }

    private static async Task AssertTablesHoldAsync(DestinationDatabase database, ConnectorRun source)
    {
        foreach (var stream in Streams)
        {
            Assert.NotEmpty(source.Records(stream));
            DestinationDatabase.AssertRowsAre(await database.RowsAsync(stream), source.Records(stream), stream);
        }
    }

    private static async Task<List<IReadOnlyList<string>>> DataAsync(DestinationDatabase database)
    {
        var data = new List<IReadOnlyList<string>>();
        foreach (var stream in Streams)
        {
            data.Add(DestinationDatabase.DataOf(await database.RowsAsync(stream)));
        }
        return data;
    }
}

/// <summary>The sync tests into the SQLite sample: a file of its own per test.</summary>
public sealed class SqliteSyncTests : DestinationSyncTests
{
    protected override DestinationDatabase NewDatabase() => new SqliteDatabase();
}

/// <summary>The sync tests into the PostgreSQL sample on the run's throwaway cluster: a database of its own per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSyncTests(PostgresCluster cluster) : DestinationSyncTests
{
    protected override DestinationDatabase NewDatabase() => new PostgresDatabase(cluster);
}
