using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// A new user's first ten minutes, as the documents tell them: the commands of docs/getting-started.md's marked blocks
/// (build/local-feed.sh in the clone, then from an empty folder: dotnet new, build, test, run, and the new source piped
/// into the new destination), read from the document and run as one shell session, with HOME in a temporary folder so
/// the user's templates and NuGet settings are untouched. The README's quick path must be the same commands, abridged.
/// </summary>
/// <remarks>
/// In the SDK feed's collection so that no other test packs the repository's projects at the same time; it runs the
/// script itself, which packs the Debug build the test run already has (CONNECTORS_PACK_CONFIGURATION) into the
/// temporary home. Restores use the machine's NuGet package cache; this run's SDK version is deleted from it at the end.
/// </remarks>
[Collection(SdkFeedCollection.Name)]
public class FirstTenMinutesTests(ITestOutputHelper output)
{
    private const string Walkthrough = "first-ten-minutes";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(12);

    [Fact]
    public void README_quick_path_is_the_getting_started_walkthrough_abridged()
    {
        var guide = DocumentedCommands.Read("docs/getting-started.md", Walkthrough);
        var readme = DocumentedCommands.Read("README.md", Walkthrough);

        Assert.NotEmpty(readme.Blocks);
        Assert.Contains(readme.Sequence(), command => command.StartsWith("dotnet new connector-source", StringComparison.Ordinal));
        var problem = guide.WhyNotAbridgedBy(readme);
        Assert.True(problem is null, problem);
    }

    [Fact]
    public async Task Getting_started_runs_as_written_from_an_empty_folder_to_a_full_sync()
    {
        var guide = DocumentedCommands.Read("docs/getting-started.md", Walkthrough);
        Assert.Equal(DocumentedCommands.Repository, guide.Blocks.First().In);
        Assert.Contains(guide.Blocks, block => block.In == DocumentedCommands.EmptyFolder);
        var sandbox = Path.Combine(Path.GetTempPath(), $"connectors-first-ten-minutes-{Environment.ProcessId}");
        var home = Path.Combine(sandbox, "home");
        var emptyFolder = Path.Combine(sandbox, "work");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(emptyFolder);
        try
        {
            var run = await DotnetCli.RunScriptAsync(emptyFolder, guide.Script(SdkFeed.RepoRoot, emptyFolder), new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["DOTNET_CLI_HOME"] = home,
                ["NUGET_PACKAGES"] = SdkFeed.PackageCache,
                ["CONNECTORS_PACK_CONFIGURATION"] = SdkFeed.Configuration,
                // Builds leave no compiler server or MSBuild nodes running after the test.
                ["UseSharedCompilation"] = "false",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            }, Timeout);
            output.WriteLine(run.Output);

            AssertFirstSync(run, home, emptyFolder);
        }
        finally
        {
            foreach (var version in PackedVersions(home))
            {
                SdkFeed.DeleteFromPackageCache(version);
            }
            SdkFeed.TryDelete(sandbox);
        }
    }

    private static void AssertFirstSync(DotnetCli.ScriptRun run, string home, string emptyFolder)
    {
        // The script packed one version into ~/.connectors/feed; the new project took it as its default and restored it
        // from there (the nuget.config the template brought), without --sdk-version or any editing.
        var version = Assert.Single(PackedVersions(home));
        var source = Path.Combine(emptyFolder, "Weather");
        Assert.True(File.Exists(Path.Combine(source, "nuget.config")), "the source has no nuget.config for the local feed");
        using (var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(source, "src", "Weather", "obj", "project.assets.json"))))
        {
            Assert.Contains($"Connectors.Runtime/{version}", assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name));
        }

        // Every protocol message printed along the way is valid, and the source's read printed records and a state.
        var messages = new List<JsonElement>();
        foreach (var line in run.Stdout.Split('\n').Where(line => line.StartsWith("{\"type\":", StringComparison.Ordinal)))
        {
            var problems = ProtocolSchema.ValidateMessage(line, out _);
            Assert.True(problems.Count == 0, $"{line}\n{string.Join("\n", problems)}\n\n{run.Output}");
            messages.Add(JsonDocument.Parse(line).RootElement);
        }
        var records = messages.Where(m => m.GetProperty("type").GetString() == "RECORD").Select(m => m.GetProperty("record")).ToList();
        Assert.NotEmpty(records);
        var streams = records.Select(r => r.GetProperty("stream").GetString()).Distinct().ToList();
        var stream = Assert.Single(streams);

        // The full sync: the source's records, in order, in the destination's output, and the source's state echoed
        // with the count the destination committed.
        var stored = File.ReadAllLines(Path.Combine(emptyFolder, "Lake", "output", stream + ".jsonl"));
        Assert.Equal(records.Select(r => r.GetProperty("data").GetRawText()), stored);
        var echoed = messages.Where(m => m.GetProperty("type").GetString() == "STATE")
            .Select(m => m.GetProperty("state"))
            .Where(state => state.TryGetProperty("destinationStats", out _))
            .ToList();
        Assert.Equal(records.Count, echoed.Sum(state => state.GetProperty("destinationStats").GetProperty("recordCount").GetDouble()));
    }

    /// <summary>The versions build/local-feed.sh packed into the home's feed (none if it did not run).</summary>
    private static IEnumerable<string> PackedVersions(string home)
    {
        var feed = Path.Combine(home, ".connectors", "feed");
        const string prefix = "Connectors.Runtime.";
        return Directory.Exists(feed)
            // Connectors.Runtime.<version>, not Connectors.Runtime.Conduit.<version>: a version starts with a digit.
            ? Directory.GetFiles(feed, prefix + "*.nupkg").Select(file => Path.GetFileNameWithoutExtension(file)[prefix.Length..])
                .Where(version => char.IsAsciiDigit(version[0])).ToList()
            : [];
    }
}
