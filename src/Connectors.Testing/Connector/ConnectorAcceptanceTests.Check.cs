using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>The run of <c>check</c> with the test's config.</summary>
    internal Task<ProcessRun> CheckRunAsync() => Session.OnceAsync("check", () => Session.RunAsync(["check", "--config", ConfigFile()]));

    /// <summary>The runs of <c>check</c> with each bad config.</summary>
    internal async Task<IReadOnlyList<ProcessRun>> BadCheckRunsAsync()
    {
        await SpecRunAsync();
        var runs = new List<ProcessRun>();
        var i = 0;
        foreach (var config in BadConfigs)
        {
            var file = ConfigFile(config);
            runs.Add(await Session.OnceAsync($"check:bad:{i++}", () => Session.RunAsync(["check", "--config", file])));
        }
        return runs;
    }

    /// <summary><c>check</c> with the test's config exits 0 and prints exactly one CONNECTION_STATUS, SUCCEEDED.</summary>
    [ConnectorRule]
    public async Task Check_succeeds_with_the_config()
    {
        var run = await CheckRunAsync();
        var problems = new RuleProblems();
        ExitedWith(0, run, problems);
        foreach (var problem in run.ProtocolProblems)
        {
            problems.Add(problem, run);
        }
        var statuses = run.OfType("CONNECTION_STATUS").Select(m => Message.Text(Message.Payload(m, "connectionStatus"), "status")).ToList();
        if (statuses.Count != 1 || statuses[0] != "SUCCEEDED")
        {
            problems.Add($"CONNECTION_STATUS {(statuses.Count == 0 ? "missing" : string.Join(", ", statuses))}, not one SUCCEEDED", run);
        }
        problems.ThrowIfAny("check must succeed with the config");
    }

    /// <summary>
    /// <c>check</c> with a config the connector must refuse (<see cref="BadConfigs"/>) exits 0 and prints exactly one
    /// CONNECTION_STATUS, FAILED, with a message saying why: a user's mistake is an answer, not a crash.
    /// </summary>
    [ConnectorRule]
    public async Task Check_with_a_bad_config_reports_FAILED_and_exits_0()
    {
        var runs = await BadCheckRunsAsync();
        if (runs.Count == 0)
        {
            throw new RuleNotApplicableException("The spec declares no property to give a wrong value, and BadConfigs is empty.");
        }
        var problems = new RuleProblems();
        foreach (var run in runs)
        {
            ExitedWith(0, run, problems);
            foreach (var problem in run.ProtocolProblems)
            {
                problems.Add(problem, run);
            }
            var statuses = run.OfType("CONNECTION_STATUS").Select(m => Message.Payload(m, "connectionStatus")).ToList();
            if (statuses.Count != 1 || Message.Text(statuses[0], "status") != "FAILED")
            {
                problems.Add($"{statuses.Count} CONNECTION_STATUS message(s) ({string.Join(", ", statuses.Select(s => Message.Text(s, "status")))}), not one FAILED", run);
            }
            else if (string.IsNullOrWhiteSpace(Message.Text(statuses[0], "message")))
            {
                problems.Add("the FAILED status has no message saying why", run);
            }
        }
        problems.ThrowIfAny("check must answer FAILED for a bad config");
    }

    /// <summary>
    /// <c>check</c> with a config file that is missing, or is not JSON, gives one clear error naming the file (a TRACE
    /// ERROR and a non-zero exit, or a FAILED status) and no stack trace on stdout.
    /// </summary>
    [ConnectorRule]
    public async Task Check_with_a_missing_or_non_JSON_config_file_gives_a_clear_error()
    {
        var problems = new RuleProblems();
        foreach (var (file, run) in await MissingConfigCheckRunsAsync())
        {
            InputErrorProblems(run, file, problems, allowFailedStatus: true);
        }
        problems.ThrowIfAny("a missing or unreadable config file must give one clear error");
    }

    /// <summary>The runs of <c>check</c> with a config file that is missing and one that is not JSON.</summary>
    internal Task<IReadOnlyList<(string File, ProcessRun Run)>> MissingConfigCheckRunsAsync() =>
        Session.OnceAsync<IReadOnlyList<(string, ProcessRun)>>("check:missing-and-not-json", async () =>
        {
            var missing = Session.MissingFile("config.json");
            var notJson = Session.WriteFile("config.json", "{\"count\": 1,,, this is not JSON");
            return [(missing, await Session.RunAsync(["check", "--config", missing])), (notJson, await Session.RunAsync(["check", "--config", notJson]))];
        });

    /// <summary>
    /// What a run given a bad input file must look like: one error (a TRACE ERROR and a non-zero exit, or, where allowed,
    /// one FAILED status) whose message names the file; no stack trace on stdout; no record.
    /// </summary>
    internal static void InputErrorProblems(ProcessRun run, string file, RuleProblems problems, bool allowFailedStatus)
    {
        var name = Path.GetFileName(file);
        if (run.TimedOut)
        {
            problems.Add($"did not end within {run.Timeout.TotalSeconds:0} s", run);
            return;
        }
        foreach (var problem in run.ProtocolProblems)
        {
            problems.Add(problem, run);
        }
        if (run.Lines.Any(StackTraces.In))
        {
            problems.Add("a stack trace on stdout: a user's bad file is not a crash", run);
        }
        var errors = run.Errors;
        var statuses = run.OfType("CONNECTION_STATUS").Select(m => Message.Payload(m, "connectionStatus")).ToList();
        var failed = allowFailedStatus && run.ExitCode == 0 && statuses.Count == 1 && Message.Text(statuses[0], "status") == "FAILED";
        var messages = failed ? statuses.Select(s => Message.Text(s, "message")) : errors.Select(e => Message.Text(e, "message"));
        if (!failed)
        {
            if (errors.Count != 1)
            {
                problems.Add($"{errors.Count} TRACE ERROR messages for the bad file {name}, not one", run);
            }
            if (run.ExitCode == 0)
            {
                problems.Add($"exit code 0 with the bad file {name}", run);
            }
            if (statuses.Any(s => Message.Text(s, "status") == "SUCCEEDED"))
            {
                problems.Add($"check SUCCEEDED with the bad file {name}", run);
            }
        }
        if (messages.Any(m => string.IsNullOrWhiteSpace(m) || !m.Contains(name, System.StringComparison.Ordinal)))
        {
            problems.Add($"the error does not name the file '{name}'", run);
        }
        if (run.Records().Count > 0)
        {
            problems.Add($"{run.Records().Count} records read with the bad file {name}", run);
        }
    }
}
