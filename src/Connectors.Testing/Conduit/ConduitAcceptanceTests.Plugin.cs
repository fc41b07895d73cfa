using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConduitWire.Grpc.Health.V1;
using Connectors.Testing.Conduit;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Grpc.Core;

namespace Connectors.Testing;

/// <summary>The plugin process's rules: handshake, health, Shutdown, SIGTERM, the cookie, logs and secrets.</summary>
public abstract partial class ConduitAcceptanceTests<TConnector>
{
    /// <summary>What the plugin did when started, asked for its health, and shut down.</summary>
    internal sealed record StartRun(ProcessRun Run, string Handshake, string? Health, bool ExitedInTime);

    /// <summary>Starts the plugin, checks its health (service "plugin"), and shuts it down; made once per test class.</summary>
    internal Task<StartRun> StartRunAsync() => Session.OnceAsync("conduit:start", async () =>
    {
        await using var plugin = await PluginProcess.StartAsync(Session);
        string health;
        try
        {
            var answer = await plugin.Health.CheckAsync(new HealthCheckRequest { Service = "plugin" }, deadline: plugin.Deadline());
            health = answer.Status.ToString();
        }
        catch (RpcException ex)
        {
            health = "failed: " + PluginProcess.Describe(ex);
        }
        var (run, inTime) = await plugin.ShutdownAsync();
        return new StartRun(run, plugin.HandshakeLine, health, inTime);
    });

    /// <summary>
    /// The plugin's first stdout line is go-plugin's handshake, <c>1|2|tcp|127.0.0.1:PORT|grpc</c> (core protocol 1,
    /// connector protocol 2, TCP on the loopback, gRPC), and it is the only thing the plugin ever writes on stdout: Conduit
    /// parses that line, and anything before it breaks the launch.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_handshake_is_the_only_stdout_line_and_names_a_grpc_address()
    {
        var start = await StartRunAsync();
        var problems = new RuleProblems();
        if (start.Run.Lines.Count != 1)
        {
            problems.Add($"stdout has {start.Run.Lines.Count} lines; only the handshake line may be there: "
                + string.Join(" ⏎ ", start.Run.Lines.Skip(1).Take(3)), start.Run);
        }
        problems.ThrowIfAny("the handshake line must be all of stdout");
    }

    /// <summary>
    /// The plugin serves <c>grpc.health.v1.Health</c> with service <c>plugin</c> SERVING (go-plugin's client checks it),
    /// and <c>GRPCController.Shutdown</c> ends the process promptly (within 5 s; Conduit kills it after about 2) with exit 0.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_plugin_serves_health_and_exits_promptly_on_Shutdown()
    {
        var start = await StartRunAsync();
        var problems = new RuleProblems();
        if (start.Health != nameof(HealthCheckResponse.Types.ServingStatus.Serving))
        {
            problems.Add($"Health.Check(\"plugin\") answered {start.Health}, not SERVING", start.Run);
        }
        if (!start.ExitedInTime)
        {
            problems.Add($"the process still ran {PluginProcess.ExitAllowance.TotalSeconds:0} s after Shutdown (the kit killed it)", start.Run);
        }
        else if (start.Run.ExitCode != 0)
        {
            problems.Add($"after Shutdown the process exited with {start.Run.ExitCode}, not 0", start.Run);
        }
        problems.ThrowIfAny("the plugin must be healthy and end on Shutdown");
    }

    /// <summary>
    /// Started without Conduit's cookie (and no command), the executable is not being run by Conduit: it writes nothing on
    /// stdout (no handshake a caller could mistake), says why on stderr, and exits with a non-zero code.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_plugin_refuses_to_start_without_the_cookie()
    {
        var run = await RefusalRunAsync();
        var problems = new RuleProblems();
        if (run.TimedOut || run.ExitCode == 0)
        {
            problems.Add(run.TimedOut ? "without the cookie the process kept running" : "without the cookie the process exited with 0", run);
        }
        if (run.Lines.Count > 0)
        {
            problems.Add($"without the cookie the process wrote on stdout: {run.Lines[0]}", run);
        }
        if (string.IsNullOrWhiteSpace(run.Stderr))
        {
            problems.Add("without the cookie the process said nothing on stderr about why it does not serve", run);
        }
        problems.ThrowIfAny("without Conduit's cookie the plugin must refuse to serve");
    }

    internal Task<ProcessRun> RefusalRunAsync() => Session.OnceAsync("conduit:no-cookie", () =>
    {
        var environment = PluginEnvironment().ToDictionary(e => e.Key, e => e.Key == CookieKey ? null : e.Value);
        return Session.Record(ConnectorProcess.RunAsync(Session.Program.With(environment), []));
    });

    /// <summary>SIGTERM (how a supervisor stops a process) ends a configured plugin within 5 s, writing nothing more on stdout.</summary>
    [ConnectorRule]
    public async Task Conduit_SIGTERM_ends_the_plugin_promptly()
    {
        var (run, inTime) = await Session.OnceAsync("conduit:sigterm", async () =>
        {
            await using var plugin = await PluginProcess.StartAsync(Session);
            await TryConfigureAsync(plugin, ConduitConfig);
            return await plugin.TerminateAsync();
        });
        var problems = new RuleProblems();
        if (!inTime)
        {
            problems.Add($"the process still ran {PluginProcess.ExitAllowance.TotalSeconds:0} s after SIGTERM (the kit killed it)", run);
        }
        if (run.Lines.Count > 1)
        {
            problems.Add("after SIGTERM the process wrote on stdout: " + run.Lines[1], run);
        }
        problems.ThrowIfAny("SIGTERM must end the plugin promptly");
    }

    /// <summary>
    /// Every stderr line of a plugin is a log entry Conduit reads: a JSON object with <c>@level</c> (trace, debug, info,
    /// warn, error), a text <c>@message</c>, and <c>@timestamp</c>, when present, in Go's
    /// <c>2006-01-02T15:04:05.000000Z07:00</c> layout. Any other line loses its level in Conduit's log.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_logs_are_JSON_lines_Conduit_reads()
    {
        await RunEverythingAsync();
        var problems = new RuleProblems();
        foreach (var run in PluginRuns())
        {
            foreach (var line in run.Stderr.Split('\n').Where(l => l.Length > 0))
            {
                if (LogLineProblem(line) is { } problem)
                {
                    problems.Add($"{problem}: {(line.Length > 200 ? line[..200] + "…" : line)}", run);
                }
            }
        }
        problems.ThrowIfAny("every stderr line must be a JSON log entry Conduit reads");
    }

    private static readonly Regex GoTimestamp = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

    /// <summary>What is wrong with one stderr line as a Conduit log entry, or null.</summary>
    internal static string? LogLineProblem(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return "not a JSON line";
        }
        using (document)
        {
            var entry = document.RootElement;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }
            if (!entry.TryGetProperty("@level", out var level) || level.GetString() is not ("trace" or "debug" or "info" or "warn" or "error"))
            {
                return "no @level of trace, debug, info, warn or error";
            }
            if (!entry.TryGetProperty("@message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return "no text @message";
            }
            if (entry.TryGetProperty("@timestamp", out var timestamp)
                && (timestamp.ValueKind != JsonValueKind.String || !GoTimestamp.IsMatch(timestamp.GetString()!)))
            {
                return "@timestamp not in Go's 2006-01-02T15:04:05.000000Z07:00 layout";
            }
            return null;
        }
    }

    /// <summary>
    /// No secret of the config (nor of <see cref="Secrets"/>) appears in any byte of any plugin process's stdout or
    /// stderr, nor in an error the plugin returned over gRPC (a refused Configure included): not as written,
    /// JSON-escaped, URL-encoded, or base64 (alone or as in <c>user:secret</c>).
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_secrets_appear_in_no_log_or_error()
    {
        var secrets = AllSecrets();
        if (secrets.Count == 0)
        {
            throw new RuleNotApplicableException(
                $"The config sets no secret property and Secrets is empty: nothing to search for (secrets shorter than {SecretForms.MinimumLength} characters are not searched).");
        }
        var errors = await RunEverythingAsync();
        var problems = new RuleProblems();
        foreach (var run in Session.AllRuns())
        {
            Search(run.Command + " stdout", string.Join("\n", run.Lines), secrets, problems, run);
            Search(run.Command + " stderr", run.Stderr, secrets, problems, run);
        }
        foreach (var error in errors)
        {
            Search("a gRPC error", error, secrets, problems, null);
        }
        problems.ThrowIfAny("secrets must appear in no log or error");
    }

    private static void Search(string where, string output, IReadOnlyList<string> secrets, RuleProblems problems, ProcessRun? run)
    {
        foreach (var secret in secrets)
        {
            foreach (var (form, text) in SecretForms.Of(secret))
            {
                var at = output.IndexOf(text, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var start = Math.Max(0, at - 60);
                    var context = output[start..Math.Min(output.Length, at + text.Length + 60)].Replace(text, "<secret>").Replace("\n", "⏎");
                    problems.Add($"{where}: a secret ({secret.Length} characters) {form}: …{context}…", run);
                }
            }
        }
    }

    /// <summary>Every run the other rules make, so the logs and secrets rules search them all; returns the gRPC errors seen.</summary>
    internal async Task<IReadOnlyList<string>> RunEverythingAsync()
    {
        await StartRunAsync();
        await RefusalRunAsync();
        var errors = new List<string>();
        errors.AddRange((await ConfigureRunAsync()).Refusals.Select(r => r.Error ?? ""));
        errors.AddRange((await LifecycleRunAsync()).Select(c => c.Error ?? ""));
        if (IsSource)
        {
            errors.AddRange((await FullReadAsync()).Errors);
        }
        else
        {
            errors.AddRange((await WriteRunAsync("good")).Errors);
            errors.AddRange((await WriteRunAsync("bad")).Errors);
        }
        return errors;
    }

    /// <summary>The runs started as Conduit starts a plugin (with the cookie), whose stderr Conduit reads as its log.</summary>
    internal IReadOnlyList<ProcessRun> PluginRuns() =>
        Session.AllRuns().Where(r => r.Args.Count == 0 && r.Lines.Count > 0 && PluginProcess.HandshakePattern().IsMatch(r.Lines[0])).ToList();
}
