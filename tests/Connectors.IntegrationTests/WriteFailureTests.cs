using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// <c>write</c> with input it cannot accept, destination code that throws, and a stop: a TRACE ERROR naming the line and
/// stream, exit code 1 (143 for SIGTERM), and no state echoed for a record that was not committed. Input other than
/// RECORD, STATE, STREAM_STATUS and the source's TRACE ERROR is ignored.
/// </summary>
public class WriteFailureTests
{
    private const string ApiKey = "journal-secret-4711";

    private static string Record(int id, string stream = "users") =>
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"" + stream + "\",\"data\":{\"id\":" + id + ",\"name\":\"user " + id + "\"},\"emitted_at\":1700000000000}}";

    private static string State(int id) =>
        "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"id\":" + id
        + ",\"stream\":{\"stream_descriptor\":{\"name\":\"users\"},\"stream_state\":{\"updated_at\":\"2024-01-0" + id + "T00:00:00+00:00\"}}}}";

    public static TheoryData<string, string> BadLines => new()
    {
        { Record(9, "customers"), "a RECORD of stream 'customers', which is not in the catalog" },
        { """{"type":"RECORD","record":{"stream":"users","data":[1,2],"emitted_at":1}}""", "a RECORD of stream 'users' whose data is an array, not an object" },
        { """{"type":"RECORD","record":{"stream":"users","data":{"id":""", "it is not a JSON object" },
        { "users,9,user 9", "it is not a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_input_line_is_a_config_error_naming_its_line_and_nothing_after_the_last_state_is_acknowledged(string bad, string problem)
    {
        var database = new SqliteDatabase();
        string[] input = [Record(1), Record(2), State(1), Record(3), bad, Record(4), State(2)];

        var run = await WriteAsync(database, input);

        Assert.True(run.ExitCode == 1, run.Describe());
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains($"Line 5 of the input: {problem}", error.GetProperty("message").GetString());
        Assert.Equal([State(1)[..^2] + ",\"destinationStats\":{\"recordCount\":2}}}"], run.Lines.Where(Pipe.IsState));
        Assert.Equal([1L, 2], (await database.RowsAsync("users")).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task LOG_CONTROL_other_TRACEs_and_unknown_message_types_are_ignored()
    {
        var database = new SqliteDatabase();
        string[] input =
        [
            """{"type":"LOG","log":{"level":"INFO","message":"hello"}}""",
            Record(1),
            """{"type":"TRACE","trace":{"type":"ESTIMATE","emitted_at":1,"estimate":{"name":"users","type":"STREAM","row_estimate":2}}}""",
            "",
            """{"type":"SOMETHING_NEW","something_new":{"stream":"users","data":[]}}""",
            State(1),
            """{"type":"CONTROL","control":{"type":"CONNECTOR_CONFIG","emitted_at":1,"connectorConfig":{"config":{}}}}""",
            Record(2),
            State(2),
            Pipe.Status("users", "COMPLETE"),
        ];

        var run = await WriteAsync(database, input);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Errors);
        Pipe.AssertStatesEchoed(input, run);
        Assert.Equal([1L, 2], (await database.RowsAsync("users")).Select(r => r.Id).Order());
    }

    [Theory]
    [InlineData("fail_on_write", "writing stream 'users'")]
    [InlineData("fail_on_commit", "committing")]
    public async Task Destination_code_that_throws_is_a_system_error_and_nothing_uncommitted_is_acknowledged(string failure, string doing)
    {
        var journal = TestFiles.Write("journal.jsonl", "");
        // Batches of two records: write 1 and commit 1 succeed, the second write or commit throws.
        var config = TestFiles.Json("journal-config", new Dictionary<string, object>
        {
            ["journal"] = journal, ["api_key"] = ApiKey, ["max_batch_records"] = 2, [failure] = 2,
        });
        string[] input = [Record(1), Record(2), State(1), Record(3), Record(4), State(2), Record(5), State(3)];

        var run = await Pipe.WriteAsync(Connector.Journal, ["write", "--config", config, "--catalog", await UsersCatalogAsync()], input);

        Assert.True(run.ExitCode == 1, run.Describe());
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains($"The destination failed {doing}", error.GetProperty("message").GetString());
        Assert.DoesNotContain(ApiKey, run.Stdout + run.Stderr);
        Pipe.AssertStatesEchoed(input, run, expectedCount: 1);
        Assert.Equal([1L, 2], JournaledIds(journal));
    }

    [Fact]
    public async Task SIGTERM_during_a_commit_acknowledges_nothing_past_the_last_commit()
    {
        var journal = TestFiles.Write("journal.jsonl", "");
        var config = TestFiles.Json("journal-config", new { journal, commit_delay_ms = 60_000 });
        await using var writer = await Connector.Journal.StartAsync(["write", "--config", config, "--catalog", await UsersCatalogAsync()], keepStdin: true);
        await writer.Stdin.WriteLineAsync(Record(1));
        await writer.Stdin.WriteLineAsync(State(1));
        await writer.Stdin.FlushAsync();
        await writer.WaitForLineAsync(line => line.Contains("Commit 1 takes"), "the log line of the slow commit");

        writer.Signal(RunningConnector.SIGTERM);
        var run = await writer.WaitForExitAsync();

        Assert.True(run.ExitCode == 143, run.Describe());
        Assert.DoesNotContain(run.Lines, Pipe.IsState);
        Assert.Empty(JournaledIds(journal));
        // The stream was left, not ended: its incomplete hook ran with the stop as the reason.
        Assert.Contains("{\"incomplete\":\"users\",\"reason\":\"Stopped\"}", File.ReadAllLines(journal));
        Assert.DoesNotContain(File.ReadAllLines(journal), line => line.StartsWith("{\"end\"", System.StringComparison.Ordinal));
    }

    private static async Task<ConnectorRun> WriteAsync(DestinationDatabase database, IEnumerable<string> input) =>
        await Pipe.WriteAsync(database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", await UsersCatalogAsync()], input);

    private static Task<string> UsersCatalogAsync() => Connector.Faker.WriteCatalogAsync("incremental", "append", "users");

    private static List<long> JournaledIds(string journal) =>
        File.ReadAllLines(journal)
            .Select(line => JsonSerializer.Deserialize<JsonElement>(line))
            .Where(entry => entry.TryGetProperty("data", out _))
            .Select(entry => entry.GetProperty("data").GetProperty("id").GetInt64())
            .ToList();
}
