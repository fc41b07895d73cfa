using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// <c>check</c> binds the config file with the generated binder: defaults apply, every problem is reported at once with
/// its JSON path, and a secret's value never appears in any output.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ConfigBindingExecutionTests(ShopConnector shop)
{
    private const string Secret = "s3cr3t-key-4242";

    [Fact]
    public async Task Valid_config_binds_and_absent_values_take_their_defaults()
    {
        var status = await CheckAsync($$"""{ "api_key": "{{Secret}}" }""");

        Assert.Equal("SUCCEEDED", status.Status);
        Assert.Equal("count=3 region=EuWest client=anonymous tags= accounts= start=none ratio=2.5", status.Message);
    }

    [Fact]
    public async Task Every_value_binds()
    {
        var status = await CheckAsync($$"""
            {
              "api_key": "{{Secret}}",
              "count": 7,
              "region": "us-east",
              "auth": { "client_id": "me", "client_secret": "hush" },
              "tags": ["a", "b"],
              "accounts": [{ "client_id": "first" }, { "client_id": "second", "client_secret": "second-secret" }],
              "start_date": "2024-02-29",
              "ratio": 0.75,
              "unknown": "ignored"
            }
            """);

        Assert.Equal("SUCCEEDED", status.Status);
        Assert.Equal("count=7 region=UsEast client=me tags=a,b accounts=first,second start=2024-02-29 ratio=0.75", status.Message);
    }

    [Fact]
    public async Task Integers_written_with_a_zero_fraction_and_nulls_for_nullable_values_bind()
    {
        var status = await CheckAsync($$"""{ "api_key": "{{Secret}}", "count": 5.0, "start_date": null }""");

        Assert.Equal("SUCCEEDED", status.Status);
        Assert.StartsWith("count=5 ", status.Message);
        Assert.Contains(" start=none ", status.Message);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_with_its_JSON_path()
    {
        var status = await CheckAsync("""
            {
              "count": "abc",
              "region": "mars",
              "auth": { "client_secret": "hush-hush" },
              "tags": ["ok", 5, null],
              "accounts": [{ "client_id": "first" }, { "client_secret": "second-secret" }, 7],
              "start_date": "2024-13-01",
              "ratio": true
            }
            """);

        Assert.Equal("FAILED", status.Status);
        Assert.StartsWith("The config file '", status.Message);
        Assert.Equal(
            new[]
            {
                "$.api_key: required",
                "$.count: expected an integer, got \"abc\"",
                "$.region: expected one of \"us-east\", \"eu-west\", got \"mars\"",
                "$.auth.client_id: required",
                "$.tags[1]: expected a string, got 5",
                "$.tags[2]: expected a string, got null",
                "$.accounts[1].client_id: required",
                "$.accounts[2]: expected an object, got 7",
                "$.start_date: expected a yyyy-MM-dd date string, got \"2024-13-01\"",
                "$.ratio: expected a number, got true",
            },
            Problems(status.Message!));
    }

    [Theory]
    [InlineData("\"count\": 0", "$.count: must be at least 1, got 0")]
    [InlineData("\"count\": 1001", "$.count: must be at most 1000, got 1001")]
    [InlineData("\"count\": 2.5", "$.count: expected an integer, got 2.5")]
    [InlineData("\"count\": 3000000000", "$.count: 3000000000 is out of range for a 32-bit number")]
    [InlineData("\"auth\": []", "$.auth: expected an object, got an array")]
    [InlineData("\"tags\": \"a,b\"", "$.tags: expected an array, got \"a,b\"")]
    public async Task Each_kind_of_problem_names_the_path_and_the_value(string property, string problem)
    {
        var status = await CheckAsync($$"""{ "api_key": "{{Secret}}", {{property}} }""");

        Assert.Equal("FAILED", status.Status);
        Assert.Equal(new[] { problem }, Problems(status.Message!));
    }

    [Fact]
    public async Task A_config_that_is_not_an_object_is_rejected()
    {
        var status = await CheckAsync("[1, 2]");

        Assert.Equal("FAILED", status.Status);
        Assert.Equal(new[] { "$: expected an object, got an array" }, Problems(status.Message!));
    }

    [Fact]
    public async Task A_secret_of_the_wrong_type_is_not_echoed()
    {
        var result = await RunCheckAsync("""{ "api_key": 987654321, "auth": { "client_id": "me", "client_secret": 123456789 } }""");

        var status = Status(result);
        Assert.Equal(
            new[] { "$.api_key: expected a string, got a number", "$.auth.client_secret: expected a string, got a number" },
            Problems(status.Message!));
        Assert.DoesNotContain("987654321", result.Stdout + result.Stderr);
        Assert.DoesNotContain("123456789", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_secret_that_fails_its_pattern_is_not_echoed()
    {
        var result = await RunCheckAsync("""{ "api_key": "Not A Valid Key" }""");

        Assert.Equal(new[] { "$.api_key: the value does not match the pattern ^[a-z0-9-]+$" }, Problems(Status(result).Message!));
        Assert.DoesNotContain("Not A Valid Key", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_secret_is_masked_when_the_config_is_invalid_elsewhere_and_in_the_connectors_own_messages()
    {
        var invalid = await RunCheckAsync($$"""{ "api_key": "{{Secret}}", "count": "x", "auth": { "client_id": "me", "client_secret": "{{Secret}}-2" } }""");
        var rejected = await RunCheckAsync($$"""{ "api_key": "{{Secret}}", "count": 13 }""");

        Assert.Equal("FAILED", Status(invalid).Status);
        Assert.DoesNotContain(Secret, invalid.Stdout + invalid.Stderr);
        var status = Status(rejected);
        Assert.Equal("FAILED", status.Status);
        Assert.Equal("The key **** was rejected by the shop.", status.Message);
        Assert.Contains(rejected.OfType("LOG"), log => log.GetProperty("log").GetProperty("message").GetString() == "Checking with key ****");
        Assert.DoesNotContain(Secret, rejected.Stdout + rejected.Stderr);
    }

    [Fact]
    public async Task Unknown_keys_at_any_level_are_ignored_with_a_warning_naming_the_path_and_the_closest_property()
    {
        var result = await RunCheckAsync($$"""
            {
              "api_key": "{{Secret}}",
              "cout": 7,
              "auth": { "client_id": "me", "clientsecret": "hush" },
              "accounts": [{ "client_id": "first" }, { "client_id": "second", "token": "t" }],
              "unknown": "ignored"
            }
            """);

        var status = Status(result);
        Assert.Equal("SUCCEEDED", status.Status);
        Assert.Equal("count=3 region=EuWest client=me tags= accounts=first,second start=none ratio=2.5", status.Message);
        Assert.Equal(
            new[]
            {
                "has an unknown property \"cout\" at $.cout, which is ignored; did you mean \"count\"?",
                "has an unknown property \"unknown\" at $.unknown, which is ignored.",
                "has an unknown property \"clientsecret\" at $.auth.clientsecret, which is ignored; did you mean \"client_secret\"?",
                "has an unknown property \"token\" at $.accounts[1].token, which is ignored.",
            },
            Warnings(result).Select(w => w[(w.IndexOf("' has ", System.StringComparison.Ordinal) + 2)..]));
        Assert.All(Warnings(result), w => Assert.StartsWith("The config file '", w));
    }

    [Fact]
    public async Task With_StrictConfig_unknown_keys_are_config_problems_listed_with_the_others()
    {
        using var strict = LoadedConnector.Load(
            ShopConnector.Source.Replace("[Connector(\"source-shop\", ", "[Connector(\"source-shop\", StrictConfig = true, ", System.StringComparison.Ordinal),
            "Shop.ShopSource");
        using var files = new TempDirectory();

        var result = await strict.RunAsync("check", "--config", files.Write("config.json", $$"""
            { "api_key": "{{Secret}}", "cout": 7, "auth": { "client_id": "me", "clientsecret": "hush" }, "count": "x" }
            """));

        var status = Status(result);
        Assert.Equal("FAILED", status.Status);
        Assert.Equal(
            new[]
            {
                "$.cout: unknown property (did you mean \"count\"?)",
                "$.count: expected an integer, got \"x\"",
                "$.auth.clientsecret: unknown property (did you mean \"client_secret\"?)",
            },
            Problems(status.Message!));
        Assert.Empty(Warnings(result));
    }

    private async Task<(string Status, string? Message)> CheckAsync(string config) => Status(await RunCheckAsync(config));

    private static string[] Warnings(HostResult result) => result.OfType("LOG")
        .Select(m => m.GetProperty("log"))
        .Where(log => log.GetProperty("level").GetString() == "WARN")
        .Select(log => log.GetProperty("message").GetString()!)
        .ToArray();

    private async Task<HostResult> RunCheckAsync(string config)
    {
        using var files = new TempDirectory();
        var result = await shop.RunAsync("check", "--config", files.Write("config.json", config));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static (string Status, string? Message) Status(HostResult result)
    {
        var status = result.Single("CONNECTION_STATUS").GetProperty("connectionStatus");
        return (status.GetProperty("status").GetString()!, status.TryGetProperty("message", out var message) ? message.GetString() : null);
    }

    // "The config file '…' is invalid: $.a: x; $.b: y" → ["$.a: x", "$.b: y"]
    private static string[] Problems(string message) =>
        message[(message.IndexOf(" is invalid: ", System.StringComparison.Ordinal) + " is invalid: ".Length)..].Split("; ");
}
