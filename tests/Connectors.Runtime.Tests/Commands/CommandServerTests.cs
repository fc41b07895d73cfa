using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;
using static Connectors.Runtime.Commands.TetraScienceActions;
using static Connectors.Runtime.Tests.Support.CommandServerHarness;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// The <c>serve</c> host in-process: every line gets exactly one response; built-ins take effect in arrival order; Stop,
/// Shutdown and the end of input answer what came before them; only what comes after Shutdown is refused.
/// </summary>
public sealed class CommandServerTests
{
    [Fact]
    public async Task Commands_sent_before_Shutdown_in_one_write_are_all_run_and_answered()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("1", ListCustomCommands), Envelope("2", SetLogLevel, new { level = "DEBUG" }), Envelope("3", Stop), Envelope("4", Shutdown));

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["1", "2", "3", "4"], host.Responses.Select(CommandId));
        Assert.All(host.Responses, r => Assert.Equal("SUCCESS", Status(r)));
        Assert.Equal("IDLE", host.Responses[3].GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, host.Context.LogLevel.Minimum);
        Assert.Equal(["OnConnectorUpdated IDLE v1", "OnStop IDLE v1", "OnShutdown IDLE v1"], host.Script.Journal.Skip(4));
    }

    [Fact]
    public async Task Built_ins_are_answered_in_arrival_order_and_the_last_log_level_stays()
    {
        await using var host = await new CommandServerHarness().StartAsync();
        var levels = new[] { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL" };
        var lines = Enumerable.Range(0, 200).Select(i => Envelope($"l{i}", SetLogLevel, new { level = levels[i % 5] })).ToList();
        lines.Add(Envelope("last", SetLogLevel, new { level = "WARNING" }));

        host.SendLines([.. lines]);
        await host.ResponseAsync("last");

        Assert.Equal(lines.Count, host.Responses.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"l{i}").Append("last"), host.Responses.Select(CommandId));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => levels[i % 5]).Append("WARNING"),
            host.Responses.Select(r => r.GetProperty("body").GetProperty("level").GetString()));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, host.Context.LogLevel.Minimum);
    }

    [Fact]
    public async Task A_custom_command_sees_the_effect_of_every_built_in_sent_before_it()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("u", UpdateConfig, new { config = new { version = 7 } }), Envelope("s", Stop), Envelope("c", "Test.Config"));
        var config = await host.ResponseAsync("c");

        Assert.Equal("""{"version":7,"status":"IDLE"}""", config.GetProperty("body").GetRawText());
        Assert.Equal(["u", "s", "c"], host.Responses.Select(CommandId));
    }

    [Fact]
    public async Task Custom_commands_run_concurrently_and_do_not_hold_up_later_built_ins()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("slow", "Test.Wait", new { gate = "g1" }), Envelope("echo", "Test.Echo", new { text = "hi" }),
            Envelope("level", SetLogLevel, new { level = "ERROR" }));
        await host.ResponseAsync("echo");
        await host.ResponseAsync("level");

        Assert.Empty(host.ResponsesTo("slow"));
        host.Script.Open("g1");
        Assert.Equal("SUCCESS", Status(await host.ResponseAsync("slow")));
    }

    [Fact]
    public async Task A_blocking_custom_command_does_not_stop_the_server_reading()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("block", "Test.Block", new { gate = "b" }), Envelope("echo", "Test.Echo", new { text = "x" }));
        await host.ResponseAsync("echo");

        Assert.Empty(host.ResponsesTo("block"));
        host.Script.Open("b");
        Assert.Equal("SUCCESS", Status(await host.ResponseAsync("block")));
    }

    [Fact]
    public async Task Stop_first_waits_for_the_custom_commands_sent_before_it()
    {
        await using var host = await new CommandServerHarness().StartAsync();
        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("stop", Stop), Envelope("after", "Test.Config"));
        await host.UntilAsync(() => host.Stderr.Contains("Waiting up to 5 s for 1 running command(s): 'w'."), "the Stop to wait");

        Assert.Empty(host.Responses);
        Assert.DoesNotContain(host.Script.Journal, e => e.StartsWith("OnStop", StringComparison.Ordinal));
        host.Script.Open("g1");
        await host.ResponseAsync("after");

        Assert.Equal(["w", "stop", "after"], host.Responses.Select(CommandId));
        Assert.All(host.Responses, r => Assert.Equal("SUCCESS", Status(r)));
        Assert.Equal(["wait started g1", "wait ended g1", "OnConnectorUpdated IDLE v1", "OnStop IDLE v1"], host.Script.Journal.Skip(4));
        Assert.Equal("IDLE", host.Responses[2].GetProperty("body").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stop_cancels_a_custom_command_that_outlives_the_grace_period_and_it_answers_so()
    {
        await using var host = await new CommandServerHarness(grace: 0.2).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("stop", Stop));
        await host.ResponseAsync("stop");

        Assert.Equal(["w", "stop"], host.Responses.Select(CommandId));
        Assert.Equal("FAILURE", Status(host.Responses[0]));
        Assert.Equal("'Test.Wait' was cancelled: the connector is stopping (Stop came while it ran, and it did not finish within the grace period of 0.2 s).",
            Message(host.Responses[0]));
        Assert.Equal("SUCCESS", Status(host.Responses[1]));
        Assert.Contains("wait cancelled g1", host.Script.Journal);
    }

    [Fact]
    public async Task A_command_that_ignores_its_cancellation_is_answered_for_once_and_its_late_result_is_dropped()
    {
        await using var host = await new CommandServerHarness(grace: 0.1, cancelWait: 0.1).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1", ignore_cancel = true }), Envelope("stop", Stop));
        await host.ResponseAsync("stop");
        host.Script.Open("g1");
        await host.UntilAsync(() => host.Script.Journal.Contains("wait ended g1"), "the wait to end");
        await host.CommandAsync("echo", "Test.Echo", new { text = "x" });

        Assert.Equal(["w", "stop", "echo"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Wait' was cancelled: the connector is stopping (Stop came while it ran, and it did not finish within the grace period of 0.1 s);"
            + " it did not stop within 0.1 s, so its result, if it ever has one, will not be written.", Message(host.Responses[0]));
    }

    [Fact]
    public async Task Only_commands_after_Shutdown_are_refused_and_those_before_it_are_answered_first()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("bye", Shutdown), Envelope("late", "Test.Echo", new { text = "x" }),
            Envelope("later", Start));
        await host.ResponseAsync("later");
        Assert.Equal(["late", "later"], host.Responses.Select(CommandId));
        host.Script.Open("g1");

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["late", "later", "w", "bye"], host.Responses.Select(CommandId));
        Assert.Equal("'Test.Echo' was not run: it arrived after Shutdown (command 'bye'), and the connector is shutting down.", Message(host.Responses[0]));
        Assert.Equal($"'{Start}' was not run: it arrived after Shutdown (command 'bye'), and the connector is shutting down.", Message(host.Responses[1]));
        Assert.Equal(["SUCCESS", "SUCCESS"], host.Responses.Skip(2).Select(Status));
    }

    [Fact]
    public async Task The_end_of_input_answers_every_command_in_flight_then_shuts_down()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("e1", "Test.Echo", new { text = "1" }), Envelope("s", Stop),
            Envelope("e2", "Test.Echo", new { text = "2" }));
        host.EndInput();
        await host.ResponseAsync("e1");
        host.Script.Open("g1");

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["e1", "w", "s", "e2"], host.Responses.Select(CommandId));
        Assert.All(host.Responses, r => Assert.Equal("SUCCESS", Status(r)));
        Assert.Equal("OnShutdown IDLE v1", host.Script.Journal[^1]);
    }

    [Fact]
    public async Task The_end_of_input_cancels_what_outlives_the_grace_period()
    {
        await using var host = await new CommandServerHarness(grace: 0.2).StartAsync();

        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }));
        host.EndInput();

        Assert.Equal(0, await host.ExitAsync());
        var response = Assert.Single(host.Responses);
        Assert.Equal("'Test.Wait' was cancelled: the connector is shutting down (the end of input came while it ran, and it did not finish within the grace period of 0.2 s).",
            Message(response));
    }

    [Fact]
    public async Task A_stop_signal_cancels_running_commands_and_answers_queued_ones_without_running_them()
    {
        await using var host = await new CommandServerHarness(grace: 0.5).StartAsync();
        host.Script.Hold("OnStop");
        host.SendLines(Envelope("w", "Test.Wait", new { gate = "g1" }), Envelope("stop", Stop), Envelope("level", SetLogLevel, new { level = "DEBUG" }),
            Envelope("echo", "Test.Echo", new { text = "x" }));
        await host.UntilAsync(() => host.Script.Journal.Contains("OnStop IDLE v1"), "the Stop to reach its hook");

        host.Signal();
        await host.UntilAsync(() => host.Stderr.Contains("Stopping at once: the connector received a stop signal."), "the signal to be seen");
        host.Script.Open("hook:OnStop");

        Assert.Equal(ExitCodes.Terminated, await host.ExitAsync());
        Assert.Equal(["echo", "level", "stop", "w"], host.Responses.Select(r => CommandId(r)!).Order(StringComparer.Ordinal));
        var byId = host.Responses.ToDictionary(r => CommandId(r)!);
        Assert.StartsWith("'Test.Wait' was cancelled: the connector is stopping (Stop came while it ran", Message(byId["w"]));
        Assert.Equal("SUCCESS", Status(byId["stop"]));
        Assert.Equal($"'{SetLogLevel}' was not run: the connector received a stop signal.", Message(byId["level"]));
        Assert.Equal("'Test.Echo' was not run: the connector received a stop signal.", Message(byId["echo"]));
        Assert.Equal("OnShutdown IDLE v1", host.Script.Journal[^1]);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, host.Context.LogLevel.Minimum);
    }

    [Fact]
    public async Task A_built_in_that_never_returns_does_not_keep_Shutdown_from_finishing_and_is_answered_last()
    {
        await using var host = await new CommandServerHarness(grace: 0.2, status: "IDLE").StartAsync();
        host.Script.Hold("OnStart");

        host.SendLines(Envelope("start", Start), Envelope("level", SetLogLevel, new { level = "DEBUG" }), Envelope("bye", Shutdown));

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(["bye", "start", "level"], host.Responses.Select(CommandId));
        Assert.Equal("SUCCESS", Status(host.Responses[0]));
        Assert.Equal($"'{Start}' has no result: the connector exited first (it was still running when the shutdown finished).", Message(host.Responses[1]));
        Assert.Equal($"'{SetLogLevel}' has no result: the connector exited first (it was still running when the shutdown finished).", Message(host.Responses[2]));
        Assert.Contains("A built-in command still runs after 0.2 s; shutting down without it.", host.Stderr);
        host.Script.Open("hook:OnStart");
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_answered_with_its_id_and_serving_goes_on()
    {
        await using var host = await new CommandServerHarness(maxEnvelopeBytes: 4096).StartAsync();
        var big = Envelope("big", "Test.Echo", new { text = new string('x', 100_000) });

        host.SendLines(big, Envelope("next", "Test.Echo", new { text = "small" }));
        var next = await host.ResponseAsync("next");

        Assert.Equal(["big", "next"], host.Responses.Select(CommandId));
        Assert.Equal("The command on line 1 is longer than the limit of 4096 bytes (serve --max-envelope-bytes); it was not read.",
            Message(host.Responses[0]));
        Assert.Equal("small", next.GetProperty("body").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_line_of_exactly_the_limit_is_read()
    {
        await using var host = await new CommandServerHarness(maxEnvelopeBytes: 4096).StartAsync();
        var shell = Envelope("fits", "Test.Echo", new { text = "" });
        var line = Envelope("fits", "Test.Echo", new { text = new string('x', 4096 - shell.Length) });
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(line));

        host.SendLines(line);

        Assert.Equal("SUCCESS", Status(await host.ResponseAsync("fits")));
    }

    [Fact]
    public async Task Malformed_lines_are_answered_blank_lines_are_not_and_serving_goes_on()
    {
        await using var host = await new CommandServerHarness().StartAsync();

        host.SendLines("""{"id":"j","action":""", "", "   ", "[1]", """{"id":"no-action"}""");
        host.SendBytes([.. Encoding.UTF8.GetBytes("""{"id":"u","action":"Test.Echo","payload":{"text":"a"""), 0xFF, .. Encoding.UTF8.GetBytes("\"}}\n")]);
        await host.CommandAsync("ok", "Test.Echo", new { text = "fine" });

        Assert.Equal(["j", null, "no-action", "u", "ok"], host.Responses.Select(CommandId));
        Assert.StartsWith("The command is not valid JSON: ", Message(host.Responses[0]));
        Assert.Equal("The command is invalid: $: expected an object, got an array", Message(host.Responses[1]));
        Assert.Equal("The command is invalid: $.action: required", Message(host.Responses[2]));
        Assert.Equal("The command is not valid UTF-8: the byte 0xFF at byte offset 51 does not begin a valid sequence.", Message(host.Responses[3]));
        Assert.Contains("Rejected the command on line 4: The command is invalid", host.Stderr);
    }

    [Fact]
    public async Task A_failed_UpdateConfig_leaves_the_previous_config_in_force()
    {
        await using var host = await new CommandServerHarness("""{"version":1,"fail_hook":"OnConnectorUpdated:7"}""").StartAsync();

        var update = await host.CommandAsync("u", UpdateConfig, new { config = new { version = 7, fail_hook = "OnConnectorUpdated:7" } });
        var config = await host.CommandAsync("c", "Test.Config");

        Assert.Equal("FAILURE", Status(update));
        Assert.Equal("The config was not updated: The [OnConnectorUpdated] hook failed: OnConnectorUpdated was told to fail (api key ) The previous config is back in force.",
            Message(update));
        Assert.Equal("""{"version":1,"status":"RUNNING"}""", config.GetProperty("body").GetRawText());
        Assert.Equal(["OnConnectorUpdated RUNNING v7", "OnConnectorUpdated RUNNING v1"], host.Script.Journal.Skip(4));
    }

    [Fact]
    public async Task A_failed_Start_leaves_the_status_IDLE()
    {
        await using var host = await new CommandServerHarness("""{"version":1,"fail_hook":"OnStart"}""", status: "IDLE").StartAsync();

        var start = await host.CommandAsync("s", Start);
        var config = await host.CommandAsync("c", "Test.Config");

        Assert.Equal("The [OnStart] hook failed: OnStart was told to fail (api key ) The operating status stays IDLE.", Message(start));
        Assert.Equal("""{"version":1,"status":"IDLE"}""", config.GetProperty("body").GetRawText());
    }

    [Fact]
    public async Task Repeated_rounds_of_mixed_commands_each_get_exactly_one_response()
    {
        await using var host = await new CommandServerHarness().StartAsync();
        var sent = new List<string>();
        for (var round = 0; round < 100; round++)
        {
            var lines = new[]
            {
                Envelope($"{round}-list", ListCustomCommands),
                Envelope($"{round}-echo", "Test.Echo", new { text = round.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                Envelope($"{round}-level", SetLogLevel, new { level = round % 2 == 0 ? "DEBUG" : "INFO" }),
                Envelope($"{round}-stop", Stop),
                Envelope($"{round}-config", "Test.Config"),
                Envelope($"{round}-start", Start),
                Envelope($"{round}-update", UpdateConfig, new { config = new { version = round } }),
                Envelope($"{round}-after", "Test.Config"),
            };
            sent.AddRange(lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!));
            host.SendLines(lines);
        }
        host.SendLines(Envelope("bye", Shutdown));

        Assert.Equal(0, await host.ExitAsync());
        var responses = host.Responses;
        var ids = responses.Select(r => CommandId(r)!).ToList();
        Assert.Equal(sent.Append("bye").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(responses, r => Assert.Equal("SUCCESS", Status(r)));
        var byId = responses.ToDictionary(r => CommandId(r)!);
        for (var round = 0; round < 100; round++)
        {
            var stopped = byId[$"{round}-config"].GetProperty("body");
            Assert.Equal("IDLE", stopped.GetProperty("status").GetString());
            var updated = byId[$"{round}-after"].GetProperty("body");
            Assert.Equal(round, updated.GetProperty("version").GetInt32());
            Assert.Equal("RUNNING", updated.GetProperty("status").GetString());
        }
        var builtIns = ids.Where(id => id.EndsWith("-list", StringComparison.Ordinal) || id.EndsWith("-level", StringComparison.Ordinal)
            || id.EndsWith("-stop", StringComparison.Ordinal) || id.EndsWith("-start", StringComparison.Ordinal)
            || id.EndsWith("-update", StringComparison.Ordinal) || id == "bye").ToList();
        Assert.Equal(sent.Where(builtIns.Contains).Append("bye"), builtIns);
    }

    [Fact]
    public async Task A_burst_of_a_thousand_mixed_commands_then_Shutdown_is_answered_in_full()
    {
        await using var host = await new CommandServerHarness().StartAsync();
        var actions = new[] { "Test.Echo", Start, "Test.Config", Stop, SetLogLevel, UpdateConfig, ListCustomCommands };
        var lines = Enumerable.Range(0, 1000).Select(i => actions[i % actions.Length] switch
        {
            SetLogLevel => Envelope($"b{i}", SetLogLevel, new { level = "INFO" }),
            UpdateConfig => Envelope($"b{i}", UpdateConfig, new { config = new { version = i } }),
            var action => Envelope($"b{i}", action, new { text = "t" }),
        }).Append(Envelope("bye", Shutdown)).ToArray();

        host.SendLines(lines);

        Assert.Equal(0, await host.ExitAsync());
        Assert.Equal(1001, host.Responses.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"b{i}").Append("bye").Order(StringComparer.Ordinal),
            host.Responses.Select(r => CommandId(r)!).Order(StringComparer.Ordinal));
        Assert.All(host.Responses, r => Assert.Equal("SUCCESS", Status(r)));
        Assert.Equal("bye", CommandId(host.Responses[^1]));
    }

    [Fact]
    public async Task Secrets_are_masked_in_responses_without_touching_property_names()
    {
        await using var host = await new CommandServerHarness("""{"version":1,"api_key":"e","fail_hook":"OnStop"}""").StartAsync();

        var stop = await host.CommandAsync("stop", Stop);
        var echo = await host.CommandAsync("echo", "Test.Echo", new { text = "the key is e" });

        Assert.Equal("The [OnStop] hook failed: OnStop was told to fail (api key ****) The operating status stays RUNNING.", Message(stop));
        Assert.Equal("""{"text":"the key is ****"}""", echo.GetProperty("body").GetRawText());
        Assert.Contains("The secret at $.api_key is only 1 character(s) long, too short to mask safely", host.Stderr);
    }
}
