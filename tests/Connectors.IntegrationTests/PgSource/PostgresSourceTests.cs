using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.PgSource;

/// <summary>
/// The PostgreSQL source (samples/Postgres.Source) as a process against the run's throwaway cluster: one stream per table
/// of the configured schemas, values of every common type read exactly, incremental reads after inserts and updates,
/// resumes from every checkpoint and after a kill that lose nothing, and clear check and state errors. Every stdout line
/// is validated against the Airbyte protocol schema, and every record against its discovered stream schema.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSourceTests(PostgresCluster cluster)
{
    private static string StateFile(JsonElement state) => TestFiles.Write("pg-state.json", "[" + state.GetRawText() + "]");

    private static JsonElement LastState(ConnectorRun run, string stream) => run.States(stream).Last();

    private static async Task<ConnectorRun> ReadAsync(Connector source, string config, string catalog, string? state = null)
    {
        var args = new List<string> { "read", "--config", config, "--catalog", catalog };
        if (state is not null)
        {
            args.AddRange(["--state", state]);
        }
        var run = await source.RunAsync([.. args]);
        Assert.True(run.ExitCode == 0, run.Describe());
        return run;
    }

    [Fact]
    public async Task Discover_finds_every_table_and_view_of_the_configured_schemas_with_keys_cursors_and_types()
    {
        var database = await SourceDatabase.CreateAsync(cluster);

        var catalog = (await database.Source().DiscoverAsync()).Catalog;

        var streams = catalog.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(new[] { "all_types", "big_orders", "lines", "orders" }, streams.Keys.Order(StringComparer.Ordinal));
        Assert.All(streams.Values, s => Assert.Equal("shop", s.GetProperty("namespace").GetString()));
        Assert.Equal("""[["order_id"],["line"]]""", streams["lines"].GetProperty("source_defined_primary_key").GetRawText());
        Assert.False(streams["big_orders"].TryGetProperty("source_defined_primary_key", out _));
        var orders = streams["orders"];
        Assert.Equal("""["updated_at"]""", orders.GetProperty("default_cursor_field").GetRawText());
        Assert.False(orders.GetProperty("source_defined_cursor").GetBoolean());
        Assert.Equal("""["full_refresh","incremental"]""", orders.GetProperty("supported_sync_modes").GetRawText());

        var types = streams["all_types"].GetProperty("json_schema").GetProperty("properties");
        string Of(string column) => types.GetProperty(column).GetRawText();
        Assert.Equal("""{"type":"integer"}""", Of("id"));
        Assert.Equal("""{"type":"integer"}""", Of("big"));
        Assert.Equal("""{"type":["integer","null"]}""", Of("small"));
        Assert.Equal("""{"type":["number","null"]}""", Of("exact"));
        Assert.Equal("""{"type":["boolean","null"]}""", Of("flag"));
        Assert.Equal("""{"type":["string","null"],"format":"uuid"}""", Of("key"));
        Assert.Equal("""{"type":["string","null"],"format":"date"}""", Of("day"));
        Assert.Equal("""{"type":["string","null"],"format":"date-time","airbyte_type":"timestamp_without_timezone"}""", Of("seen"));
        Assert.Equal("""{"type":["string","null"],"format":"date-time","airbyte_type":"timestamp_with_timezone"}""", Of("updated_at"));
        Assert.Equal("""{"type":["string","null"],"contentEncoding":"base64"}""", Of("raw"));
        Assert.Equal("""{"type":["array","null"],"items":{"type":["integer","null"]}}""", Of("scores"));
        Assert.Equal("""{"type":["string","null"]}""", Of("feeling"));
        Assert.Equal("{}", Of("tags"));
    }

    [Fact]
    public async Task A_full_refresh_reads_values_of_every_common_type_exactly()
    {
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.all_types VALUES (1, -32768, 9223372036854775807, 12345678901234.123456, 1.5, 0.1, true, 'héllo "quoted"\n', 'code', 'ab',
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29', '2024-05-01 12:34:56.789012', '2024-05-01 12:00:00+02', '13:45:00.5',
                '1 day 02:03:04', '{"a": [1, 2]}', '{"b": null}', '\x00ff10', '{1,NULL,3}', '{"x","y z"}', 'happy');
            INSERT INTO shop.all_types (id, big, ratio, exact) VALUES (2, 0, 'NaN', 'NaN');
            """);
        var source = database.Source();

        var run = await ReadAsync(source, database.ConfigFile(), await source.CatalogAsync("full_refresh", "all_types"));

        var records = run.Records("all_types").Select(r => r.GetProperty("data")).OrderBy(d => d.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(
            """{"id":1,"small":-32768,"big":9223372036854775807,"exact":12345678901234.123456,"ratio":1.5,"measure":0.1,"flag":true,"label":"h\u00E9llo \u0022quoted\u0022\\n","code":"code","fixed":"ab ","key":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","day":"2024-02-29","seen":"2024-05-01T12:34:56.789012","updated_at":"2024-05-01T10:00:00+00:00","opens":"13:45:00.5","span":"1 day 02:03:04","doc":{"a": [1, 2]},"tags":{"b": null},"raw":"AP8Q","scores":[1,null,3],"names":["x","y z"],"feeling":"happy"}""",
            records[0].GetRawText());
        Assert.Equal("héllo \"quoted\"\\n", records[0].GetProperty("label").GetString());
        Assert.Equal(12345678901234.123456m, records[0].GetProperty("exact").GetDecimal());
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("exact").ValueKind);
        Assert.Equal(JsonValueKind.Null, records[1].GetProperty("label").ValueKind);
        Assert.Equal(new[] { "STARTED", "RUNNING", "COMPLETE" }, run.Statuses("all_types"));
    }

    // Dates and timestamps are read in binary and formatted by the source: the text must be the server's own to_json.
    [Fact]
    public async Task Dates_and_timestamps_read_as_the_server_writes_them()
    {
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.all_types (id, big, day, seen, updated_at) VALUES
                (1, 0, '0001-01-01', '1999-12-31 23:59:59.999999', '1969-07-20 20:17:40.1+00'),
                (2, 0, '1600-02-29', '1900-02-28 00:00:00.01', '2000-01-01 00:00:00+00'),
                (3, 0, '2038-01-19', '2262-04-12 00:00:00.000001', '2106-02-07 06:28:15.5-01');
            """);
        var source = database.Source();

        var run = await ReadAsync(source, database.ConfigFile(), await source.CatalogAsync("full_refresh", "all_types"));

        var values = run.Records("all_types").Select(r => r.GetProperty("data")).OrderBy(d => d.GetProperty("id").GetInt32())
            .Select(d => $"{d.GetProperty("day").GetString()} {d.GetProperty("seen").GetString()} {d.GetProperty("updated_at").GetString()}");
        Assert.Equal(new[]
        {
            "0001-01-01 1999-12-31T23:59:59.999999 1969-07-20T20:17:40.1+00:00",
            "1600-02-29 1900-02-28T00:00:00.01 2000-01-01T00:00:00+00:00",
            "2038-01-19 2262-04-12T00:00:00.000001 2106-02-07T07:28:15.5+00:00",
        }, values);
    }

    [Fact]
    public async Task Only_the_selected_columns_are_read()
    {
        var database = await SourceDatabase.CreateAsync(cluster, "INSERT INTO shop.orders VALUES (1, now(), 5, 'n');");
        var stream = (await database.Source().DiscoverAsync()).Catalog.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "orders");
        var catalog = TestFiles.Json("pg-catalog", new
        {
            streams = new[]
            {
                new
                {
                    stream = new { name = "orders", @namespace = "shop", json_schema = new { type = "object", properties = new { id = new { type = "integer" }, note = new { type = "string" } } }, supported_sync_modes = new[] { "full_refresh" } },
                    sync_mode = "full_refresh",
                    destination_sync_mode = "append",
                },
            },
        });
        Assert.True(stream.GetProperty("json_schema").GetProperty("properties").TryGetProperty("amount", out _));

        var run = await ReadAsync(database.Source(), database.ConfigFile(), catalog);

        Assert.Equal("""{"id":1,"note":"n"}""", Assert.Single(run.Records("orders")).GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task An_incremental_read_after_inserts_and_updates_reads_what_changed_and_loses_nothing()
    {
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.orders SELECT i, '2024-01-01'::timestamptz + i * interval '1 hour', i, 'first' FROM generate_series(1, 50) i;
            """);
        var source = database.Source(checkpointRows: 7);
        var catalog = await source.CatalogAsync("incremental", "orders");

        var first = await ReadAsync(source, database.ConfigFile(checkpointRows: 7), catalog);
        Assert.Equal(Enumerable.Range(1, 50), first.Records("orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt32()));
        Assert.True(first.States("orders").Count >= 7, "a state at least every 7 rows");
        var final = LastState(first, "orders").GetProperty("stream").GetProperty("stream_state");
        Assert.Equal("updated_at", final.GetProperty("cursor_field").GetString());
        Assert.Equal("2024-01-03 02:00:00+00", final.GetProperty("cursor").GetString());

        await database.ExecuteAsync("""
            INSERT INTO shop.orders VALUES (51, '2024-01-03 02:00:00+00', 1, 'tie with the last one'), (52, '2024-02-01', 1, 'new');
            UPDATE shop.orders SET updated_at = '2024-03-01', note = 'updated' WHERE id = 10;
            """);
        var second = await ReadAsync(source, database.ConfigFile(checkpointRows: 7), catalog, StateFile(LastState(first, "orders")));

        // The boundary value is read again (at least once), so the row tied with it is not lost.
        Assert.Equal(new[] { 50, 51, 52, 10 }, second.Records("orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt32()));
        Assert.Equal("updated", second.Records("orders").Last().GetProperty("data").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Tables_without_a_timestamp_and_views_read_incrementally_by_their_default_cursor()
    {
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.orders SELECT i, now(), i * 100, 'x' FROM generate_series(1, 5) i;
            INSERT INTO shop.lines SELECT i, l, 'sku' FROM generate_series(1, 3) i, generate_series(1, 2) l;
            """);
        var source = database.Source();

        var run = await ReadAsync(source, database.ConfigFile(), await source.CatalogAsync("incremental", "lines", "big_orders"));

        Assert.Equal(6, run.Records("lines").Count);
        Assert.Equal(new[] { 2, 3, 4, 5 }, run.Records("big_orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt32()));
        Assert.Equal("order_id", LastState(run, "lines").GetProperty("stream").GetProperty("stream_state").GetProperty("cursor_field").GetString());
    }

    [Fact]
    public async Task Resuming_from_every_checkpoint_of_a_read_with_many_ties_loses_nothing()
    {
        // 60 rows over 6 cursor values: every checkpoint falls among rows that share its value.
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.orders SELECT i, '2024-01-01'::timestamptz + (i % 6) * interval '1 day', i, 'x' FROM generate_series(1, 60) i;
            """);
        var source = database.Source(checkpointRows: 4);
        var config = database.ConfigFile(checkpointRows: 4);
        var catalog = await source.CatalogAsync("incremental", "orders");
        var first = await ReadAsync(source, config, catalog);
        var ids = first.Records("orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt32()).ToList();
        Assert.Equal(60, ids.Count);

        var position = 0;
        foreach (var message in first.Messages)
        {
            if (message.GetProperty("type").GetString() == "RECORD")
            {
                position++;
                continue;
            }
            if (message.GetProperty("type").GetString() != "STATE")
            {
                continue;
            }
            var resumed = await ReadAsync(source, config, catalog, StateFile(message.GetProperty("state")));
            var after = resumed.Records("orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt32());
            Assert.Equal(Enumerable.Range(1, 60), ids.Take(position).Concat(after).Distinct().Order());
        }
    }

    [Fact]
    public async Task A_read_killed_in_its_middle_resumes_from_its_last_state_without_losing_a_row()
    {
        var database = await SourceDatabase.CreateAsync(cluster, """
            INSERT INTO shop.orders SELECT i, '2024-01-01'::timestamptz + i * interval '1 second', i, repeat('x', 100) FROM generate_series(1, 300000) i;
            """);
        var source = database.Source(checkpointRows: 1000);
        var config = database.ConfigFile(checkpointRows: 1000);
        var catalog = await source.CatalogAsync("incremental", "orders");

        await using var running = await source.StartAsync(["read", "--config", config, "--catalog", catalog]);
        await running.WaitForLinesAsync(line => line.Contains("\"type\":\"STATE\""), 5, "five states");
        await running.KillAsync();
        var seen = running.LinesSoFar().ToList();
        // The kill can land in the middle of a write: a last line cut short was never a message.
        if (seen.Count > 0 && !ReadAssertions.IsJson(seen[^1]))
        {
            seen.RemoveAt(seen.Count - 1);
        }
        var lastState = seen.Select(l => JsonDocument.Parse(l).RootElement).Last(m => m.GetProperty("type").GetString() == "STATE");
        var before = seen.Select(l => JsonDocument.Parse(l).RootElement)
            .TakeWhile(m => m.GetRawText() != lastState.GetRawText())
            .Where(m => m.GetProperty("type").GetString() == "RECORD")
            .Select(m => m.GetProperty("record").GetProperty("data").GetProperty("id").GetInt64())
            .ToHashSet();
        Assert.True(before.Count is > 0 and < 300000, $"{before.Count} rows before the last state");

        var resumed = await ReadAsync(source, config, catalog, StateFile(lastState.GetProperty("state")));

        var all = before.Concat(resumed.Records("orders").Select(r => r.GetProperty("data").GetProperty("id").GetInt64())).ToHashSet();
        Assert.Equal(300000, all.Count);
        Assert.True(resumed.Records("orders").Count < 300000, "the resume starts from the checkpoint, not from the beginning");
    }

    [Fact]
    public async Task A_saved_state_of_another_shape_is_a_config_error_naming_its_path()
    {
        var database = await SourceDatabase.CreateAsync(cluster, "INSERT INTO shop.orders VALUES (1, now(), 5, 'n');");
        var source = database.Source();
        var state = TestFiles.Write("pg-bad-state.json",
            """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"orders","namespace":"shop"},"stream_state":{"page":3}}}]""");

        var run = await source.RunAsync("read", "--config", database.ConfigFile(), "--catalog", await source.CatalogAsync("incremental", "orders"), "--state", state);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The saved state of stream 'shop.orders' is invalid: the state file '", error.GetProperty("message").GetString());
        Assert.Contains("' at $[0].stream.stream_state.page: The JSON property 'page' could not be mapped", error.GetProperty("message").GetString());
        Assert.Empty(run.Records("orders"));
    }

    [Fact]
    public async Task Check_reports_connection_and_permission_problems_clearly()
    {
        var database = await SourceDatabase.CreateAsync(cluster);
        var source = database.Source();

        var good = await source.RunAsync("check", "--config", database.ConfigFile());
        var missing = await source.RunAsync("check", "--config", TestFiles.Write("pg-missing.json", database.Config(schemas: ["shop", "nowhere"])));
        var closed = await source.RunAsync("check", "--config", TestFiles.Write("pg-closed.json", database.Config(port: 9, password: "s3cret-pg-password")));

        string Status(ConnectorRun run) => run.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("status").GetString()!;
        string Message(ConnectorRun run) => run.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("message").GetString()!;
        Assert.Equal("SUCCEEDED", Status(good));
        Assert.Equal("FAILED", Status(missing));
        Assert.Contains($"schema 'nowhere' does not exist in database '{database.Name}'", Message(missing));
        Assert.Equal("FAILED", Status(closed));
        Assert.StartsWith($"Cannot connect to PostgreSQL at 127.0.0.1:9, database '{database.Name}', as 'postgres':", Message(closed));
        Assert.DoesNotContain("s3cret-pg-password", closed.Stdout + closed.Stderr);
    }
}
