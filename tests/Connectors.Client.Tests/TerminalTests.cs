using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// <c>connectors sync</c> in a real terminal: a detached tmux session runs it, and the pane is captured while it runs and
/// at the end. The progress table must be redrawn in place (one table, growing counts) and the summary must be right.
/// </summary>
public sealed partial class TerminalTests
{
    [Fact]
    public async Task The_progress_table_updates_in_place_and_the_summary_counts_every_record()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("faker.json", Configs.FakerJson(count: 150_000));
        var session = "connectors-test-" + Guid.NewGuid().ToString("N")[..8];
        var command = $"cd '{temp.Path}' && CONNECTORS_HOME='{temp.Path}' dotnet '{Built.Cli}' sync --source '{Built.Faker}' --config '{config}' "
            + $"--streams users --cache 'duckdb:{temp.File("cache.duckdb")}'; echo \"EXIT=$?\"; sleep 600";
        await Tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40", command);
        try
        {
            string? running = null, later = null;
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline && later is null)
            {
                var pane = await Tmux("capture-pane", "-p", "-t", session);
                if (pane.Contains("EXIT="))
                {
                    break;
                }
                var records = ReadingRecords(pane);
                if (records > 0 && records < 150_000)
                {
                    if (running is null)
                    {
                        running = pane;
                    }
                    else if (records > ReadingRecords(running))
                    {
                        later = pane;
                    }
                }
                await Task.Delay(150);
            }
            Assert.True(running is not null && later is not null, "The sync finished before two updates could be captured.");
            foreach (var pane in new[] { running!, later! })
            {
                // One table, redrawn where it was: one title and one header line, not a scroll of them.
                Assert.Single(Regex.Matches(pane, "source-faker → duckdb — reading"));
                Assert.Single(Regex.Matches(pane, @"│ stream\s+│ status"));
                Assert.Contains("running", pane);
            }
            Assert.Equal(TitleLine(running!), TitleLine(later!));

            string final = "";
            while (DateTime.UtcNow < deadline)
            {
                final = await Tmux("capture-pane", "-p", "-t", session, "-S", "-100");
                if (final.Contains("EXIT="))
                {
                    break;
                }
                await Task.Delay(200);
            }
            Assert.Contains("EXIT=0", final);
            Assert.Matches(@"source-faker → duckdb: 150,000 records in [0-9.]+s", final);
            Assert.Matches(@"│ users\s+│\s+150,000 │", final);
            Assert.Contains("Into duckdb:", final);
        }
        finally
        {
            await Tmux("kill-session", "-t", session);
        }
    }

    private static long ReadingRecords(string pane)
    {
        var match = UsersRow().Match(pane);
        return match.Success && pane.Contains("— reading") ? long.Parse(match.Groups[1].Value.Replace(",", "")) : 0;
    }

    private static int TitleLine(string pane) =>
        Array.FindIndex(pane.Split('\n'), line => line.Contains("source-faker → duckdb — reading"));

    [GeneratedRegex(@"│ users\s+│ \w+\s+│\s+([0-9,]+) │")]
    private static partial Regex UsersRow();

    private static async Task<string> Tmux(params string[] arguments)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("tmux did not start (apt-get install tmux; .ci/run does).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
