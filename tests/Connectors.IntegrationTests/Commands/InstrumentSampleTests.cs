using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>The Instrument sample: a poll that emits new result files as records, its commands, and the same class as an Airbyte source.</summary>
public sealed class InstrumentSampleTests : IDisposable
{

    private readonly TempFolder _folder = new();
    private readonly string _results;

    public InstrumentSampleTests()
    {
        _results = Path.Combine(_folder.Path, "results");
        Directory.CreateDirectory(_results);
        Drop("old.json", "S-1", "2024-05-01T09:00:00Z");
    }

    [Fact]
    public async Task The_poll_emits_new_result_files_as_records_but_not_the_files_already_there()
    {
        await using var process = await ServeAsync(intervalSeconds: 0.05);

        Drop("new.json", "S-2", "2024-05-01T10:00:00Z");
        await process.UntilAsync(() => process.Records.Count > 0, "a record");

        var record = Assert.Single(process.Records);
        Assert.Equal("results", record.GetProperty("stream").GetString());
        CustomCommandTests.AssertJson("""
            {"file":"new.json","sample_id":"S-2","analyte":"glucose","value":5.5,"unit":"mmol/L","measured_at":"2024-05-01T10:00:00+00:00"}
            """, record.GetProperty("data"));
    }

    [Fact]
    public async Task SetScheduleInterval_changes_the_interval_of_the_running_poll()
    {
        await using var process = await ServeAsync(intervalSeconds: 3600);
        Drop("new.json", "S-2", "2024-05-01T10:00:00Z");

        var response = await process.CommandAsync("1", "Instrument.Connector.SetScheduleInterval", new { seconds = 0.05 });
        // With the hour-long interval the file would wait an hour; the new interval brings it now.
        await process.UntilAsync(() => process.Records.Count > 0, "the new file, at the new interval");

        AssertSuccess(response);
        CustomCommandTests.AssertJson("""{"interval_seconds": 0.05, "polling": true}""", response.GetProperty("body"));
    }

    [Fact]
    public async Task SetScheduleInterval_refuses_an_interval_that_is_not_positive()
    {
        await using var process = await ServeAsync(intervalSeconds: 1);

        var response = await process.CommandAsync("1", "Instrument.Connector.SetScheduleInterval", new { seconds = 0 });

        AssertFailure(response, "'Instrument.Connector.SetScheduleInterval' failed: seconds must be more than 0, got 0.");
    }

    [Fact]
    public async Task IngestHistorical_emits_the_results_measured_in_the_window()
    {
        Drop("a.json", "S-2", "2024-05-02T08:00:00Z");
        Drop("b.json", "S-3", "2024-05-03T08:00:00Z");
        await using var process = await ServeAsync(intervalSeconds: 3600, status: "IDLE");

        var response = await process.CommandAsync("1", "Instrument.Connector.IngestHistorical",
            new { from = "2024-05-01T00:00:00Z", to = "2024-05-03T00:00:00Z" });

        AssertSuccess(response);
        Assert.Equal(2, response.GetProperty("body").GetProperty("files").GetInt32());
        Assert.Equal(["old.json", "a.json"], process.Records.Select(r => r.GetProperty("data").GetProperty("file").GetString()));
    }

    [Fact]
    public async Task IngestHistorical_refuses_a_window_that_ends_before_it_starts()
    {
        await using var process = await ServeAsync(intervalSeconds: 3600, status: "IDLE");

        var response = await process.CommandAsync("1", "Instrument.Connector.IngestHistorical",
            new { from = "2024-05-03T00:00:00Z", to = "2024-05-01T00:00:00Z" });

        AssertFailure(response, "'Instrument.Connector.IngestHistorical' failed: to (2024-05-01T00:00:00.0000000+00:00) must be after from (2024-05-03T00:00:00.0000000+00:00).");
    }

    [Fact]
    public async Task Stop_stops_the_poll_and_Start_starts_it_again()
    {
        await using var process = await ServeAsync(intervalSeconds: 0.05);

        AssertSuccess(await process.CommandAsync("1", "TetraScience.Connector.Stop"));
        var stopped = await process.CommandAsync("2", "Instrument.Connector.SetScheduleInterval", new { seconds = 0.05 });
        AssertSuccess(await process.CommandAsync("3", "TetraScience.Connector.Start"));
        Drop("new.json", "S-2", "2024-05-01T10:00:00Z");
        await process.UntilAsync(() => process.Records.Count > 0, "a record after Start");

        Assert.False(stopped.GetProperty("body").GetProperty("polling").GetBoolean());
        Assert.Equal("new.json", Assert.Single(process.Records).GetProperty("data").GetProperty("file").GetString());
    }

    [Fact]
    public async Task UpdateConfig_rejects_a_folder_that_does_not_exist()
    {
        await using var process = await ServeAsync(intervalSeconds: 1);

        var response = await process.CommandAsync("1", "TetraScience.Connector.UpdateConfig", new { config = new { watch_folder = "/no/such/folder" } });

        AssertFailure(response, "The config was not updated. The config in the payload was rejected by [ValidateConfig]: the watch folder '/no/such/folder' does not exist");
    }

    [Fact]
    public async Task The_shipped_config_and_catalog_read_the_example_results_as_an_Airbyte_source()
    {
        var output = Connector.Instrument.OutputDirectory;

        var run = await Connector.Instrument.RunAsync(
            ["read", "--config", Path.Combine(output, "config.json"), "--catalog", Path.Combine(output, "catalog.json")], null, workingDirectory: output);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["run-0001.json", "run-0002.json", "run-0003.json"], run.Records("results").Select(r => r.GetProperty("data").GetProperty("file").GetString()));
        Assert.Equal("""{"measured_at":"2024-05-02T14:15:00+00:00"}""", run.States("results").Last().GetProperty("stream").GetProperty("stream_state").GetRawText());
    }

    [Fact]
    public async Task Check_fails_for_a_folder_that_does_not_exist()
    {
        var config = _folder.Write("missing.json", """{"watch_folder": "/no/such/folder"}""");

        var run = await Connector.Instrument.RunAsync("check", "--config", config);

        var status = Assert.Single(run.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Equal("the watch folder '/no/such/folder' does not exist", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Its_health_is_WARNING_while_the_folder_is_missing_and_HEALTHY_when_it_is_back()
    {
        await using var process = await ServeAsync(intervalSeconds: 0.05);

        Directory.Delete(_results, recursive: true);
        await process.UntilAsync(() => Reports(process, "HEALTH").Count > 0, "a health report");
        Directory.CreateDirectory(_results);
        await process.UntilAsync(() => Reports(process, "HEALTH").Count > 1, "the health back");

        var reports = Reports(process, "HEALTH");
        Assert.Equal("WARNING", reports[0].GetProperty("status").GetString());
        Assert.Equal($"Not ingesting: the watch folder '{_results}' does not exist.", reports[0].GetProperty("message").GetString());
        Assert.Equal("HEALTHY", reports[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_new_file_is_handed_off_with_its_metadata_and_counted_in_the_metrics()
    {
        await using var process = await ServeAsync(intervalSeconds: 0.05, "RUNNING", ("METRICS_INTERVAL_SECONDS", "0.1"));

        Drop("new.json", "S-2", "2024-05-01T10:00:00Z");
        await process.UntilAsync(() => Reports(process, "METRICS").Any(m => m.GetProperty("values").EnumerateArray()
            .Any(v => v.GetProperty("name").GetString() == "files_ingested" && v.GetProperty("value").GetDouble() == 1)), "files_ingested = 1");

        var file = Assert.Single(Reports(process, "FILE"));
        Assert.Equal(("new.json", "instrument-results", "S-2"), (file.GetProperty("targetName").GetString(), file.GetProperty("destinationId").GetString(),
            file.GetProperty("metadata").GetProperty("sample_id").GetString()));
        var landed = Path.Combine(DataDirectory, "outbox", "instrument-results", "new.json");
        Assert.Equal(File.ReadAllText(Path.Combine(_results, "new.json")), File.ReadAllText(landed));
        var bytes = Reports(process, "METRICS").Last().GetProperty("values").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "bytes_ingested");
        Assert.Equal(new FileInfo(landed).Length, bytes.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task After_a_restart_it_ingests_what_arrived_while_it_was_down_and_nothing_twice()
    {
        await using (var first = await ServeAsync(intervalSeconds: 0.05))
        {
            Drop("new.json", "S-2", "2024-05-01T10:00:00Z");
            await first.UntilAsync(() => first.Records.Count > 0, "the first record");
            await first.CommandAsync("bye", "TetraScience.Connector.Shutdown");
            await first.WaitForExitAsync();
        }
        Drop("while-down.json", "S-3", "2024-05-01T11:00:00Z");

        await using var second = await ServeAsync(intervalSeconds: 0.05);
        await second.UntilAsync(() => second.Records.Count > 0, "the file that arrived while it was down");
        AssertSuccess(await second.CommandAsync("1", "TetraScience.Connector.Stop"));

        Assert.Equal(["while-down.json"], second.Records.Select(r => r.GetProperty("data").GetProperty("file").GetString()));
    }

    public void Dispose() => _folder.Dispose();

    private string DataDirectory => Path.Combine(_folder.Path, "data");

    private static List<JsonElement> Reports(ConnectorProcess process, string kind) =>
        process.Stdout.Where(m => m.TryGetProperty("report", out var report) && report.GetString() == kind)
            .Select(m => m.GetProperty(kind.ToLowerInvariant())).ToList();

    /// <summary>Starts serving and waits until startup is over (commands are read only then), so the poll's baseline is taken.</summary>
    private async Task<ConnectorProcess> ServeAsync(double intervalSeconds, string status = "RUNNING", params (string Name, string Value)[] environment)
    {
        var config = _folder.Write("config.json", JsonSerializer.Serialize(new { watch_folder = _results, schedule_interval_seconds = intervalSeconds }));
        var variables = new Dictionary<string, string?> { ["CONNECTOR_DATA_DIR"] = DataDirectory };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }
        var process = ConnectorProcess.Start(Connector.Instrument, ["serve", "--config", config, "--status", status], variables);
        AssertSuccess(await process.CommandAsync("ready", "TetraScience.Connector.ListCustomCommands"));
        return process;
    }

    /// <summary>Writes a result file the way an instrument should: under another name first, then renamed.</summary>
    private void Drop(string name, string sample, string measuredAt)
    {
        var temporary = Path.Combine(_folder.Path, name + ".tmp");
        File.WriteAllText(temporary, $$"""{"sample_id": "{{sample}}", "analyte": "glucose", "value": 5.5, "unit": "mmol/L", "measured_at": "{{measuredAt}}"}""");
        File.Move(temporary, Path.Combine(_results, name));
    }
}
