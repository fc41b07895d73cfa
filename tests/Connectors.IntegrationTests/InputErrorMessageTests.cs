using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// What a user reads when an input is wrong: the file, the JSON path and the problem in words they can act on. A
/// catalog error names the catalog file and the entry's path, as config errors do; a JSON syntax error says what is
/// wrong and where (line, byte, JSON path), never .NET's advice to "change the reader options".
/// </summary>
public sealed class InputErrorMessageTests
{
    private static readonly string Config = TestFiles.Json("config", new { count = 5, seed = 1 });

    [Fact]
    public async Task A_catalog_entry_the_source_cannot_read_is_named_by_the_catalog_file_and_its_JSON_path()
    {
        var catalog = TestFiles.Write("entry-catalog.json", """
            {"streams": [
              {"stream": {"name": "users", "json_schema": {}}, "sync_mode": "full_refresh", "destination_sync_mode": "append"},
              {"stream": {"name": "customers", "json_schema": {}}, "sync_mode": "full_refresh", "destination_sync_mode": "append"},
              {"stream": {"name": "products", "json_schema": {}}, "sync_mode": "INVALID", "destination_sync_mode": "append"},
              {"stream": {"name": "users", "json_schema": {}}, "sync_mode": "full_refresh", "destination_sync_mode": "append"}]}
            """);

        var run = await Connector.Faker.RunAsync("read", "--config", Config, "--catalog", catalog);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            [
                $"The catalog file '{catalog}' is invalid: $.streams[1].stream.name: 'customers' is not a stream of this connector; its streams are: users, products, purchases",
                $"The catalog file '{catalog}' is invalid: $.streams[2].sync_mode: stream 'products' has 'INVALID'; expected 'full_refresh' or 'incremental'",
                $"The catalog file '{catalog}' is invalid: $.streams[3].stream.name: stream 'users' appears more than once in the catalog (first at $.streams[0])",
            ],
            run.Errors.Select(e => e.GetProperty("message").GetString()));
        Assert.All(run.Errors, e => Assert.Equal("config_error", e.GetProperty("failure_type").GetString()));
        Assert.Equal(5, run.Records("users").Count);
    }

    [Fact]
    public async Task A_catalog_entry_the_destination_cannot_write_is_named_by_the_catalog_file_and_its_JSON_path()
    {
        var journal = TestFiles.Write("catalog-error-journal.jsonl", "");
        var config = TestFiles.Json("journal-config", new { journal });
        var catalog = TestFiles.Write("dedup-catalog.json", """
            {"streams": [{"stream": {"name": "users", "json_schema": {}}, "sync_mode": "incremental", "destination_sync_mode": "append_dedup"}]}
            """);

        var run = await Pipe.WriteAsync(Connector.Journal, ["write", "--config", config, "--catalog", catalog], []);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            $"The catalog file '{catalog}' is invalid: $.streams[0].primary_key: stream 'users' asks for destination_sync_mode 'append_dedup' but has no primary key (primary_key or source_defined_primary_key)",
            Assert.Single(run.Errors).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("config", "{\n  \"count\": 5,\n  \"seed\": 1,\n}\n",
        "a comma after the last property of an object (JSON allows no trailing comma) at $.seed (line 4, byte 1)")]
    [InlineData("catalog", "{\"streams\": [{\"stream\": {\"name\": \"users\"}, \"sync_mode\": \"full_refresh\"}",
        "the JSON ends before the array at $.streams is closed with ']' (line 1, byte 72)")]
    [InlineData("state", "// saved by hand\n[]", "a comment (JSON allows none) at $ (line 1, byte 1)")]
    [InlineData("catalog", "{\"streams\": [{'stream': {}}]}", "expected a property name in double quotes, found ''' at $.streams[0] (line 1, byte 15)")]
    public async Task A_file_that_is_not_JSON_says_what_is_wrong_and_where(string role, string text, string problem)
    {
        var file = TestFiles.Write($"broken-{role}.json", text);
        var catalog = role == "catalog" ? file : await Connector.Faker.CatalogAsync("full_refresh", "users");
        var config = role == "config" ? file : Config;
        string[] args = role == "state"
            ? ["read", "--config", config, "--catalog", catalog, "--state", file]
            : ["read", "--config", config, "--catalog", catalog];

        var run = await Connector.Faker.RunAsync(args);

        Assert.True(run.ExitCode == 1, run.Describe());
        var message = Assert.Single(run.Errors).GetProperty("message").GetString()!;
        Assert.Equal($"The {role} file '{file}' is not valid JSON: {problem}", message);
        Assert.DoesNotContain("reader options", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task An_input_line_of_write_that_is_not_JSON_says_what_is_wrong_and_where_in_the_line()
    {
        var journal = TestFiles.Write("syntax-journal.jsonl", "");
        var config = TestFiles.Json("journal-config", new { journal });
        var catalog = await Connector.Faker.WriteCatalogAsync("full_refresh", "append", "users");
        string[] input = ["""{"type":"RECORD","record":{"stream":"users","data":{"id":1,},"emitted_at":1}}"""];

        var run = await Pipe.WriteAsync(Connector.Journal, ["write", "--config", config, "--catalog", catalog], input);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            "Line 1 of the input: it is not a JSON object: a comma after the last property of an object (JSON allows no trailing comma) at $.record.data.id (byte 60)",
            Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.DoesNotContain("reader options", run.Stdout + run.Stderr);
    }
}
