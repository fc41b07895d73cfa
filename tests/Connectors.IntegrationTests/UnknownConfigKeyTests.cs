using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests;

/// <summary>
/// A config key that names no property (a misspelling, a key from another version) is not silently dropped: every command
/// that binds config logs a warning naming the key, its JSON path and the closest property, and carries on; with
/// <c>CONNECTORS_STRICT_CONFIG=true</c> it is a config error like any other.
/// </summary>
public sealed class UnknownConfigKeyTests
{
    private const string Strict = "CONNECTORS_STRICT_CONFIG";

    private static readonly Dictionary<string, string?> StrictOn = new() { [Strict] = "true" };

    [Theory]
    [InlineData("check")]
    [InlineData("discover")]
    [InlineData("read")]
    public async Task Faker_logs_a_misspelt_key_as_a_warning_with_its_path_and_the_closest_property_and_succeeds(string command)
    {
        var config = TestFiles.Write("misspelt-config.json", """{"cout": 5, "seed": 1}""");
        var args = new List<string> { command, "--config", config };
        if (command == "read")
        {
            args.AddRange(["--catalog", await Connector.Faker.CatalogAsync("full_refresh", "products")]);
        }

        var run = await Connector.Faker.RunAsync([.. args]);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(run.Errors);
        var warning = Assert.Single(run.Logs, l => l.GetProperty("level").GetString() == "WARN");
        Assert.Equal($"The config file '{config}' has an unknown property \"cout\" at $.cout, which is ignored; did you mean \"count\"?",
            warning.GetProperty("message").GetString());
        if (command == "check")
        {
            // The key was ignored: count keeps its default.
            var status = Assert.Single(run.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
            Assert.Equal("SUCCEEDED", status.GetProperty("status").GetString());
            Assert.Equal("Faker will generate 1000 users.", status.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task A_destination_logs_an_unknown_key_before_it_writes()
    {
        var journal = TestFiles.Write("unknown-key-journal.jsonl", "");
        var config = TestFiles.Json("journal-config", new { journal, max_batch_record = 2 });
        var catalog = await Connector.Faker.WriteCatalogAsync("full_refresh", "append", "users");

        var run = await Pipe.WriteAsync(Connector.Journal, ["write", "--config", config, "--catalog", catalog], []);

        var warning = Assert.Single(run.Logs, l => l.GetProperty("level").GetString() == "WARN"
            && l.GetProperty("message").GetString()!.Contains("unknown property", System.StringComparison.Ordinal));
        Assert.EndsWith("has an unknown property \"max_batch_record\" at $.max_batch_record, which is ignored; did you mean \"max_batch_records\"?",
            warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Strict_config_makes_unknown_keys_a_config_error_that_lists_every_problem()
    {
        var config = TestFiles.Write("strict-config.json", """{"cout": 5, "seed": "one", "_comment": "for people"}""");

        var discover = await Connector.Faker.RunAsync(["discover", "--config", config], StrictOn);
        var check = await Connector.Faker.RunAsync(["check", "--config", config], StrictOn);

        Assert.True(discover.ExitCode == 1, discover.Describe());
        Assert.Empty(discover.OfType("CATALOG"));
        var error = Assert.Single(discover.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        // An object's unknown keys come first, then its properties' problems.
        var expected = $"The config file '{config}' is invalid: $.cout: unknown property (did you mean \"count\"?); "
            + "$._comment: unknown property; $.seed: expected an integer, got \"one\"";
        Assert.Equal(expected, error.GetProperty("message").GetString());
        Assert.True(check.ExitCode == 0, check.Describe());
        var status = Assert.Single(check.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal(expected, status.GetProperty("message").GetString());
        Assert.DoesNotContain(discover.Logs.Concat(check.Logs), l => l.GetProperty("level").GetString() == "WARN");
    }

    [Fact]
    public async Task An_invalid_strict_config_switch_is_a_config_error_naming_it()
    {
        var config = TestFiles.Json("config", new { count = 5, seed = 1 });

        var run = await Connector.Faker.RunAsync(["discover", "--config", config], new Dictionary<string, string?> { [Strict] = "yes" });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal("The environment variable CONNECTORS_STRICT_CONFIG is 'yes'; expected true or false (or 1 or 0).",
            Assert.Single(run.Errors).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Serve_warns_in_its_structured_log_about_the_config_file_and_about_UpdateConfig_and_ValidateConfig_payloads()
    {
        using var connector = new LifecycleConnector(new { api_key = LifecycleConnector.Secret, verison = 2 });
        await using var process = await connector.ServeAsync();

        var updated = await process.CommandAsync("1", "TetraScience.Connector.UpdateConfig", new { config = new { version = 3, poll_tick = 1 } });
        var validated = await process.CommandAsync("2", "TetraScience.Connector.ValidateConfig", new { config = new { rejectconfig = true } });
        var started = await process.CommandAsync("3", "TetraScience.Connector.Start");

        AssertSuccess(updated);
        AssertSuccess(started);
        Assert.True(validated.GetProperty("body").GetProperty("valid").GetBoolean(), validated.ToString());
        Assert.Equal(
            [
                $"warning: The config file '{connector.ConfigPath}' has an unknown property \"verison\" at $.verison, which is ignored; did you mean \"version\"?",
                "warning: The config in the payload has an unknown property \"poll_tick\" at $.poll_tick, which is ignored.",
                "warning: The config in the payload has an unknown property \"rejectconfig\" at $.rejectconfig, which is ignored; did you mean \"reject_config\"?",
            ],
            process.LogMessages.Where(m => m.StartsWith("warning:", System.StringComparison.Ordinal)));
        var log = process.Logs.First(l => l.GetProperty("level").GetString() == "warning");
        Assert.Equal("$.verison", log.GetProperty("extra").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task With_strict_config_UpdateConfig_refuses_an_unknown_key_and_keeps_the_running_config()
    {
        using var connector = new LifecycleConnector(new { api_key = LifecycleConnector.Secret, version = 2 });
        await using var process = ConnectorProcess.Start(Connector.Lifecycle, ["serve", "--config", connector.ConfigPath],
            new Dictionary<string, string?>(connector.Environment) { [Strict] = "true" });

        var response = await process.CommandAsync("1", "TetraScience.Connector.UpdateConfig", new { config = new { verison = 3 } });

        AssertFailure(response, "The config was not updated. The config in the payload is invalid: $.verison: unknown property (did you mean \"version\"?)");
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");
        Assert.Equal(2, config.GetProperty("body").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_one_shot_command_warns_about_the_config_file()
    {
        using var connector = new LifecycleConnector(new { api_key = LifecycleConnector.Secret, Version = 2 });

        var process = await connector.CommandAsync("Lifecycle.GetConfig");

        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"warning: The config file '{connector.ConfigPath}' has an unknown property \"Version\" at $.Version, which is ignored; did you mean \"version\"?",
            process.LogMessages);
    }
}
