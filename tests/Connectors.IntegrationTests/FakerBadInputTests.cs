using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// Bad input files, bad catalogs and bad command lines: a clear error that names the file, in the protocol, with the
/// documented exit code; never a crash report.
/// </summary>
public class FakerBadInputTests
{
    public enum BadFile
    {
        ConfigMissing,
        ConfigNotJson,
        CatalogMissing,
        CatalogNotJson,
        CatalogWithoutStreams,
        StateMissing,
        StateNotJson,
        StateWithNonDateCursor,
    }

    [Theory]
    [InlineData(BadFile.ConfigMissing, "does not exist")]
    [InlineData(BadFile.ConfigNotJson, "not valid JSON")]
    [InlineData(BadFile.CatalogMissing, "does not exist")]
    [InlineData(BadFile.CatalogNotJson, "not valid JSON")]
    [InlineData(BadFile.CatalogWithoutStreams, "$.streams: required")]
    [InlineData(BadFile.StateMissing, "does not exist")]
    [InlineData(BadFile.StateNotJson, "not valid JSON")]
    [InlineData(BadFile.StateWithNonDateCursor, "$[0].stream.stream_state.updated_at")]
    public async Task A_bad_input_file_is_one_config_error_naming_the_file_with_exit_code_1(BadFile bad, string problem)
    {
        var config = TestFiles.Json("config", new { count = 5, seed = 1 });
        var catalog = await Connector.Faker.CatalogAsync("incremental");
        var state = TestFiles.Write("state.json", "[]");
        var missing = Path.Combine(TestFiles.Directory, "no-such-dir", "file.json");
        var garbage = TestFiles.Write("garbage.json", "{\"streams\": [ this is not JSON");
        string file;
        switch (bad)
        {
            case BadFile.ConfigMissing: file = config = missing; break;
            case BadFile.ConfigNotJson: file = config = garbage; break;
            case BadFile.CatalogMissing: file = catalog = missing; break;
            case BadFile.CatalogNotJson: file = catalog = garbage; break;
            case BadFile.CatalogWithoutStreams: file = catalog = TestFiles.Write("catalog.json", """{"stream": []}"""); break;
            case BadFile.StateMissing: file = state = missing; break;
            case BadFile.StateNotJson: file = state = garbage; break;
            default:
                file = state = TestFiles.Write("state.json", """
                    [{"type": "STREAM", "stream": {"stream_descriptor": {"name": "users"}, "stream_state": {"updated_at": "last tuesday"}}}]
                    """);
                break;
        }

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog, "--state", state);

        Assert.True(run.ExitCode == 1, run.Describe());
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"'{file}'", message);
        Assert.Contains(problem, message);
        Assert.Empty(run.Records());
        Assert.False(error.TryGetProperty("stack_trace", out _), "a stack trace for a bad input file");
        Assert.DoesNotContain(run.Lines, line => line.Contains("   at "));
        Assert.DoesNotContain("Exception", run.Stderr);
    }

    [Fact]
    public async Task Discover_with_an_invalid_config_is_a_config_error_naming_the_JSON_path()
    {
        var config = TestFiles.Write("config.json", """{"count": "many", "seed": 1}""");

        var run = await Connector.Faker.RunAsync("discover", "--config", config);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Empty(run.OfType("CATALOG"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("$.count", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_acceptance_tests_catalog_of_an_unknown_stream_with_sync_mode_INVALID_gets_a_TRACE_ERROR()
    {
        var config = TestFiles.Json("config", new { count = 5, seed = 1 });
        var catalog = TestFiles.Write("catalog.json", """
            {"streams": [{"stream": {"name": "__AIRBYTE__stream_that_does_not_exist", "json_schema": {"type": "object"},
              "supported_sync_modes": ["full_refresh"]}, "sync_mode": "INVALID", "destination_sync_mode": "append"}]}
            """);

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.NotEmpty(run.Errors);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Records());
    }

    [Fact]
    public async Task An_unknown_stream_or_sync_mode_fails_that_stream_while_the_others_are_read()
    {
        var config = TestFiles.Json("config", new { count = 5, seed = 1 });
        var catalog = TestFiles.Write("catalog.json", """
            {"streams": [
              {"stream": {"name": "customers", "json_schema": {"type": "object"}, "supported_sync_modes": ["full_refresh"]},
               "sync_mode": "full_refresh", "destination_sync_mode": "append"},
              {"stream": {"name": "products", "json_schema": {"type": "object"}, "supported_sync_modes": ["full_refresh"]},
               "sync_mode": "INVALID", "destination_sync_mode": "append"},
              {"stream": {"name": "users", "json_schema": {"type": "object"}, "supported_sync_modes": ["full_refresh"]},
               "sync_mode": "full_refresh", "destination_sync_mode": "append"}]}
            """);

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(["customers", "products"], run.Errors.Select(e => e.GetProperty("stream_descriptor").GetProperty("name").GetString()));
        Assert.All(run.Errors, e => Assert.Equal("config_error", e.GetProperty("failure_type").GetString()));
        Assert.Contains("INVALID", run.Errors[1].GetProperty("message").GetString());
        Assert.Equal(5, run.Records("users").Count);
        Assert.Empty(run.Records("products"));
        ReadAssertions.CompleteAndCheckpointed(run, "users");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData("read", "--config", "config.json")]
    [InlineData("spec", "--frobnicate")]
    [InlineData("check")]
    public async Task A_bad_command_line_exits_2_with_usage_on_stderr_and_nothing_on_stdout(params string[] args)
    {
        var run = await Connector.Faker.RunAsync(args.Where(a => a.Length > 0).ToArray());

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Empty(run.Lines);
        Assert.Contains("Usage: source-faker <command>", run.Stderr);
        Assert.Contains("error: ", run.Stderr);
    }

    [Fact]
    public async Task Help_prints_usage_on_stderr_and_exits_0()
    {
        var run = await Connector.Faker.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Lines);
        Assert.Contains("read --config <file> --catalog <file> [--state <file>]", run.Stderr);
    }
}
