using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Testing.Commands;
using Connectors.Testing.Processes;

namespace Connectors.Testing;

/// <summary>
/// The runs the command-host rules share. A connector with <c>[Command]</c> methods or lifecycle hooks also runs as a
/// long-lived command host (<c>serve</c>: command envelopes as JSON lines on stdin, one response per line on stdout) and
/// answers one-shot <c>command</c>s; the rules in ConnectorAcceptanceTests.Serve.cs and .Lifecycle.cs check that
/// contract (docs/commands.md). Every serve the kit starts is IDLE (<c>--status IDLE</c>), so no poll runs unless a rule
/// sends Start.
/// </summary>
public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>True when the connector has a command host (it declares a command or a lifecycle hook).</summary>
    internal static bool HasCommandHost => TConnector.Descriptor.Commands is not null;

    /// <summary>Skips a command-host rule for a connector without one.</summary>
    internal static void RequireCommandHost()
    {
        if (!HasCommandHost)
        {
            throw new RuleNotApplicableException(
                $"{ConnectorName} declares no [Command] and no lifecycle hook, so it has no command host (serve, command) to test.");
        }
    }

    /// <summary><c>serve --status IDLE</c> fed with <paramref name="lines"/> at once, then the end of input; made once per key.</summary>
    internal Task<ProcessRun> ServeRunAsync(string key, IReadOnlyList<string> lines) =>
        Session.OnceAsync("serve:" + key, () => Session.RunAsync(["serve", "--config", ConfigFile(), "--status", "IDLE"], lines));

    /// <summary>
    /// <c>serve --status IDLE</c> sent one command at a time, each once the previous one was answered (as a platform
    /// waits for Start before it sends Stop), then the end of input; made once per key. A slow hook (a Stop that waits
    /// for a poll's tick) then never meets the end of input's grace period.
    /// </summary>
    internal Task<ProcessRun> ServeStepByStepRunAsync(string key, IReadOnlyList<(string Id, string Line)> commands) =>
        Session.OnceAsync("serve:" + key, async () =>
        {
            await using var process = Session.Start(["serve", "--config", ConfigFile(), "--status", "IDLE"], keepStdin: true);
            var from = 0;
            foreach (var (id, line) in commands)
            {
                await process.WriteLineAsync(line);
                var answer = await process.WaitForLineAsync(l => CommandLines.IsResponseTo(l, id), from);
                if (answer < 0)
                {
                    break;
                }
                from = answer + 1;
            }
            process.CloseStdin();
            return await process.WaitForExitAsync();
        });

    /// <summary>
    /// A conversation of well-formed commands, ended by the end of input: ListCustomCommands (c1), SetLogLevel (c2),
    /// ValidateConfig with the test's config (c3), an action the connector does not have (c4), a blank line, and
    /// ListCustomCommands without an id.
    /// </summary>
    internal Task<ProcessRun> ConversationRunAsync() => ServeRunAsync("conversation",
    [
        CommandLines.Envelope("c1", CommandLines.ListCustomCommands),
        CommandLines.Envelope("c2", CommandLines.SetLogLevel, new { level = "INFO" }),
        CommandLines.Envelope("c3", CommandLines.ValidateConfig, CommandLines.ConfigPayload(Config)),
        CommandLines.Envelope("c4", CommandLines.UnknownAction),
        "",
        CommandLines.Envelope(null, CommandLines.ListCustomCommands),
    ]);

    /// <summary>Lines that are no valid envelope, each answered FAILURE, then a valid command (m5).</summary>
    internal Task<ProcessRun> MalformedRunAsync() => ServeRunAsync("malformed",
    [
        "this is not JSON",
        "[1, 2]",
        """{"id": "m3", "payload": {}}""",
        $$"""{"id": 5, "action": "{{CommandLines.ListCustomCommands}}"}""",
        CommandLines.Envelope("m5", CommandLines.ListCustomCommands),
    ]);

    /// <summary>ValidateConfig and UpdateConfig with the test's config and with each bad config.</summary>
    internal Task<ProcessRun> ConfigCommandsRunAsync()
    {
        var commands = new List<(string, string)> { Command("v-good", CommandLines.ValidateConfig, CommandLines.ConfigPayload(Config)) };
        var bad = BadConfigs.ToList();
        for (var i = 0; i < bad.Count; i++)
        {
            commands.Add(Command($"v-bad-{i}", CommandLines.ValidateConfig, CommandLines.ConfigPayload(bad[i])));
            commands.Add(Command($"u-bad-{i}", CommandLines.UpdateConfig, CommandLines.ConfigPayload(bad[i])));
        }
        commands.Add(Command("u-good", CommandLines.UpdateConfig, CommandLines.ConfigPayload(Config)));
        return ServeStepByStepRunAsync("config", commands);
    }

    /// <summary>A command with its id, for <see cref="ServeStepByStepRunAsync"/>.</summary>
    internal static (string Id, string Line) Command(string id, string action, object? payload = null) =>
        (id, CommandLines.Envelope(id, action, payload));

    /// <summary>The one-shot <c>command</c>: ListCustomCommands (which succeeds) and an unknown action (which fails).</summary>
    internal async Task<(ProcessRun Known, ProcessRun Unknown)> OneShotRunsAsync()
    {
        var known = await Session.OnceAsync("command:list", () => Session.RunAsync(["command", CommandLines.ListCustomCommands, "--config", ConfigFile()]));
        var unknown = await Session.OnceAsync("command:unknown", () => Session.RunAsync(["command", CommandLines.UnknownAction, "--config", ConfigFile()]));
        return (known, unknown);
    }

    /// <summary>Every command-host run the rules make without a signal, so the output and secrets rules search them.</summary>
    internal async Task CommandHostRunsAsync()
    {
        if (!HasCommandHost)
        {
            return;
        }
        await SpecRunAsync();
        await ConversationRunAsync();
        await MalformedRunAsync();
        await ConfigCommandsRunAsync();
        await OneShotRunsAsync();
    }

    /// <summary>Every run of <c>serve</c> or <c>command</c> made so far.</summary>
    internal IReadOnlyList<ProcessRun> CommandHostRuns() =>
        Session.AllRuns().Where(r => r.Args.Count > 0 && r.Args[0] is "serve" or "command").ToList();
}
