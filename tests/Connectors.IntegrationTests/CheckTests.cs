using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// <c>check</c>: exactly one CONNECTION_STATUS. A config the user must fix is FAILED with exit code 0 and a message naming
/// the file and the JSON path; only an unexpected failure is a TRACE ERROR with a non-zero exit code.
/// </summary>
public class CheckTests
{
    [Fact]
    public async Task Faker_check_with_a_good_config_succeeds()
    {
        var config = TestFiles.Json("config", new { count = 5, seed = 3 });

        var run = await Connector.Faker.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("SUCCEEDED", SingleStatus(run).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Faker_check_ignores_properties_the_spec_does_not_declare()
    {
        // The spec allows additional properties, and test configs carry keys such as "_comment".
        var config = TestFiles.Write("config.json", """{"seed": 1, "_comment": "for people", "unknown": {"nested": [1, 2]}}""");

        var run = await Connector.Faker.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("SUCCEEDED", SingleStatus(run).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"count": "ten", "seed": 1}""", "$.count", "expected an integer")]
    [InlineData("""{"count": 0, "seed": 1}""", "$.count", "at least 1")]
    [InlineData("""{"count": 10, "seed": 1.5}""", "$.seed", "expected an integer")]
    [InlineData("""{"count": 3000000000, "seed": 1}""", "$.count", "out of range")]
    [InlineData("""{"seed": 1, "records_per_slice": -5}""", "$.records_per_slice", "at least 1")]
    [InlineData("""{"seed": 1, "always_updated": "yes"}""", "$.always_updated", "expected a boolean")]
    [InlineData("""[{"seed": 1}]""", "$", "expected an object")]
    public async Task Faker_check_with_a_bad_config_fails_naming_the_file_and_the_JSON_path(string json, string path, string problem)
    {
        var config = TestFiles.Write("bad-config.json", json);

        var run = await Connector.Faker.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        var status = SingleStatus(run);
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        var message = status.GetProperty("message").GetString()!;
        Assert.Contains(config, message);
        Assert.Contains(path + ": ", message);
        Assert.Contains(problem, message);
        // The spec the platform validates with rejects the same config: binder and schema agree.
        var specification = await SpecTests.ConnectionSpecificationAsync(Connector.Faker);
        Assert.NotEmpty(ProtocolSchema.Problems(ProtocolSchema.BuildDraft07(specification), ProtocolSchema.Parse(json)));
    }

    [Fact]
    public async Task Faker_check_reports_every_problem_of_a_config_not_just_the_first()
    {
        var config = TestFiles.Write("bad-config.json", """{"count": 0, "seed": "x", "always_updated": 1}""");

        var run = await Connector.Faker.RunAsync("check", "--config", config);

        var message = SingleStatus(run).GetProperty("message").GetString()!;
        Assert.Contains("$.count", message);
        Assert.Contains("$.seed", message);
        Assert.Contains("$.always_updated", message);
    }

    [Fact]
    public async Task Kitchen_check_that_returns_Failed_is_FAILED_with_exit_code_0()
    {
        var config = TestFiles.Json("config", new { api_key = "k-123456", check_outcome = "Fail" });

        var run = await Connector.Kitchen.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        var status = SingleStatus(run);
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Contains("The kitchen refused api key", status.GetProperty("message").GetString());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task Kitchen_check_that_throws_is_one_TRACE_ERROR_system_error_with_exit_code_1()
    {
        var config = TestFiles.Json("config", new { api_key = "k-123456", check_outcome = "Throw" });

        var run = await Connector.Kitchen.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Empty(run.OfType("CONNECTION_STATUS"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The kitchen blew up", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Kitchen_check_without_the_required_api_key_fails_naming_it()
    {
        var config = TestFiles.Json("config", new { check_outcome = "Succeed" });

        var run = await Connector.Kitchen.RunAsync("check", "--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        var status = SingleStatus(run);
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Contains("$.api_key: required", status.GetProperty("message").GetString());
    }

    private static System.Text.Json.JsonElement SingleStatus(ConnectorRun run)
    {
        var statuses = run.OfType("CONNECTION_STATUS").ToList();
        Assert.True(statuses.Count == 1, "expected exactly one CONNECTION_STATUS\n" + run.Describe());
        return statuses[0].GetProperty("connectionStatus");
    }
}
