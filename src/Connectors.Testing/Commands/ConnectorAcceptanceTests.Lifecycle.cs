using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Commands;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>The payload field no command declares.</summary>
    internal const string UnknownPayloadField = "connectors_testing_unknown_field";

    /// <summary>
    /// A command whose payload has a field it does not declare is refused (FAILURE naming the field), not run without
    /// what the caller meant: at the top level, and inside every nested object the payload schema closes
    /// (<c>"additionalProperties": false</c>, an array's items too), at any depth. Each listed command whose payload
    /// schema declares properties is sent one payload per such object, the unknown field in it; the kit never runs a
    /// custom command for real.
    /// </summary>
    [ConnectorRule]
    public async Task Custom_commands_refuse_a_payload_field_they_do_not_declare()
    {
        RequireCommandHost();
        var listing = new RuleProblems();
        var listed = ListedCommands(await ConversationRunAsync(), listing);
        var probes = listed
            .Where(c => Message.Payload(Message.Payload(c, "payloadSchema"), "properties") is { ValueKind: JsonValueKind.Object } properties
                && properties.EnumerateObject().Any())
            .Where(c => Message.Text(c, "action") is not null)
            .DistinctBy(c => Message.Text(c, "action"))
            .SelectMany(c => UnknownFieldPayloads.Of(Message.Payload(c, "payloadSchema"), UnknownPayloadField)
                .Select(probe => (Action: Message.Text(c, "action")!, probe.Path, probe.Payload)))
            .ToList();
        if (probes.Count == 0)
        {
            throw new RuleNotApplicableException(listing.Any
                ? $"ListCustomCommands gave no list: see {nameof(ListCustomCommands_describes_every_command_with_a_payload_schema)}."
                : "No listed command declares payload fields (a command without any takes any payload).");
        }
        var run = await ServeStepByStepRunAsync("unknown-field", probes
            .Select((probe, i) => Command($"u{i}", probe.Action, probe.Payload))
            .ToList());
        var problems = new RuleProblems();
        for (var i = 0; i < probes.Count; i++)
        {
            var responses = CommandLines.ResponsesTo(run, $"u{i}");
            if (responses.Count == 0 || CommandLines.StatusOf(responses[0]) != "FAILURE"
                || !(CommandLines.FailureMessage(responses[0]) ?? "").Contains(UnknownPayloadField, StringComparison.Ordinal))
            {
                problems.Add($"'{probes[i].Action}' with the payload field '{probes[i].Path}' it does not declare was not refused with a FAILURE naming the field: "
                    + (responses.Count == 0 ? "no response" : ProcessRun.Excerpt(responses[0].GetRawText(), 300)), run);
            }
        }
        problems.ThrowIfAny("a command must refuse a payload field it does not declare");
    }

    /// <summary>
    /// From IDLE, Start answers SUCCESS with <c>{"operatingStatus": "RUNNING"}</c> and Stop with <c>{"operatingStatus":
    /// "IDLE"}</c>, twice over: the connector can be started again after it stopped. Each is sent once the one before
    /// it was answered, as a platform does.
    /// </summary>
    [ConnectorRule]
    public async Task Start_and_Stop_switch_the_operating_status()
    {
        RequireCommandHost();
        var steps = new[] { ("s1", CommandLines.Start, "RUNNING"), ("s2", CommandLines.Stop, "IDLE"), ("s3", CommandLines.Start, "RUNNING"), ("s4", CommandLines.Stop, "IDLE") };
        var run = await ServeStepByStepRunAsync("start-stop", steps.Select(s => Command(s.Item1, s.Item2)).ToList());
        var problems = new RuleProblems();
        foreach (var (id, action, status) in steps)
        {
            Answered(run, id, "SUCCESS", problems);
            if (CommandLines.ResponsesTo(run, id) is [var response, ..] && Message.Text(CommandLines.BodyOf(response), "operatingStatus") != status)
            {
                problems.Add($"{action.Split('.')[^1]} ('{id}') must answer {{\"operatingStatus\": \"{status}\"}}, got {ProcessRun.Excerpt(CommandLines.BodyOf(response).GetRawText(), 200)}", run);
            }
        }
        problems.ThrowIfAny("Start and Stop must switch the operating status");
    }

    /// <summary>
    /// ValidateConfig judges a config without applying it: SUCCESS with <c>{"valid": true}</c> for the test's config,
    /// and <c>{"valid": false, "message": …}</c> for each of <see cref="BadConfigs"/>.
    /// </summary>
    [ConnectorRule]
    public async Task ValidateConfig_tells_a_good_config_from_a_bad_one()
    {
        RequireCommandHost();
        var run = await ConfigCommandsRunAsync();
        var problems = new RuleProblems();
        Validated(run, "v-good", true, problems);
        var bad = BadConfigs.Count();
        for (var i = 0; i < bad; i++)
        {
            Validated(run, $"v-bad-{i}", false, problems);
        }
        problems.ThrowIfAny("ValidateConfig must tell a good config from a bad one");
    }

    /// <summary>
    /// UpdateConfig with a bad config (each of <see cref="BadConfigs"/>) is a FAILURE with a message, and the connector
    /// keeps serving; UpdateConfig with the test's config then succeeds.
    /// </summary>
    [ConnectorRule]
    public async Task UpdateConfig_refuses_a_bad_config_and_applies_a_good_one()
    {
        RequireCommandHost();
        var bad = BadConfigs.Count();
        if (bad == 0)
        {
            throw new RuleNotApplicableException("The spec declares no property to give a wrong value, and BadConfigs is empty.");
        }
        var run = await ConfigCommandsRunAsync();
        var problems = new RuleProblems();
        for (var i = 0; i < bad; i++)
        {
            Answered(run, $"u-bad-{i}", "FAILURE", problems);
        }
        Answered(run, "u-good", "SUCCESS", problems);
        problems.ThrowIfAny("UpdateConfig must refuse a bad config and apply a good one");
    }

    /// <summary>
    /// Shutdown, with stdin left open: the commands that came before it are answered first, a command that comes after it
    /// is refused (FAILURE) rather than run, Shutdown is answered SUCCESS as the last response, and the process exits 0
    /// on its own.
    /// </summary>
    [ConnectorRule]
    public async Task Shutdown_answers_last_refuses_later_commands_and_exits_0()
    {
        RequireCommandHost();
        await using var process = Session.Start(["serve", "--config", ConfigFile(), "--status", "IDLE"], keepStdin: true);
        foreach (var line in new[]
        {
            CommandLines.Envelope("d1", CommandLines.SetLogLevel, new { level = "INFO" }),
            CommandLines.Envelope("d2", CommandLines.ListCustomCommands),
            CommandLines.Envelope("d3", CommandLines.Shutdown),
            CommandLines.Envelope("d4", CommandLines.ListCustomCommands),
        })
        {
            await process.WriteLineAsync(line);
        }
        var run = await Session.Record(process.WaitForExitAsync());
        var problems = new RuleProblems();
        ExitedWith(0, run, problems);
        foreach (var id in new[] { "d1", "d2", "d3" })
        {
            Answered(run, id, "SUCCESS", problems);
        }
        var shutdown = CommandLines.LineOfResponse(run.Lines, "d3");
        foreach (var earlier in new[] { "d1", "d2" })
        {
            if (CommandLines.LineOfResponse(run.Lines, earlier) is var at && at > shutdown && shutdown >= 0)
            {
                problems.Add($"'{earlier}' came before Shutdown but was answered after it", run);
            }
        }
        if (shutdown >= 0 && run.Lines.Skip(shutdown + 1).Any(l => l.Contains("\"commandId\"")))
        {
            problems.Add("a response came after Shutdown's: Shutdown is answered last, once the shutdown is done", run);
        }
        // d4 arrives after Shutdown: refused, if the host read it before it exited (it may exit first).
        if (CommandLines.ResponsesTo(run, "d4").Any(r => CommandLines.StatusOf(r) != "FAILURE"))
        {
            problems.Add("'d4' arrived after Shutdown but was run instead of refused", run);
        }
        problems.ThrowIfAny("Shutdown must answer last, refuse later commands and exit 0");
    }

    /// <summary>
    /// SIGTERM while serving ends the process with exit code 143, every command it was given answered once, and no
    /// unhandled exception or stack trace on stderr.
    /// </summary>
    [ConnectorRule]
    public async Task Sigterm_while_serving_answers_every_command_and_exits_143()
    {
        RequireCommandHost();
        if (OperatingSystem.IsWindows())
        {
            throw new RuleNotApplicableException("SIGTERM needs a POSIX system.");
        }
        await using var process = Session.Start(["serve", "--config", ConfigFile(), "--status", "IDLE"], keepStdin: true);
        await process.WriteLineAsync(CommandLines.Envelope("t1", CommandLines.ListCustomCommands));
        await process.WaitForLineAsync(line => CommandLines.IsResponseTo(line, "t1"));
        process.Signal(Signals.SIGTERM);
        var run = await Session.Record(process.WaitForExitAsync());
        var problems = new RuleProblems();
        ExitedWith(143, run, problems);
        Answered(run, "t1", "SUCCESS", problems);
        if (StackTraces.In(run.Stderr))
        {
            problems.Add("stderr shows an unhandled exception or a stack trace", run);
        }
        problems.ThrowIfAny("SIGTERM must end serve with exit code 143");
    }

    /// <summary>
    /// The one-shot <c>command &lt;action&gt; --config</c> prints exactly one response and exits 0 on SUCCESS
    /// (ListCustomCommands), 1 on FAILURE (an action the connector does not have).
    /// </summary>
    [ConnectorRule]
    public async Task Command_prints_one_response_and_exits_0_on_SUCCESS_1_on_FAILURE()
    {
        RequireCommandHost();
        var (known, unknown) = await OneShotRunsAsync();
        var problems = new RuleProblems();
        foreach (var (run, status, code) in new[] { (known, "SUCCESS", 0), (unknown, "FAILURE", 1) })
        {
            ExitedWith(code, run, problems);
            var responses = CommandLines.Responses(run);
            if (responses.Count != 1 || CommandLines.StatusOf(responses[0]) != status)
            {
                problems.Add($"{run.Command}: {responses.Count} responses ({string.Join(", ", responses.Select(CommandLines.StatusOf))}), not one {status}", run);
            }
        }
        problems.ThrowIfAny("command must print one response and exit 0 on SUCCESS, 1 on FAILURE");
    }

    private static void Validated(ProcessRun run, string id, bool valid, RuleProblems problems)
    {
        Answered(run, id, "SUCCESS", problems);
        if (CommandLines.ResponsesTo(run, id) is not [var response, ..] || CommandLines.StatusOf(response) != "SUCCESS")
        {
            return;
        }
        var body = CommandLines.BodyOf(response);
        var said = Message.Payload(body, "valid").ValueKind;
        if (said != (valid ? JsonValueKind.True : JsonValueKind.False))
        {
            problems.Add($"ValidateConfig ('{id}') with {(valid ? "the test's config" : "a bad config")} must answer valid {(valid ? "true" : "false")}, got {ProcessRun.Excerpt(body.GetRawText(), 300)}", run);
        }
        else if (!valid && string.IsNullOrWhiteSpace(Message.Text(body, "message")))
        {
            problems.Add($"ValidateConfig ('{id}') says a bad config is not valid without a message saying why", run);
        }
    }
}
