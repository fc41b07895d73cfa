using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class SourceAcceptanceTests<TConnector>
{
    /// <summary>
    /// SIGTERM in the middle of a read (of <see cref="LongReadConfig"/>) ends it as a platform expects: every stream
    /// that had started ends COMPLETE or INCOMPLETE (at least one INCOMPLETE), each interrupted stream checkpointed
    /// what it had read (only records of the greatest cursor value may follow its last state) with a state that claims
    /// no record it did not read, and the process exits with 143.
    /// </summary>
    [ConnectorRule]
    public async Task Sigterm_mid_read_ends_with_INCOMPLETE_a_safe_state_and_exit_143()
    {
        var (streams, catalog) = await LongReadCatalogAsync();
        await using var process = Session.Start(["read", "--config", ConfigFile(LongReadConfig), "--catalog", catalog]);
        var first = await process.WaitForLineAsync(IsRecordLine);
        if (first < 0 || process.HasExited)
        {
            await Session.Record(process.WaitForExitAsync());
            throw new RuleNotApplicableException(
                "The read of LongReadConfig ended before it could be interrupted: override LongReadConfig with a config whose read lasts a few seconds.");
        }
        process.Signal(Signals.SIGTERM);
        var run = await Session.Record(process.WaitForExitAsync());
        var problems = new RuleProblems();
        var started = streams.Where(s => run.Statuses(s.Name).Count > 0).ToList();
        // Every stream finished before the signal could interrupt one: whether the process then exits 0 or 143 (the
        // signal arriving between the last status and the exit), there is nothing interrupted to judge.
        if (started.Count == streams.Count && started.All(s => run.Statuses(s.Name)[^1] == "COMPLETE"))
        {
            throw new RuleNotApplicableException(
                "The read of LongReadConfig completed before the signal arrived: override LongReadConfig with a config whose read lasts a few seconds.");
        }
        var interrupted = started.Where(s => run.Statuses(s.Name)[^1] != "COMPLETE").ToList();
        if (interrupted.Count == 0 && run.ExitCode == 143)
        {
            throw new RuleNotApplicableException(
                "The signal arrived between two streams, so no stream was interrupted: override LongReadConfig with a config whose read lasts a few seconds.");
        }
        ExitedWith(143, run, problems);
        foreach (var stream in interrupted.Where(s => run.Statuses(s.Name)[^1] != "INCOMPLETE"))
        {
            problems.Add($"{stream.Name}: last status {run.Statuses(stream.Name)[^1]}, not INCOMPLETE (nor COMPLETE)", run);
        }
        if (interrupted.Count == 0)
        {
            problems.Add("no stream ended INCOMPLETE", run);
        }
        foreach (var stream in interrupted)
        {
            InterruptedStreamStates.Problems(run, stream, problems);
        }
        problems.ThrowIfAny("SIGTERM must end the read with INCOMPLETE, a safe state and exit code 143");
    }

    /// <summary>
    /// When the reader of stdout goes away in the middle of a read (a broken pipe), the connector ends within its
    /// timeout and quietly: no stack trace, no unhandled exception on stderr.
    /// </summary>
    [ConnectorRule]
    public async Task Closed_stdout_ends_the_read_quietly()
    {
        var (_, catalog) = await LongReadCatalogAsync();
        await using var process = Session.Start(["read", "--config", ConfigFile(LongReadConfig), "--catalog", catalog]);
        var first = await process.WaitForLineAsync(IsRecordLine);
        if (first < 0 || process.HasExited)
        {
            await Session.Record(process.WaitForExitAsync());
            throw new RuleNotApplicableException(
                "The read of LongReadConfig ended before stdout could be closed: override LongReadConfig with a config whose read lasts a few seconds.");
        }
        await process.CloseStdoutAsync();
        var run = await Session.Record(process.WaitForExitAsync());
        var problems = new RuleProblems();
        if (run.TimedOut)
        {
            problems.Add($"still running {run.Timeout.TotalSeconds:0} s after its stdout was closed", run);
        }
        if (StackTraces.In(run.Stderr))
        {
            problems.Add("a stack trace or unhandled exception on stderr after stdout was closed", run);
        }
        problems.ThrowIfAny("a closed stdout must end the read quietly");
    }

    /// <summary>
    /// A read given a config, catalog or state file that is not JSON, or a catalog or state of the wrong shape, gives one
    /// clear error: exactly one TRACE ERROR whose message names the file, a non-zero exit, no record and no stack trace
    /// on stdout. A catalog naming a stream the source does not have (with an invalid sync mode) gives a TRACE ERROR.
    /// </summary>
    [ConnectorRule]
    public async Task Read_with_a_garbage_config_catalog_or_state_file_gives_one_clear_error()
    {
        var problems = new RuleProblems();
        foreach (var (file, run) in await GarbageRunsAsync())
        {
            if (file is null)
            {
                if (run.Errors.Count == 0)
                {
                    problems.Add("a catalog naming a stream the source does not have, with sync_mode INVALID, gave no TRACE ERROR", run);
                }
                continue;
            }
            InputErrorProblems(run, file, problems, allowFailedStatus: false);
        }
        problems.ThrowIfAny("garbage input files must give one clear error");
    }

    /// <summary>The reads with garbage files: the file at fault (null for the unknown stream) and the run.</summary>
    internal Task<IReadOnlyList<(string? File, ProcessRun Run)>> GarbageRunsAsync() =>
        Session.OnceAsync("read:garbage", MakeGarbageRunsAsync);

    private async Task<IReadOnlyList<(string? File, ProcessRun Run)>> MakeGarbageRunsAsync()
    {
        var full = await FullRefreshStreamsAsync();
        var streams = full.Count > 0 ? full : await IncrementalStreamsAsync();
        var syncMode = full.Count > 0 ? "full_refresh" : "incremental";
        var catalog = Session.WriteFile("catalog.json", DiscoveredStream.Catalog(streams, syncMode));
        var config = ConfigFile();
        const string notJson = "{\"streams\": [ this is not JSON";
        var cases = new List<(string Key, string? File, string[] Args)>();
        void Add(string key, string? file, params string[] args) => cases.Add((key, file, ["read", .. args]));
        var badConfig = Session.WriteFile("config.json", notJson);
        Add("config-not-json", badConfig, "--config", badConfig, "--catalog", catalog);
        var badCatalog = Session.WriteFile("catalog.json", notJson);
        Add("catalog-not-json", badCatalog, "--config", config, "--catalog", badCatalog);
        var wrongCatalog = Session.WriteFile("catalog.json", """{"streams": "every one of them"}""");
        Add("catalog-wrong-shape", wrongCatalog, "--config", config, "--catalog", wrongCatalog);
        var badState = Session.WriteFile("state.json", notJson);
        Add("state-not-json", badState, "--config", config, "--catalog", catalog, "--state", badState);
        var wrongState = Session.WriteFile("state.json", """[{"type": "STREAM", "stream": "every one of them"}]""");
        Add("state-wrong-shape", wrongState, "--config", config, "--catalog", catalog, "--state", wrongState);
        var unknown = Session.WriteFile("catalog.json", """
            {"streams": [{"stream": {"name": "__AIRBYTE__stream_that_does_not_exist", "json_schema": {"type": "object"},
              "supported_sync_modes": ["full_refresh"]}, "sync_mode": "INVALID", "destination_sync_mode": "INVALID"}]}
            """);
        Add("unknown-stream", null, "--config", config, "--catalog", unknown);
        var runs = new List<(string?, ProcessRun)>();
        foreach (var (key, file, args) in cases)
        {
            runs.Add((file, await Session.RunAsync(args)));
        }
        return runs;
    }

    /// <summary>The streams a long read configures (incremental where possible: a checkpoint matters there), and its catalog file.</summary>
    private async Task<(IReadOnlyList<DiscoveredStream>, string)> LongReadCatalogAsync()
    {
        var incremental = await IncrementalStreamsAsync();
        var streams = incremental.Count > 0 ? incremental : await FullRefreshStreamsAsync();
        var catalog = Session.WriteFile("catalog-long.json", DiscoveredStream.Catalog(streams, incremental.Count > 0 ? "incremental" : "full_refresh"));
        return (streams, catalog);
    }

    private static bool IsRecordLine(string line) => line.Contains("\"RECORD\"", System.StringComparison.Ordinal);
}
