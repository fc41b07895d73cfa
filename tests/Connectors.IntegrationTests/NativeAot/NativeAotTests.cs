using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Commands;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.NativeAot;

/// <summary>
/// Native AOT is a first-class way to ship a connector: a source, a destination and a command host published with
/// <c>PublishAot</c> compile without one trim or AOT warning, and the native executables speak the protocols exactly as
/// the JIT builds do (every stdout line validated against the protocol schema, records against the discovered schemas).
/// </summary>
[Collection(NativePublishes.Name)]
public sealed class NativeAotTests(NativeBuilds builds)
{
    [Fact]
    public void Publishing_the_source_command_host_and_the_destination_prints_no_trim_or_AOT_warning()
    {
        foreach (var build in new[] { builds.Instrument, builds.Journal })
        {
            // The native compiler ran in this publish: its analysis, not an up-to-date skip, is what found nothing.
            Assert.True(build.NativeCodeGenerated, $"{build.Name}: no native compile in\n{build.PublishLog}");
            Assert.True(build.PublishLog.Contains("Generating native code"), $"{build.Name}: no native compile in\n{build.PublishLog}");
            Assert.True(build.TrimAndAotWarnings.Count == 0,
                $"{build.Name}: trim/AOT warnings:\n{string.Join("\n", build.TrimAndAotWarnings)}");
            Assert.True(File.Exists(build.Connector.DllPath), $"no executable at {build.Connector.DllPath}");
            Assert.False(File.Exists(Path.Combine(build.OutputDirectory, build.Name + ".dll")), "a native publish ships no IL assembly");
        }
    }

    [Fact]
    public void The_shared_native_publish_prints_no_trim_or_AOT_warning_for_any_project()
    {
        // Each project's warnings are found by its path; this catches any line a project's filter would miss.
        var warnings = NativeBuilds.TrimAndAotWarnings(builds.PublishLog);
        Assert.True(warnings.Count == 0, $"trim/AOT warnings:\n{string.Join("\n", warnings)}");
    }

    [Fact]
    public async Task The_native_source_answers_spec_check_discover_and_read_as_the_JIT_build_does()
    {
        var native = builds.Instrument.Connector;
        var output = builds.Instrument.OutputDirectory;

        var spec = await native.RunAsync("spec");
        var check = await native.RunAsync("check", "--config", TestFiles.Write("config.json", """{"watch_folder": "/no/such/folder"}"""));
        var discovered = await native.DiscoverAsync();
        var read = await native.RunAsync(["read", "--config", Path.Combine(output, "config.json"), "--catalog", Path.Combine(output, "catalog.json")],
            null, workingDirectory: output);

        Assert.True(spec.ExitCode == 0, spec.Describe());
        Assert.Equal((await Connector.Instrument.RunAsync("spec")).Stdout, spec.Stdout);
        Assert.Equal("FAILED", check.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("status").GetString());
        Assert.Equal((await Connector.Instrument.DiscoverAsync()).Catalog.GetRawText(), discovered.Catalog.GetRawText());
        Assert.True(read.ExitCode == 0, read.Describe());
        Assert.Equal(["run-0001.json", "run-0002.json", "run-0003.json"], read.Records("results").Select(r => r.GetProperty("data").GetProperty("file").GetString()));
        Assert.Equal("""{"measured_at":"2024-05-02T14:15:00+00:00"}""", read.States("results").Last().GetProperty("stream").GetProperty("stream_state").GetRawText());
    }

    [Fact]
    public async Task The_native_destination_stores_what_the_native_source_reads_and_echoes_every_state()
    {
        using var folder = new TempFolder();
        var journal = folder.File("journal.jsonl");
        var output = builds.Instrument.OutputDirectory;
        var catalog = await builds.Instrument.Connector.WriteCatalogAsync("incremental", "append");
        var sourceConfig = folder.Write("source.json", JsonSerializer.Serialize(new { watch_folder = Path.Combine(output, "results") }));
        var destinationConfig = folder.Write("destination.json", JsonSerializer.Serialize(new { journal }));

        var sync = await Pipe.RunAsync(
            builds.Instrument.Connector, ["read", "--config", sourceConfig, "--catalog", catalog],
            builds.Journal.Connector, ["write", "--config", destinationConfig, "--catalog", catalog],
            Pipe.NumberStates());

        Assert.True(sync.Source.ExitCode == 0, sync.Source.Describe());
        Assert.True(sync.Destination.ExitCode == 0, sync.Destination.Describe());
        Pipe.AssertStatesEchoed(sync.Input, sync.Destination);
        var stored = File.ReadAllLines(journal).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.TryGetProperty("data", out _)).Select(line => line.GetProperty("data").GetProperty("file").GetString());
        Assert.Equal(["run-0001.json", "run-0002.json", "run-0003.json"], stored);
    }

    [Fact]
    public async Task The_native_command_host_serves_commands_and_its_poll_emits_records()
    {
        using var folder = new TempFolder();
        var results = Directory.CreateDirectory(folder.File("results")).FullName;
        var config = folder.Write("config.json", JsonSerializer.Serialize(new { watch_folder = results, schedule_interval_seconds = 3600 }));
        await using var process = ConnectorProcess.Start(builds.Instrument.Connector, ["serve", "--config", config, "--status", "RUNNING"]);

        var commands = await process.CommandAsync("1", "TetraScience.Connector.ListCustomCommands");
        var interval = await process.CommandAsync("2", "Instrument.Connector.SetScheduleInterval", new { seconds = 0.05 });
        File.WriteAllText(Path.Combine(folder.Path, "new.tmp"),
            """{"sample_id": "S-2", "analyte": "glucose", "value": 5.5, "unit": "mmol/L", "measured_at": "2024-05-01T10:00:00Z"}""");
        File.Move(Path.Combine(folder.Path, "new.tmp"), Path.Combine(results, "new.json"));
        await process.UntilAsync(() => process.Records.Count > 0, "the new result file as a record");
        var refused = await process.CommandAsync("3", "Instrument.Connector.SetScheduleInterval", new { seconds = 0 });
        var stopped = await process.CommandAsync("4", "TetraScience.Connector.Stop");

        AssertSuccess(commands);
        AssertSuccess(interval);
        CustomCommandTests.AssertJson("""{"interval_seconds": 0.05, "polling": true}""", interval.GetProperty("body"));
        Assert.Equal("new.json", Assert.Single(process.Records).GetProperty("data").GetProperty("file").GetString());
        Assert.Equal("FAILURE", refused.GetProperty("status").GetString());
        AssertSuccess(stopped);
    }
}
