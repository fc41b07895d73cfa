using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// The platform services through <c>serve</c>, process-level: heartbeats, health, metrics and file hand-offs as report
/// lines on stdout, connector data across a restart, log shipping to a file, the log level from the environment and
/// from code, and a start that fails without a crash loop.
/// </summary>
public sealed class PlatformServicesTests
{
    private const string Shutdown = "TetraScience.Connector.Shutdown";
    private const string Start = "TetraScience.Connector.Start";

    [Fact]
    public async Task Heartbeats_arrive_on_schedule_numbered_with_the_status_and_health()
    {
        using var connector = new LifecycleConnector();
        connector.ExtraEnvironment["HEARTBEAT_INTERVAL_SECONDS"] = "0.2";
        await using var process = await connector.ServeAsync();

        await process.UntilAsync(() => Reports(process, "HEARTBEAT").Count >= 3, "three heartbeats");

        var heartbeats = Reports(process, "HEARTBEAT").Take(3).ToList();
        Assert.Equal([1L, 2L, 3L], heartbeats.Select(h => h.GetProperty("sequence").GetInt64()));
        Assert.All(heartbeats, h =>
        {
            Assert.Equal("lifecycle-test", h.GetProperty("connector").GetString());
            Assert.Equal("RUNNING", h.GetProperty("operatingStatus").GetString());
            Assert.Equal("HEALTHY", h.GetProperty("health").GetString());
        });
        var times = heartbeats.Select(h => h.GetProperty("emittedAt").GetDateTimeOffset()).ToList();
        Assert.True(times[2] > times[1] && times[1] > times[0], string.Join(", ", times));
    }

    [Fact]
    public async Task A_health_change_is_reported_at_once_and_heartbeats_carry_it()
    {
        using var connector = new LifecycleConnector();
        connector.ExtraEnvironment["HEARTBEAT_INTERVAL_SECONDS"] = "0.2";
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.SetHealth", new { status = "WARNING", message = "the folder is gone" }));
        await process.UntilAsync(() => Reports(process, "HEARTBEAT").Any(h => h.GetProperty("health").GetString() == "WARNING"), "a WARNING heartbeat");

        var health = Assert.Single(Reports(process, "HEALTH"));
        Assert.Equal("WARNING", health.GetProperty("status").GetString());
        Assert.Equal("the folder is gone", health.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Metrics_are_reported_periodically_with_counter_totals_and_gauge_values()
    {
        using var connector = new LifecycleConnector();
        connector.ExtraEnvironment["METRICS_INTERVAL_SECONDS"] = "0.2";
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Count", new { name = "files_ingested", by = 2 }));
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.Count", new { name = "files_ingested", by = 3 }));
        AssertSuccess(await process.CommandAsync("3", "Lifecycle.Gauge", new { name = "queue_depth", value = 7 }));
        await process.UntilAsync(() => Metric(process, "queue_depth") is not null, "a metrics report with the gauge");

        Assert.Equal(5, Metric(process, "files_ingested")!.Value.GetProperty("value").GetDouble());
        Assert.Equal("counter", Metric(process, "files_ingested")!.Value.GetProperty("kind").GetString());
        Assert.Equal(7, Metric(process, "queue_depth")!.Value.GetProperty("value").GetDouble());
        Assert.True(Metric(process, "process.memory.bytes")!.Value.GetProperty("value").GetDouble() > 0);
    }

    [Fact]
    public async Task The_last_metrics_are_reported_before_the_Shutdown_response_which_is_the_last_line()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Count", new { name = "errors", by = 1 }));

        await process.CommandAsync("2", Shutdown);
        await process.WaitForExitAsync();

        Assert.Equal(1, Metric(process, "errors")!.Value.GetProperty("value").GetDouble());
        Assert.Equal("2", process.Stdout[^1].GetProperty("commandId").GetString());
    }

    [Fact]
    public async Task Connector_data_survives_a_restart_and_a_secure_value_never_appears_in_any_output_or_on_disk()
    {
        const string secret = "tok-9f2e-never-print-me";
        using var connector = new LifecycleConnector();
        var outputs = new StringBuilder();
        await using (var first = await connector.ServeAsync())
        {
            AssertSuccess(await first.CommandAsync("1", "Lifecycle.SaveData", new { key = "last_file", value = "b.json", secure = false }));
            AssertSuccess(await first.CommandAsync("2", "Lifecycle.SaveData", new { key = "token", value = secret, secure = true }));
            var read = await first.CommandAsync("3", "Lifecycle.GetData", new { keys = new[] { "token" } });
            Assert.Equal("****", read.GetProperty("body")[0].GetProperty("value").GetString());
            await first.CommandAsync("4", Shutdown);
            await first.WaitForExitAsync();
            outputs.Append(first.StdoutText).Append(first.StderrText);
        }

        await using var second = await connector.ServeAsync("--debug");
        var values = await second.CommandAsync("1", "Lifecycle.GetData", new { keys = new[] { "last_file", "token", "missing" } });
        await second.CommandAsync("2", Shutdown);
        await second.WaitForExitAsync();
        outputs.Append(second.StdoutText).Append(second.StderrText);

        AssertSuccess(values);
        CustomCommandTests.AssertJson("""
            [{"key":"last_file","value":"b.json","secure":false},{"key":"token","value":"****","secure":true}]
            """, values.GetProperty("body"));
        Assert.DoesNotContain(secret, outputs.ToString());
        foreach (var file in Directory.GetFiles(connector.DataDirectory))
        {
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public async Task On_the_JSON_store_serve_says_once_where_connector_data_is_and_which_package_brings_SQLite()
    {
        // The Lifecycle test connector does not reference Connectors.Platform.Sqlite: its store is the JSON file.
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var beforeUse = process.LogMessages.Count(m => m.Contains("Connectors.Platform.Sqlite", StringComparison.Ordinal));

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.SaveData", new { key = "last_file", value = "a.json", secure = false }));
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.GetData", new { keys = new[] { "last_file" } }));
        await process.CommandAsync("3", Shutdown);
        await process.WaitForExitAsync();

        Assert.Equal(0, beforeUse);
        var notice = Assert.Single(process.LogMessages, m => m.Contains("Connectors.Platform.Sqlite", StringComparison.Ordinal));
        Assert.StartsWith("info: ", notice);
        Assert.Contains(Path.Combine(connector.DataDirectory, "connector-data.json"), notice);
        Assert.True(File.Exists(Path.Combine(connector.DataDirectory, "connector-data.json")));
    }

    [Fact]
    public async Task A_handed_off_file_lands_in_the_outbox_with_its_metadata_and_a_FILE_report()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.HandOff",
            new { name = "run-7/result.json", content = """{"value":5.5}""", destination_id = "lake", sample_id = "S-1" });

        AssertSuccess(response);
        var location = response.GetProperty("body").GetProperty("location").GetString()!;
        Assert.Equal(Path.Combine(connector.DataDirectory, "outbox", "lake", "run-7", "result.json"), location);
        Assert.Equal("""{"value":5.5}""", File.ReadAllText(location));
        var report = Assert.Single(Reports(process, "FILE"));
        Assert.Equal(response.GetProperty("body").GetProperty("file_id").GetString(), report.GetProperty("fileId").GetString());
        Assert.Equal("lake", report.GetProperty("destinationId").GetString());
        Assert.Equal("S-1", report.GetProperty("metadata").GetProperty("sample_id").GetString());
        Assert.Equal(13, report.GetProperty("bytes").GetInt64());
        using var metadata = JsonDocument.Parse(File.ReadAllText(location + ".metadata.json"));
        Assert.Equal("S-1", metadata.RootElement.GetProperty("metadata").GetProperty("sample_id").GetString());
    }

    [Fact]
    public async Task File_status_records_are_saved_in_batches_and_read_back_after_a_restart()
    {
        using var connector = new LifecycleConnector();
        await using (var first = await connector.ServeAsync())
        {
            var saved = await first.CommandAsync("1", "Lifecycle.SaveFiles", new { count = 1234, status = "SUCCESS" });
            Assert.Equal(1234, saved.GetProperty("body").GetInt32());
            await first.CommandAsync("2", Shutdown);
            await first.WaitForExitAsync();
        }

        await using var second = await connector.ServeAsync();
        Assert.Equal(1234, (await second.CommandAsync("1", "Lifecycle.CountFiles", new { status = "SUCCESS" })).GetProperty("body").GetInt32());
        Assert.Equal(0, (await second.CommandAsync("2", "Lifecycle.CountFiles", new { status = "ERROR" })).GetProperty("body").GetInt32());
    }

    [Fact]
    public async Task Logs_are_shipped_on_start_on_demand_and_at_stop_in_timestamp_order()
    {
        using var connector = new LifecycleConnector();
        var shipped = connector.Folder.File("shipped.jsonl");
        connector.ExtraEnvironment["CONNECTOR_LOG_FILE"] = shipped;
        connector.ExtraEnvironment["LOG_FLUSH_INTERVAL_SECONDS"] = "3600";
        connector.ExtraEnvironment["LOG_BATCH_SIZE"] = "100000";
        await using var process = await connector.ServeAsync();

        // The start flush: what start-up logged is in the file before any command.
        await process.UntilAsync(() => ShippedMessages(shipped).Any(m => m.StartsWith("Loaded the config file", StringComparison.Ordinal)),
            "the start flush");
        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Log", new { message = "on demand" }));
        Assert.DoesNotContain("info: on demand", ShippedMessages(shipped));
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.FlushLogs"));
        Assert.Contains("info: on demand", ShippedMessages(shipped));

        AssertSuccess(await process.CommandAsync("3", "Lifecycle.Log", new { message = "at stop" }));
        await process.CommandAsync("4", Shutdown);
        await process.WaitForExitAsync();

        Assert.Contains("critical: at stop", ShippedMessages(shipped));
        var times = File.ReadAllLines(shipped).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.DoesNotContain(LifecycleConnector.Secret, File.ReadAllText(shipped));
    }

    [Theory]
    [InlineData("warning", new[] { "warning", "error", "critical" })]
    [InlineData("ERROR", new[] { "error", "critical" })]
    [InlineData("debug", new[] { "debug", "info", "warning", "error", "critical" })]
    public async Task LOG_LEVEL_sets_the_level_of_every_log_line(string level, string[] expected)
    {
        using var connector = new LifecycleConnector();
        connector.ExtraEnvironment["LOG_LEVEL"] = level;
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.Log", new { message = "m" }));
        await process.CommandAsync("2", Shutdown);
        await process.WaitForExitAsync();

        // Lifecycle.Log logs "<level>: m" once at each level.
        Assert.Equal(expected, process.LogMessages.Where(m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^(\w+): \1: m\b"))
            .Select(m => m[..m.IndexOf(':')]));
        Assert.All(process.Logs, l => Assert.Contains(l.GetProperty("level").GetString(), expected));
    }

    [Fact]
    public async Task Connector_code_can_set_the_log_level()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.SetLevel", new { level = "ERROR" }));
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.Log", new { message = "m" }));

        Assert.Equal(["error: error: m", "critical: critical: m"], process.LogMessages.Where(m => m.EndsWith(": m", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_start_hook_that_fails_at_startup_leaves_the_connector_serving_IDLE_with_an_ERROR_health_until_a_Start_succeeds()
    {
        using var connector = new LifecycleConnector(new { fail_hook = "OnStart" });
        await using var process = await connector.ServeAsync();

        var config = await process.CommandAsync("1", "Lifecycle.GetConfig");
        Assert.Equal("Idle", config.GetProperty("body").GetProperty("status").GetString());
        await process.UntilAsync(() => Reports(process, "HEARTBEAT").Count > 0, "a heartbeat");
        var health = Reports(process, "HEALTH")[0];
        Assert.Equal("ERROR", health.GetProperty("status").GetString());
        Assert.StartsWith("The connector could not start RUNNING: The [OnStart] hook failed", health.GetProperty("message").GetString());
        var heartbeat = Reports(process, "HEARTBEAT")[0];
        Assert.Equal(("IDLE", "ERROR"), (heartbeat.GetProperty("operatingStatus").GetString(), heartbeat.GetProperty("health").GetString()));
        Assert.Contains(process.LogMessages, m => m.StartsWith("error: The connector could not start RUNNING and stays IDLE: The [OnStart] hook failed",
            StringComparison.Ordinal));

        // The config file is the source: fixed there, the next Start reloads it and succeeds, and the health is cleared.
        File.WriteAllText(connector.ConfigPath, JsonSerializer.Serialize(new { api_key = LifecycleConnector.Secret, version = 2 }));
        AssertSuccess(await process.CommandAsync("2", Start));
        await process.UntilAsync(() => Reports(process, "HEALTH").Any(h => h.GetProperty("status").GetString() == "HEALTHY"), "health back to HEALTHY");
        Assert.Contains("OnStart RUNNING v2", connector.Journal());
        Assert.False(process.HasExited);
    }

    [Fact]
    public async Task Start_and_Stop_reload_a_config_file_that_changed()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        File.WriteAllText(connector.ConfigPath, JsonSerializer.Serialize(new { api_key = LifecycleConnector.Secret, version = 5 }));
        AssertSuccess(await process.CommandAsync("1", "TetraScience.Connector.Stop"));

        Assert.Equal(5, (await process.CommandAsync("2", "Lifecycle.GetConfig")).GetProperty("body").GetProperty("version").GetInt32());
        Assert.Equal(["OnConnectorUpdated IDLE v5", "OnStop IDLE v5"], connector.Journal().TakeLast(2));
    }

    [Fact]
    public async Task A_payload_field_the_command_does_not_declare_fails_the_command()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Count", new { name = "x", by = 1, bye = 2 });

        AssertFailure(response, "The payload of 'Lifecycle.Count' is invalid: $.bye: unknown field. Known fields: by, name.");
    }

    [Fact]
    public async Task A_field_a_nested_payload_object_does_not_declare_fails_the_command_naming_its_path()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Echo", new
        {
            text = "t", count = 1, ratio = 1.0, flag = true, color = "Red", at = "2024-01-02T03:04:05Z", extra = 0, numbers = new[] { 1 },
            window = new { from = "2024-01-01T00:00:00Z", to = "2024-01-02T00:00:00Z", extra = true },
            filter = new { name = "f", colour = "Red" },
        });

        AssertFailure(response, "The payload of 'Lifecycle.Echo' is invalid: $.window.extra: unknown field; "
            + "$.filter.colour: unknown field (did you mean \"color\"?). "
            + "Known fields of $.window: from, label, to. Known fields of $.filter: color, limit, name, tags.");
        Assert.Equal("SUCCESS", (await process.CommandAsync("2", "Lifecycle.Count", new { name = "x", by = 1 })).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_envelope_without_an_id_runs_as_in_the_seeds_examples_and_is_answered_with_a_null_commandId()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        process.Send("""{"payload": {"level": "DEBUG"}, "action": "TetraScience.Connector.SetLogLevel", "targetId": "your-connector-id"}""");
        var response = await process.ResponseAsync(null);

        AssertSuccess(response);
        Assert.Equal("DEBUG", response.GetProperty("body").GetProperty("level").GetString());
    }

    [Fact]
    public async Task Under_the_HTTP_platform_reports_data_and_logs_go_to_the_API_and_stdout_carries_only_responses()
    {
        const string token = "tok-secret-123456";
        using var api = new Connectors.Runtime.Tests.Support.FakePlatformApi();
        using var connector = new LifecycleConnector();
        connector.ExtraEnvironment["TDP_ENDPOINT"] = api.Endpoint;
        connector.ExtraEnvironment["CONNECTOR_ID"] = "c-1";
        connector.ExtraEnvironment["CONNECTOR_TOKEN"] = token;
        connector.ExtraEnvironment["HEARTBEAT_INTERVAL_SECONDS"] = "0.2";
        await using var process = await connector.ServeAsync();

        AssertSuccess(await process.CommandAsync("1", "Lifecycle.SaveData", new { key = "password", value = "pa55-word-secret", secure = true }));
        var read = await process.CommandAsync("2", "Lifecycle.GetData", new { keys = new[] { "password" } });
        await process.UntilAsync(() => api.Of("POST", "/heartbeat").Count >= 2, "two heartbeats at the API");
        await process.CommandAsync("3", Shutdown);
        await process.WaitForExitAsync();

        Assert.Equal("****", read.GetProperty("body")[0].GetProperty("value").GetString());
        Assert.Single(api.Of("PUT", "/data"));
        Assert.NotEmpty(api.Of("POST", "/metrics"));
        Assert.Contains(api.Of("POST", "/logs"), r => r.Body.Contains("Loaded the config file", StringComparison.Ordinal));
        Assert.All(api.Requests, r => Assert.Equal("Bearer " + token, r.Authorization));
        Assert.All(process.Stdout, m => Assert.True(m.TryGetProperty("commandId", out _), m.ToString()));
        Assert.DoesNotContain(token, process.StdoutText + process.StderrText);
        Assert.DoesNotContain("pa55-word-secret", process.StdoutText + process.StderrText);
        Assert.False(Directory.Exists(connector.DataDirectory));
    }

    private static List<JsonElement> Reports(ConnectorProcess process, string kind) =>
        process.Stdout.Where(m => m.TryGetProperty("report", out var report) && report.GetString() == kind)
            .Select(m => m.GetProperty(kind.ToLowerInvariant())).ToList();

    /// <summary>The metric of that name in the latest metrics report that has it.</summary>
    private static JsonElement? Metric(ConnectorProcess process, string name) =>
        Reports(process, "METRICS").SelectMany(m => m.GetProperty("values").EnumerateArray()).LastOrDefault(v => v.GetProperty("name").GetString() == name)
            is { ValueKind: JsonValueKind.Object } found ? found : null;

    private static List<string> ShippedMessages(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetString()!).ToList()
            : [];
}
