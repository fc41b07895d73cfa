using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Client.Tests.Infrastructure;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>The connectors tool in a pipe: exit codes, plain lines, JSON lines, the default cache.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Wrong_command_lines_exit_2_with_usage()
    {
        using var temp = new TempDirectory();
        var none = await Cli.RunAsync(temp.Path, []);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("connectors sync", none.Stdout);
        var unknown = await Cli.RunAsync(temp.Path, ["sync", "--source", Built.Faker, "--bogus"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--bogus", unknown.Stderr);
        var missing = await Cli.RunAsync(temp.Path, ["check", "--source", Built.Faker]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--config", missing.Stderr);
        var help = await Cli.RunAsync(temp.Path, ["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Exit codes", help.Stdout);
    }

    [Fact]
    public async Task Validate_and_check_report_through_exit_codes()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.json", """{"count":0,"seed":"x"}""");
        var validate = await Cli.RunAsync(temp.Path, ["validate", "--source", Built.Faker, "--config", bad]);
        Assert.Equal(3, validate.ExitCode);
        Assert.Contains("$.count:", validate.Stdout);
        Assert.Contains("$.seed:", validate.Stdout);
        var json = await Cli.RunAsync(temp.Path, ["validate", "--source", Built.Faker, "--config", bad, "--json"]);
        using (var result = JsonDocument.Parse(json.Stdout))
        {
            Assert.False(result.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal(["$.count", "$.seed"], result.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
        }
        var check = await Cli.RunAsync(temp.Path, ["check", "--source", Built.Faker, "--config", "-"], stdin: Configs.FakerJson());
        Assert.Equal(0, check.ExitCode);
        Assert.StartsWith("SUCCEEDED", check.Stdout);
        var failed = await Cli.RunAsync(temp.Path, ["check", "--destination", Built.SqliteDestination, "--config", temp.Write("d.json", """{"path":"/proc/none/x.db"}""")]);
        Assert.Equal(4, failed.ExitCode);
        Assert.StartsWith("FAILED", failed.Stdout);
        var invalidSync = await Cli.RunAsync(temp.Path, ["sync", "--source", Built.Faker, "--config", bad]);
        Assert.Equal(3, invalidSync.ExitCode);
    }

    [Fact]
    public async Task Sync_with_only_a_source_and_config_fills_the_default_cache_and_prints_plain_lines_in_a_pipe()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("faker.json", Configs.FakerJson(count: 100));
        var sync = await Cli.RunAsync(temp.Path, ["sync", "--source", Built.Faker, "--config", config]);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.DoesNotContain('\u001b', sync.Stdout);
        Assert.Contains("stream users: 100 records", sync.Stdout);
        Assert.Contains("stream products: 100 records", sync.Stdout);
        Assert.Contains("reading", sync.Stdout);
        Assert.Contains("finalizing", sync.Stdout);
        var cache = Path.Combine(temp.Path, "cache", "default.sqlite");
        using (var db = CacheInspector.Sqlite(cache))
        {
            Assert.Equal(100, db.Count("users"));
            Assert.NotNull(db.State("source-faker", "users"));
        }

        var again = await Cli.RunAsync(temp.Path, ["sync", "--source", Built.Faker, "--config", config, "--json"]);
        Assert.Equal(0, again.ExitCode);
        var events = again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.GetProperty("event").GetString()));
        var summary = events[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.Equal(0, summary.GetProperty("records").GetInt64());
        Assert.Equal(3, summary.GetProperty("streams").GetArrayLength());
    }

    [Fact]
    public async Task Read_prints_the_selected_streams_messages_as_json_lines()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("faker.json", Configs.FakerJson(count: 20));
        var read = await Cli.RunAsync(temp.Path, ["read", "--source", Built.Faker, "--config", config, "--streams", "users"]);
        Assert.True(read.ExitCode == 0, read.ToString());
        var lines = read.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Empty(ProtocolSchema.ValidateMessage(line, out _)));
        Assert.Equal(20, lines.Count(l => l.Contains("\"type\":\"RECORD\"")));
        Assert.DoesNotContain(lines, l => l.Contains("\"stream\":\"products\""));

        var discover = await Cli.RunAsync(temp.Path, ["discover", "--source", Built.Faker, "--config", config, "--json"]);
        using var catalog = JsonDocument.Parse(discover.Stdout);
        Assert.Equal(3, catalog.RootElement.GetProperty("streams").GetArrayLength());
    }
}
