using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// The way rows travel into a cache: parsed on one thread into batches of reused rows, written on another (SQLite several
/// rows per INSERT). A scripted source sends thousands of records (many batches, a partial last one, records in both
/// field orders) whose text is awkward (quotes, commas, line breaks, empty strings, nulls, non-ASCII, escapes): every
/// value reads back as sent, in the row it was sent with, and a read that dies after many batches leaves the previous
/// table and state and no staging table behind.
/// </summary>
public sealed class StagingTests
{
    private const int Count = 3000;

    private static readonly string?[] Names =
    [
        "plain", "with \"quotes\"", "comma, separated", "new\nline", "cr\r\nlf", "", null, "ünïcödé ☃ 日本", "back\\slash",
        "\"", ",", "ends with a quote\"", "tab\there", "  spaced  ",
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("duckdb")]
    [InlineData("duckdb-files")]
    public async Task Every_value_reads_back_as_the_source_sent_it_across_many_batches(string kind)
    {
        using var temp = new TempDirectory();
        var cache = NewCache(kind, temp);
        kind = Database(kind);
        var source = new Source(new LocalExecutor(ScriptedSource(temp, Records("first", Count), exitCode: 0)), new JsonObject());
        var result = await source.ReadAsync(cache);

        Assert.Equal(Count, result["things"].Records);
        using var db = CacheTests.Open(kind, cache.Location);
        Assert.Equal(Count, db.Count("things"));
        Assert.Equal((long)Count, Convert.ToInt64(db.Scalar("SELECT COUNT(DISTINCT _airbyte_raw_id) FROM things")));
        foreach (var id in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1500, Count })
        {
            var row = db.Rows($"SELECT name, price, flag, CAST(tags AS VARCHAR), CAST(blob AS VARCHAR), amount, CAST(_airbyte_meta AS VARCHAR) FROM things WHERE id = {id}").Single();
            Assert.Equal(NameOf(id), (string?)row[0]);
            Assert.Equal(id * 0.25, Convert.ToDouble(row[1]));
            Assert.Equal(id % 2 == 0, Convert.ToBoolean(row[2]));
            Assert.Equal("[\"a\",\"b\"]", row[3]);
            Assert.Equal("{\"k\":\"v\\\"q\",\"n\":null}", row[4]);
            if (id == 7)
            {
                // A string in an integer column: nulled, and said so.
                Assert.Null(row[5]);
                Assert.Contains("\"field\":\"amount\"", (string)row[6]!);
            }
            else
            {
                Assert.Equal((long)id * 1000, Convert.ToInt64(row[5]));
                Assert.Equal("{\"changes\":[]}", row[6]);
            }
        }
        Assert.Equal(Enumerable.Range(1, Count).Count(id => NameOf(id) == ""), Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE name = ''")));
        Assert.Equal(Enumerable.Range(1, Count).Count(id => NameOf(id) is null), Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE name IS NULL")));
        if (kind == "duckdb")
        {
            // Typed from the parsed values: the offset applied, microseconds kept, the date a date.
            Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000 + 123456,
                Convert.ToInt64(db.Scalar("SELECT epoch_us(seen) FROM things WHERE id = 1")));
            Assert.Equal("2024-05-01 10:00:00", Convert.ToString(db.Scalar("SELECT CAST(local AS VARCHAR) FROM things WHERE id = 1")));
            Assert.Equal("2020-01-02", Convert.ToString(db.Scalar("SELECT CAST(born AS VARCHAR) FROM things WHERE id = 1")));
        }
        else
        {
            Assert.Equal("2024-05-01T10:00:00.123456+02:00", db.Scalar("SELECT seen FROM things WHERE id = 1"));
        }
        Assert.Equal("{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"things\"},\"stream_state\":{\"run\":\"first\"}}}", db.State("source-scripted", "things"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("duckdb")]
    [InlineData("duckdb-files")]
    public async Task A_read_failing_after_many_batches_keeps_the_previous_table_and_state(string kind)
    {
        using var temp = new TempDirectory();
        var cache = NewCache(kind, temp);
        kind = Database(kind);
        await new Source(new LocalExecutor(ScriptedSource(temp, Records("first", Count), exitCode: 0)), new JsonObject()).ReadAsync(cache);

        // Twice as many records, a state, then exit 3: far past the first batches and files.
        var failing = new Source(new LocalExecutor(ScriptedSource(temp, Records("second", 2 * Count), exitCode: 3)), new JsonObject());
        var error = await Assert.ThrowsAsync<ConnectorFailedException>(() => failing.ReadAsync(cache));
        Assert.Equal(3, error.ExitCode);

        using var db = CacheTests.Open(kind, cache.Location);
        Assert.Equal(Count, db.Count("things"));
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE run <> 'first'")));
        Assert.Contains("\"first\"", db.State("source-scripted", "things"));
        Assert.Empty(db.Rows(kind == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"
            : "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("duckdb")]
    public async Task A_sync_killed_mid_read_leaves_the_previous_table_and_state_and_no_staging_table(string kind)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cache." + kind);
        var config = temp.Write("config.json", "{}");
        var first = await Cli.RunAsync(temp.Path, ["sync", "--source", ScriptedSource(temp, Records("first", Count), exitCode: 0), "--config", config,
            "--cache", $"{kind}:{path}"]);
        Assert.True(first.ExitCode == 0, first.ToString());

        // The second read's records are all sent, then its source waits: the tool is killed while it holds them.
        var sent = temp.File("sent");
        var hanging = ScriptedSource(temp, Records("second", 2 * Count), exitCode: 0, after: $"touch '{sent}'; sleep 120;");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Built.Cli, "sync", "--source", hanging, "--config", config, "--cache", $"{kind}:{path}" })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["CONNECTORS_HOME"] = temp.Path;
        using (var process = Process.Start(info)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(sent) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            Assert.True(File.Exists(sent), "the source never sent its records");
            await Task.Delay(TimeSpan.FromSeconds(2)); // time to parse and append what the pipe held
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
            await process.WaitForExitAsync();
        }

        using var db = CacheTests.Open(kind, path);
        Assert.Equal(Count, db.Count("things"));
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE run <> 'first'")));
        Assert.Contains("\"first\"", db.State("source-scripted", "things"));
        Assert.Empty(db.Rows(kind == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"
            : "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_airbyte\\_tmp\\_%' ESCAPE '\\'"));
        if (kind == "duckdb")
        {
            // The killed read's staging files (its records) stay until the next read into the cache removes them.
            string[] Leftovers() => Directory.GetDirectories(temp.Path, "cache.duckdb._airbyte_tmp_*");
            Assert.NotEmpty(Leftovers());
            db.Dispose();
            var next = await Cli.RunAsync(temp.Path, ["sync", "--source", ScriptedSource(temp, Records("third", Count), exitCode: 0), "--config", config,
                "--cache", $"{kind}:{path}"]);
            Assert.True(next.ExitCode == 0, next.ToString());
            Assert.Empty(Leftovers());
        }
    }

    [Fact]
    public void DuckDB_staging_directories_a_live_read_claims_are_kept_and_abandoned_ones_removed()
    {
        using var temp = new TempDirectory();
        var database = temp.File("cache.duckdb");
        string Staging(string name)
        {
            var directory = $"{database}._airbyte_tmp_{name}";
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "000000.jsonl"), "{}\n");
            return directory;
        }
        var live = Staging("things_live");
        var abandoned = Staging("things_killed");
        DuckDbStagingClaims.Claim(abandoned).Dispose(); // its process died: the lock is gone, the file stays
        var starting = Staging("things_starting"); // no claim yet
        var otherDatabase = $"{temp.File("other.duckdb")}._airbyte_tmp_things_killed";
        Directory.CreateDirectory(otherDatabase);
        DuckDbStagingClaims.Claim(otherDatabase).Dispose();

        using (DuckDbStagingClaims.Claim(live))
        {
            DuckDbStagingClaims.RemoveAbandoned(database);

            Assert.True(Directory.Exists(live));
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(starting));
            Assert.True(Directory.Exists(otherDatabase)); // another database's: not this read's to judge
        }
    }

    [Fact]
    public async Task DuckDB_loads_staging_files_into_typed_columns_and_leaves_no_file_behind()
    {
        using var temp = new TempDirectory();
        var cache = new DuckDbCache(temp.File("cache/cache.duckdb")) { FileRows = 700 };
        var result = await new Source(new LocalExecutor(ScriptedSource(temp, Records("first", Count), exitCode: 0)), new JsonObject()).ReadAsync(cache);

        Assert.Equal(Count, result["things"].Records);
        using var db = CacheTests.Open("duckdb", cache.Location);
        var types = db.Rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'things' ORDER BY ordinal_position")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(new Dictionary<string, string>
        {
            ["id"] = "BIGINT", ["run"] = "VARCHAR", ["name"] = "VARCHAR", ["price"] = "DOUBLE", ["flag"] = "BOOLEAN", ["amount"] = "BIGINT",
            ["born"] = "DATE", ["seen"] = "TIMESTAMP WITH TIME ZONE", ["local"] = "TIMESTAMP", ["tags"] = "JSON", ["blob"] = "JSON",
            ["_airbyte_raw_id"] = "UUID", ["_airbyte_extracted_at"] = "TIMESTAMP WITH TIME ZONE", ["_airbyte_meta"] = "JSON",
        }, types);
        // _airbyte_extracted_at is the record's emitted_at, to the millisecond; ids are random version 4 UUIDs.
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE epoch_ms(_airbyte_extracted_at) <> 1700000000000 + id")));
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE substr(CAST(_airbyte_raw_id AS VARCHAR), 15, 1) <> '4'")));
        // Rows keep the order they were read in (a merge keeps the last row of a key by it).
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM (SELECT id, row_number() OVER (ORDER BY rowid) AS n FROM things) WHERE id <> n")));
        Assert.Equal(new[] { "cache.duckdb" }, Directory.GetFileSystemEntries(temp.File("cache")).Select(n => Path.GetFileName(n)).Where(n => n != "cache.duckdb.wal").ToArray());
    }

    [Fact]
    public async Task DuckDB_staging_files_are_private_and_deleted_when_the_read_fails_half_way_through_one()
    {
        using var temp = new TempDirectory();
        var cache = new DuckDbCache(temp.File("cache/cache.duckdb")) { FileRows = 1000 };
        await new Source(new LocalExecutor(ScriptedSource(temp, Records("first", Count), exitCode: 0)), new JsonObject()).ReadAsync(cache);

        // 2,500 records: two files loaded, the third half written when the source stops, then fails.
        var sent = temp.File("sent");
        var go = temp.File("go");
        var failing = new Source(new LocalExecutor(ScriptedSource(temp, Records("second", 2500), exitCode: 3,
            after: $"touch '{sent}'; while [ ! -e '{go}' ]; do sleep 0.05; done;")), new JsonObject());
        var read = failing.ReadAsync(cache);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string[] files = [];
        // Once the loads of the first two files are done, only the third, being written, is on disk.
        while (DateTime.UtcNow < deadline && !read.IsCompleted
               && !(File.Exists(sent) && (files = Directory.GetFiles(temp.File("cache"), "*.jsonl", SearchOption.AllDirectories)).Length == 1))
        {
            await Task.Delay(50);
        }
        Assert.True(File.Exists(sent), "the source never sent its records");
        var file = Assert.Single(files);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
        File.WriteAllText(go, "");
        var error = await Assert.ThrowsAsync<ConnectorFailedException>(() => read);
        Assert.Equal(3, error.ExitCode);

        Assert.Equal(new[] { "cache.duckdb" }, Directory.GetFileSystemEntries(temp.File("cache")).Select(n => Path.GetFileName(n)).Where(n => n != "cache.duckdb.wal").ToArray());
        using var db = CacheTests.Open("duckdb", cache.Location);
        Assert.Equal(Count, db.Count("things"));
        Assert.Equal(0L, Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM things WHERE run <> 'first'")));
        Assert.Contains("\"first\"", db.State("source-scripted", "things"));
    }

    /// <summary><c>duckdb-files</c>: a staging file loaded every 700 rows, so a read loads several.</summary>
    private static Cache NewCache(string kind, TempDirectory temp) => kind switch
    {
        "sqlite" => new SqliteCache(temp.File("cache.sqlite")),
        "duckdb-files" => new DuckDbCache(temp.File("cache.duckdb")) { FileRows = 700 },
        _ => new DuckDbCache(temp.File("cache.duckdb")),
    };

    private static string Database(string kind) => kind.StartsWith("duckdb", StringComparison.Ordinal) ? "duckdb" : kind;

    private static string? NameOf(int id) => Names[(id - 1) % Names.Length];

    private static IEnumerable<string> Records(string run, int count)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        for (var id = 1; id <= count; id++)
        {
            var data = new JsonObject
            {
                ["id"] = id,
                ["run"] = run,
                ["name"] = NameOf(id),
                ["price"] = id * 0.25,
                ["flag"] = id % 2 == 0,
                ["amount"] = id == 7 ? "not a number" : id * 1000L,
                ["born"] = "2020-01-02",
                ["seen"] = "2024-05-01T10:00:00.123456+02:00",
                ["local"] = "2024-05-01T10:00:00",
                ["tags"] = new JsonArray("a", "b"),
                ["blob"] = new JsonObject { ["k"] = "v\"q", ["n"] = null },
            };
            var record = new JsonObject
            {
                ["type"] = "RECORD",
                ["record"] = new JsonObject { ["stream"] = "things", ["data"] = data, ["emitted_at"] = 1_700_000_000_000L + id },
            };
            // Every other record the way other SDKs write it (stream after data), to take the reader's slower path.
            yield return id % 2 == 0
                ? record.ToJsonString(options)
                : $"{{\"type\":\"RECORD\",\"record\":{{\"data\":{data.ToJsonString(options)},\"stream\":\"things\",\"emitted_at\":{1_700_000_000_000L + id}}}}}";
        }
        yield return $"{{\"type\":\"STATE\",\"state\":{{\"type\":\"STREAM\",\"stream\":{{\"stream_descriptor\":{{\"name\":\"things\"}},\"stream_state\":{{\"run\":\"{run}\"}}}}}}}}";
    }

    /// <summary>A source as a shell script: a fixed spec and catalog, and <paramref name="records"/> for its read, then <paramref name="exitCode"/>.</summary>
    private static string ScriptedSource(TempDirectory temp, IEnumerable<string> records, int exitCode, string? after = null)
    {
        var directory = Directory.CreateDirectory(temp.File(Guid.NewGuid().ToString("N"))).FullName;
        var lines = Path.Combine(directory, "records.jsonl");
        var catalogFile = Path.Combine(directory, "catalog.json");
        File.WriteAllLines(lines, records, new UTF8Encoding(false));
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject { ["type"] = "integer" },
                ["run"] = new JsonObject { ["type"] = "string" },
                ["name"] = new JsonObject { ["type"] = new JsonArray("null", "string") },
                ["price"] = new JsonObject { ["type"] = "number" },
                ["flag"] = new JsonObject { ["type"] = "boolean" },
                ["amount"] = new JsonObject { ["type"] = "integer" },
                ["born"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
                ["seen"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["local"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["airbyte_type"] = "timestamp_without_timezone" },
                ["tags"] = new JsonObject { ["type"] = "array" },
                ["blob"] = new JsonObject { ["type"] = "object" },
            },
        };
        var catalog = new JsonObject
        {
            ["type"] = "CATALOG",
            ["catalog"] = new JsonObject
            {
                ["streams"] = new JsonArray(new JsonObject
                {
                    ["name"] = "things",
                    ["json_schema"] = schema,
                    ["supported_sync_modes"] = new JsonArray("full_refresh"),
                }),
            },
        };
        File.WriteAllText(catalogFile, catalog.ToJsonString() + "\n");
        // Named source-scripted in a directory of its own: the source's name (in the state table) is the file's.
        var script = Path.Combine(directory, "source-scripted");
        const string spec = """{"type":"SPEC","spec":{"connectionSpecification":{"type":"object","properties":{}}}}""";
        const string status = """{"type":"CONNECTION_STATUS","connectionStatus":{"status":"SUCCEEDED"}}""";
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
              spec) echo '{spec}' ;;
              check) echo '{status}' ;;
              discover) cat '{catalogFile}' ;;
              read) cat '{lines}'; {after ?? ""} exit {exitCode} ;;
            esac

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
