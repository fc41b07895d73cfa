using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// <c>serve</c> under the load a platform puts on it: commands written back to back without waiting for answers, rounds
/// of mixed custom and lifecycle commands, bursts of thousands, Shutdown or the end of stdin right behind them, and a line
/// far larger than the limit. Every id gets exactly one response, lifecycle effects happen in arrival order, and memory
/// stays proportional to the envelope limit.
/// </summary>
public sealed class CommandOrderTests
{
    private const string Start = LifecycleCommandTests.Start;
    private const string Stop = LifecycleCommandTests.Stop;
    private const string Shutdown = LifecycleCommandTests.Shutdown;
    private const string UpdateConfig = LifecycleCommandTests.UpdateConfig;
    private const string ListCustomCommands = "TetraScience.Connector.ListCustomCommands";
    private const string SetLogLevel = "TetraScience.Connector.SetLogLevel";

    private static string Envelope(string id, string action, object? payload = null) => JsonSerializer.Serialize(new { id, action, payload });

    [Fact]
    public async Task Commands_written_right_before_Shutdown_are_all_run_in_every_run()
    {
        for (var run = 0; run < 10; run++)
        {
            using var connector = new LifecycleConnector();
            await using var process = await connector.ServeAsync();

            process.Send(string.Join("\n", Envelope("list", ListCustomCommands), Envelope("level", SetLogLevel, new { level = "DEBUG" }),
                Envelope("stop", Stop), Envelope("bye", Shutdown)));
            await process.WaitForExitAsync();

            Assert.Equal(0, process.ExitCode);
            Assert.Equal(["list", "level", "stop", "bye"], process.Responses.Select(Id));
            Assert.All(process.Responses, r => Assert.True(Status(r) == "SUCCESS", $"run {run}: {r}"));
            Assert.Equal(["OnConnectorUpdated IDLE v1", "OnStop IDLE v1", "OnShutdown IDLE v1"], connector.JournalAfter(4));
        }
    }

    [Fact]
    public async Task A_hundred_rounds_of_mixed_commands_take_effect_in_arrival_order_and_each_gets_one_response()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var sent = new List<string>();
        for (var round = 1; round <= 100; round++)
        {
            var lines = new[]
            {
                Envelope($"{round}-sleep", "Lifecycle.Sleep", new { seconds = 0.001 }),
                Envelope($"{round}-level", SetLogLevel, new { level = round % 2 == 0 ? "DEBUG" : "INFO" }),
                Envelope($"{round}-stop", Stop),
                Envelope($"{round}-idle", "Lifecycle.GetConfig"),
                Envelope($"{round}-start", Start),
                Envelope($"{round}-update", UpdateConfig, new { config = new { api_key = LifecycleConnector.Secret, version = round + 1 } }),
                Envelope($"{round}-running", "Lifecycle.GetConfig"),
            };
            sent.AddRange(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!));
            process.Send(string.Join("\n", lines));
        }
        process.Send(Envelope("bye", Shutdown));
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var responses = process.Responses;
        Assert.Equal(sent.Append("bye").Order(StringComparer.Ordinal), responses.Select(Id).Order(StringComparer.Ordinal));
        Assert.All(responses, r => Assert.True(Status(r) == "SUCCESS", r.ToString()));
        var byId = responses.ToDictionary(r => Id(r));
        for (var round = 1; round <= 100; round++)
        {
            Assert.Equal("Idle", byId[$"{round}-idle"].GetProperty("body").GetProperty("status").GetString());
            Assert.Equal(round, byId[$"{round}-idle"].GetProperty("body").GetProperty("version").GetInt32());
            Assert.Equal("Running", byId[$"{round}-running"].GetProperty("body").GetProperty("status").GetString());
            Assert.Equal(round + 1, byId[$"{round}-running"].GetProperty("body").GetProperty("version").GetInt32());
        }
        var expected = Enumerable.Range(1, 100).SelectMany(round => new[]
        {
            "sleep started",
            $"OnConnectorUpdated IDLE v{round}", $"OnStop IDLE v{round}",
            $"OnConnectorUpdated RUNNING v{round}", $"OnStart RUNNING v{round}",
            $"OnConnectorUpdated RUNNING v{round + 1}",
        }).Append("OnShutdown RUNNING v101");
        Assert.Equal(expected, connector.JournalAfter(4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_burst_of_two_thousand_mixed_commands_is_answered_in_full_before_Shutdown_or_the_end_of_input(bool shutdown)
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        var lines = Enumerable.Range(0, 2000).Select(i => (i % 8) switch
        {
            0 => Envelope($"b{i}", Stop),
            1 => Envelope($"b{i}", "Lifecycle.Raw", new { json = i.ToString(CultureInfo.InvariantCulture) }),
            2 => Envelope($"b{i}", Start),
            3 => Envelope($"b{i}", SetLogLevel, new { level = "INFO" }),
            4 => Envelope($"b{i}", UpdateConfig, new { config = new { version = i } }),
            5 => Envelope($"b{i}", "Lifecycle.GetConfig"),
            6 => Envelope($"b{i}", "Lifecycle.Sleep", new { seconds = 0.001 }),
            _ => Envelope($"b{i}", ListCustomCommands),
        }).ToList();
        if (shutdown)
        {
            lines.Add(Envelope("bye", Shutdown));
        }

        process.Send(string.Join("\n", lines));
        if (!shutdown)
        {
            process.CloseInput();
        }
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var ids = process.Responses.Select(Id).ToList();
        Assert.Equal(lines.Count, ids.Count);
        Assert.Equal(lines.Count, ids.Distinct().Count());
        Assert.All(process.Responses, r => Assert.True(Status(r) == "SUCCESS", r.ToString()));
        Assert.Equal("OnShutdown RUNNING v1996", connector.Journal()[^1]);
    }

    [Fact]
    public async Task A_line_far_over_the_limit_is_answered_in_memory_proportional_to_the_limit_and_serving_goes_on()
    {
        const int limit = 1024 * 1024;
        const int lineBytes = 200 * 1024 * 1024;
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync("--max-envelope-bytes", limit.ToString(CultureInfo.InvariantCulture));
        await process.CommandAsync("warm", "Lifecycle.Raw", new { json = "1" });
        var before = PeakRssBytes(process.Id);

        process.SendBytes(Encoding.UTF8.GetBytes("""{"id":"huge","action":"Lifecycle.Raw","payload":{"json":" """));
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
        for (var written = 0; written < lineBytes; written += chunk.Length)
        {
            process.SendBytes(chunk);
        }
        process.SendBytes("\"}}\n"u8);
        var huge = await process.ResponseAsync("huge");
        var after = PeakRssBytes(process.Id);
        var next = await process.CommandAsync("next", "Lifecycle.Raw", new { json = "2" });

        Assert.Equal("FAILURE", Status(huge));
        Assert.Equal("The command on line 2 is longer than the limit of 1048576 bytes (serve --max-envelope-bytes); it was not read.",
            huge.GetProperty("body").GetProperty("message").GetString());
        Assert.Equal("SUCCESS", Status(next));
        // Generous: the reader's buffer grows to the limit (twice it while it is copied); nothing near the line's 200 MiB.
        Assert.True(after - before < 16L * limit, $"peak RSS grew by {(after - before) / (1024 * 1024)} MiB for a 200 MiB line under a 1 MiB limit");
    }

    /// <summary>The peak resident set size of a process (VmHWM), in bytes.</summary>
    private static long PeakRssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Id(JsonElement response) => response.GetProperty("commandId").GetString()!;

    private static string Status(JsonElement response) => response.GetProperty("status").GetString()!;
}
