using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Testing.Commands;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;

namespace Connectors.Testing;

public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>
    /// <c>serve</c> answers every command line exactly once, with the command's id as <c>commandId</c> (null for a
    /// command without an id); blank lines get no answer; an action the connector does not have is a FAILURE naming it.
    /// </summary>
    [ConnectorRule]
    public async Task Serve_answers_every_command_exactly_once_by_its_id()
    {
        RequireCommandHost();
        var run = await ConversationRunAsync();
        var problems = new RuleProblems();
        foreach (var (id, status) in new[] { ("c1", "SUCCESS"), ("c2", "SUCCESS"), ("c3", "SUCCESS"), ("c4", "FAILURE") })
        {
            AnsweredOnce(run, id, status, problems);
        }
        if (CommandLines.ResponsesTo(run, "c4") is [var unknown] && CommandLines.FailureMessage(unknown) is { } message
            && !message.Contains(CommandLines.UnknownAction, StringComparison.Ordinal))
        {
            problems.Add($"the FAILURE of an unknown action names it ('{CommandLines.UnknownAction}'); it said: {message}", run);
        }
        AnsweredOnce(run, null, "SUCCESS", problems);
        var responses = CommandLines.Responses(run).Count;
        if (responses != 5)
        {
            problems.Add($"5 command lines (and a blank one, which gets no answer) got {responses} responses", run);
        }
        problems.ThrowIfAny("serve must answer every command exactly once");
    }

    /// <summary>
    /// A line that is not a command envelope (not JSON, not an object, no action, an id that is not a string) gets one
    /// FAILURE with a message (the id given back when it could be read), and serving goes on.
    /// </summary>
    [ConnectorRule]
    public async Task Serve_answers_malformed_lines_with_FAILURE_and_keeps_serving()
    {
        RequireCommandHost();
        var run = await MalformedRunAsync();
        var problems = new RuleProblems();
        AnsweredOnce(run, "m3", "FAILURE", problems);
        AnsweredOnce(run, "m5", "SUCCESS", problems);
        var responses = CommandLines.Responses(run);
        var failures = responses.Where(r => CommandLines.StatusOf(r) == "FAILURE").ToList();
        if (responses.Count != 5 || failures.Count != 4)
        {
            problems.Add($"4 malformed lines and one valid command got {responses.Count} responses, {failures.Count} of them FAILURE (expected 5 and 4)", run);
        }
        foreach (var failure in failures.Where(f => string.IsNullOrWhiteSpace(CommandLines.FailureMessage(f))))
        {
            problems.Add("a FAILURE has no message saying what is wrong with the line: " + failure.GetRawText(), run);
        }
        problems.ThrowIfAny("serve must answer a malformed line with a FAILURE and keep serving");
    }

    /// <summary>
    /// When its input ends (the platform closed stdin), <c>serve</c> answers what it was given, shuts down and exits 0
    /// on its own.
    /// </summary>
    [ConnectorRule]
    public async Task Serve_ends_with_exit_0_at_the_end_of_input()
    {
        RequireCommandHost();
        var run = await ConversationRunAsync();
        var problems = new RuleProblems();
        ExitedWith(0, run, problems);
        problems.ThrowIfAny("serve must shut down and exit 0 when its input ends");
    }

    /// <summary>
    /// Every stdout line of <c>serve</c> and <c>command</c> is a response (<c>commandId</c> a string or null, <c>status</c>
    /// SUCCESS or FAILURE, a <c>body</c>, a FAILURE's body with a <c>message</c>), a valid Airbyte message (records a
    /// command or a poll emits) or a report line (<c>{"report": "HEARTBEAT", "heartbeat": {…}}</c>): nothing else.
    /// </summary>
    [ConnectorRule]
    public async Task Command_host_prints_only_responses_messages_and_reports()
    {
        RequireCommandHost();
        await CommandHostRunsAsync();
        var problems = new RuleProblems();
        foreach (var run in CommandHostRuns())
        {
            for (var i = 0; i < run.Lines.Count; i++)
            {
                if (CommandLines.Problem(run.Lines[i]) is { } problem)
                {
                    problems.Add($"{run.Command}: stdout line {i + 1}: {problem}\n    {ProcessRun.Excerpt(run.Lines[i], 300)}", run);
                }
            }
        }
        problems.ThrowIfAny("serve and command print only responses, Airbyte messages and report lines on stdout");
    }

    /// <summary>
    /// <c>serve</c> and <c>command</c> log on stderr only as JSON lines, each an object with a <c>level</c> (debug, info,
    /// warning, error, critical) and a <c>message</c>: a platform ships them as structured logs.
    /// </summary>
    [ConnectorRule]
    public async Task Command_host_logs_only_JSON_lines_on_stderr()
    {
        RequireCommandHost();
        await CommandHostRunsAsync();
        var problems = new RuleProblems();
        foreach (var run in CommandHostRuns())
        {
            var lines = run.Stderr.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length > 0 && LogLineProblem(lines[i]) is { } problem)
                {
                    problems.Add($"{run.Command}: stderr line {i + 1}: {problem}\n    {ProcessRun.Excerpt(lines[i], 300)}", run);
                }
            }
        }
        problems.ThrowIfAny("serve and command log only JSON lines on stderr");
    }

    /// <summary>
    /// ListCustomCommands answers SUCCESS with <c>commands</c>: every <c>[Command]</c> of the connector once, each with a
    /// non-empty action without whitespace that is not a built-in, a description, and a well-formed draft-07
    /// <c>payloadSchema</c> of type object.
    /// </summary>
    [ConnectorRule]
    public async Task ListCustomCommands_describes_every_command_with_a_payload_schema()
    {
        RequireCommandHost();
        var run = await ConversationRunAsync();
        var problems = new RuleProblems();
        var listed = ListedCommands(run, problems);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in listed)
        {
            var action = Message.Text(command, "action");
            if (string.IsNullOrEmpty(action) || action.Any(char.IsWhiteSpace) || TetraScienceActions.IsBuiltIn(action))
            {
                problems.Add($"a listed command's action must be a non-empty name without whitespace that is not a built-in, got {Message.Payload(command, "action").GetRawText()}", run);
                continue;
            }
            if (!actions.Add(action))
            {
                problems.Add($"'{action}' is listed twice", run);
            }
            if (Message.Payload(command, "description").ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                problems.Add($"'{action}': description must be a string", run);
            }
            var schema = Message.Payload(command, "payloadSchema");
            if (schema.ValueKind != JsonValueKind.Object || Message.Text(schema, "type") != "object")
            {
                problems.Add($"'{action}': payloadSchema must be a JSON Schema of type object, got {ProcessRun.Excerpt(schema.ValueKind == JsonValueKind.Undefined ? "nothing" : schema.GetRawText(), 200)}", run);
                continue;
            }
            foreach (var problem in SchemaRules.Draft07Problems(schema))
            {
                problems.Add($"'{action}': payloadSchema: {problem}", run);
            }
        }
        foreach (var declared in TConnector.Descriptor.Commands?.Custom ?? [])
        {
            if (listed.Count > 0 && !actions.Contains(declared.Action))
            {
                problems.Add($"'{declared.Action}' is a [Command] of {ConnectorName} but is not listed", run);
            }
        }
        problems.ThrowIfAny("ListCustomCommands must describe every command with a payload schema");
    }

    /// <summary>The <c>commands</c> of the conversation's ListCustomCommands response (problems noted when it has none).</summary>
    internal static IReadOnlyList<JsonElement> ListedCommands(ProcessRun run, RuleProblems problems)
    {
        var responses = CommandLines.ResponsesTo(run, "c1");
        if (responses.Count == 0 || CommandLines.StatusOf(responses[0]) != "SUCCESS")
        {
            problems.Add($"ListCustomCommands (c1) was not answered SUCCESS", run);
            return [];
        }
        var commands = Message.Payload(CommandLines.BodyOf(responses[0]), "commands");
        if (commands.ValueKind != JsonValueKind.Array)
        {
            problems.Add("ListCustomCommands' body has no commands array: " + ProcessRun.Excerpt(CommandLines.BodyOf(responses[0]).GetRawText(), 300), run);
            return [];
        }
        return commands.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).ToList();
    }

    /// <summary>Notes a problem unless the command <paramref name="id"/> got exactly one response, of <paramref name="status"/>.</summary>
    internal static void AnsweredOnce(ProcessRun run, string? id, string status, RuleProblems problems)
    {
        var responses = CommandLines.ResponsesTo(run, id);
        if (responses.Count > 1)
        {
            problems.Add($"{Named(id)} got {responses.Count} responses, not one", run);
        }
        Answered(run, id, status, problems);
    }

    /// <summary>
    /// Notes a problem unless the command <paramref name="id"/> was answered <paramref name="status"/> (its first
    /// response: whether it got only one is <see cref="Serve_answers_every_command_exactly_once_by_its_id"/>'s question).
    /// </summary>
    internal static void Answered(ProcessRun run, string? id, string status, RuleProblems problems)
    {
        var responses = CommandLines.ResponsesTo(run, id);
        if (responses.Count == 0)
        {
            problems.Add($"{Named(id)} got no response", run);
        }
        else if (CommandLines.StatusOf(responses[0]) != status)
        {
            problems.Add($"{Named(id)} was answered {CommandLines.StatusOf(responses[0])}, not {status}: {ProcessRun.Excerpt(responses[0].GetRawText(), 300)}", run);
        }
    }

    private static string Named(string? id) => id is null ? "the command without an id (commandId null)" : $"command '{id}'";

    private static string? LogLineProblem(string line)
    {
        JsonElement entry;
        try
        {
            entry = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException)
        {
            return "not a JSON log line";
        }
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return "not a JSON object";
        }
        return Message.Text(entry, "level") is "debug" or "info" or "warning" or "error" or "critical" && Message.Text(entry, "message") is not null
            ? null
            : "a log line has a level (debug, info, warning, error, critical) and a message";
    }
}
