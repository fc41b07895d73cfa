using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// A source config whose api_key references an environment variable. The Kitchen test source logs that key and puts it in
/// its exception messages; nothing the tool prints or writes may hold it, and the config file the connector reads exists
/// only during the run, readable by its owner only.
/// </summary>
public sealed class SecretsTests
{
    private const string Secret = "kitchen-Secret/value+42 &x";

    [Fact]
    public async Task A_referenced_secret_never_appears_in_what_the_tool_prints_or_writes()
    {
        using var temp = new TempDirectory();
        var home = Directory.CreateDirectory(temp.File("home")).FullName;
        var seen = temp.File("seen-configs.txt");
        var kitchen = temp.Write("source-kitchen", $"""
            #!/bin/sh
            # Records each config file's mode and path, then runs the connector.
            prev=""
            for arg in "$@"; do
              if [ "$prev" = "--config" ]; then stat -c '%a %n' "$arg" >> '{seen}'; fi
              prev="$arg"
            done
            exec dotnet '{Built.Kitchen}' "$@"

            """);
        File.SetUnixFileMode(kitchen, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = temp.Write("kitchen.json", """{"api_key":"secret_reference::KITCHEN_API_KEY","records":5,"fail_after":2}""");
        var environment = new Dictionary<string, string> { ["KITCHEN_API_KEY"] = Secret };
        var cache = "sqlite:" + temp.File("cache.sqlite");

        var runs = new List<CliResult>
        {
            await Cli.RunAsync(home, ["validate", "--source", kitchen, "--config", config], environment),
            await Cli.RunAsync(home, ["check", "--source", kitchen, "--config", config, "--verbose"], environment),
            await Cli.RunAsync(home, ["discover", "--source", kitchen, "--config", config, "--json"], environment),
            await Cli.RunAsync(home, ["read", "--source", kitchen, "--config", config, "--streams", "numbers", "--verbose"], environment),
            await Cli.RunAsync(home, ["sync", "--source", kitchen, "--config", config, "--streams", "numbers", "--cache", cache, "--verbose"], environment),
            await Cli.RunAsync(home, ["sync", "--source", kitchen, "--config", config, "--streams", "numbers,failing", "--cache", cache, "--json", "--verbose"], environment),
        };
        Assert.Equal([0, 0, 0, 0, 0, 1], runs.Select(r => r.ExitCode));
        // The connector did put the key into its logs and errors: the masked form shows it went through the masker.
        Assert.Contains(runs, r => r.Stderr.Contains("api key ****"));
        Assert.Contains("rejected api key ****", runs[^1].Stderr);
        Assert.Contains("\"event\":\"failed\"", runs[^1].Stdout);
        Assert.Contains("\"type\":\"RECORD\"", runs[3].Stdout);

        var forms = new[] { Secret, Uri.EscapeDataString(Secret), System.Text.Json.JsonSerializer.Serialize(Secret).Trim('"') };
        foreach (var run in runs)
        {
            foreach (var form in forms)
            {
                Assert.DoesNotContain(form, run.Stdout + run.Stderr);
            }
        }
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(Encoding.UTF8.GetString(bytes).Contains(Secret), $"{file} holds the secret.");
        }

        // Each run's config was 0600 while the connector ran, and is gone now.
        var configs = File.ReadAllLines(seen);
        Assert.NotEmpty(configs);
        foreach (var line in configs)
        {
            var (mode, path) = (line[..line.IndexOf(' ')], line[(line.IndexOf(' ') + 1)..]);
            Assert.Equal("600", mode);
            Assert.False(File.Exists(path), $"{path} was left behind.");
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)), $"{Path.GetDirectoryName(path)} was left behind.");
        }
    }
}
