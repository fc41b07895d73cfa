using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class SourceAcceptanceTests<TConnector>
{
    /// <summary>
    /// A read of every stream (full refresh, and incremental where supported) exits 0, and every line it prints on
    /// stdout is one valid AirbyteMessage.
    /// </summary>
    [ConnectorRule]
    public async Task Read_succeeds_and_prints_only_protocol_messages()
    {
        var problems = new RuleProblems();
        foreach (var (run, _) in await ReadsAsync())
        {
            ExitedWith(0, run, problems);
            foreach (var problem in run.ProtocolProblems)
            {
                problems.Add(problem, run);
            }
        }
        problems.ThrowIfAny("read must succeed and print only protocol messages");
    }

    /// <summary>
    /// Every record belongs to a configured stream and matches its schema, strictly (an integer is not 1.0, a date-time
    /// is RFC 3339), with no top-level field the schema does not declare; every stream not in
    /// <see cref="EmptyStreams"/> reads at least one record.
    /// </summary>
    [ConnectorRule]
    public async Task Read_records_match_their_stream_schemas()
    {
        var schemas = await SchemasAsync();
        var problems = new RuleProblems();
        var empty = EmptyStreams.ToHashSet();
        foreach (var (run, streams) in await ReadsAsync())
        {
            var configured = streams.Select(s => s.Name).ToHashSet();
            var line = 0;
            foreach (var record in run.Records())
            {
                line++;
                var stream = Message.StreamOf(record) ?? "";
                if (!configured.Contains(stream))
                {
                    problems.Add($"record {line} is of stream '{stream}', which the catalog does not configure", run);
                    continue;
                }
                foreach (var problem in schemas.Validate(record))
                {
                    problems.Add($"{stream} record {line}: {problem}", run);
                }
                foreach (var field in schemas.UndeclaredFields(record))
                {
                    problems.Add($"{stream} record {line}: field '{field}' is not in the stream's schema", run);
                }
            }
            foreach (var stream in configured.Where(s => !empty.Contains(s) && run.Records(s).Count == 0))
            {
                problems.Add($"{stream} read no record (list it in EmptyStreams if that is right)", run);
            }
        }
        problems.ThrowIfAny("records must match their stream's schema");
    }

    /// <summary>
    /// Every configured stream reports its statuses in order: STARTED, RUNNING before its first record, COMPLETE last;
    /// a stream's records come only while it is RUNNING.
    /// </summary>
    [ConnectorRule]
    public async Task Read_reports_stream_statuses_in_order()
    {
        var problems = new RuleProblems();
        foreach (var (run, streams) in await ReadsAsync())
        {
            var configured = streams.Select(s => s.Name).ToList();
            var status = new Dictionary<string, string>();
            var recordsOutsideRunning = new Dictionary<string, int>();
            foreach (var message in run.Messages)
            {
                if (Message.TypeOf(message) == "RECORD" && Message.StreamOf(Message.Payload(message, "record")) is { } stream
                    && status.GetValueOrDefault(stream) != "RUNNING")
                {
                    recordsOutsideRunning[stream] = recordsOutsideRunning.GetValueOrDefault(stream) + 1;
                }
                var trace = Message.Payload(message, "trace");
                if (Message.TypeOf(message) == "TRACE" && Message.Text(trace, "type") == "STREAM_STATUS" && Message.StatusStream(trace) is { } name)
                {
                    status[name] = Message.StatusOf(trace);
                }
            }
            foreach (var stream in configured)
            {
                var statuses = run.Statuses(stream);
                var shown = statuses.Count == 0 ? "none" : string.Join(" → ", statuses);
                if (statuses.Count < 2 || statuses[0] != "STARTED" || statuses[^1] != "COMPLETE" || statuses.Skip(1).SkipLast(1).Any(s => s != "RUNNING"))
                {
                    problems.Add($"{stream}: statuses {shown}, not STARTED → RUNNING … → COMPLETE", run);
                }
                else if (run.Records(stream).Count > 0 && !statuses.Contains("RUNNING"))
                {
                    problems.Add($"{stream}: records without a RUNNING status ({shown})", run);
                }
                if (recordsOutsideRunning.GetValueOrDefault(stream) is var outside and > 0)
                {
                    problems.Add($"{stream}: {outside} record(s) while the stream was not RUNNING", run);
                }
            }
        }
        problems.ThrowIfAny("streams must report STARTED, RUNNING and COMPLETE in order");
    }

    /// <summary>
    /// Every configured stream is checkpointed: STREAM (or GLOBAL) states only, never LEGACY; at least one per stream, the
    /// last after the stream's last record; each state's sourceStats.recordCount is exactly the number of the stream's
    /// records since its previous state; a state never repeats the one before it.
    /// </summary>
    [ConnectorRule]
    public async Task Read_checkpoints_every_stream_with_exact_counts()
    {
        var problems = new RuleProblems();
        foreach (var (run, streams) in await ReadsAsync())
        {
            var pending = new Dictionary<string, int>();
            var previous = new Dictionary<string, string>();
            var lastRecord = new Dictionary<string, int>();
            var lastState = new Dictionary<string, int>();
            var position = 0;
            foreach (var message in run.Messages)
            {
                position++;
                switch (Message.TypeOf(message))
                {
                    case "RECORD" when Message.StreamOf(Message.Payload(message, "record")) is { } stream:
                        pending[stream] = pending.GetValueOrDefault(stream) + 1;
                        lastRecord[stream] = position;
                        break;
                    case "STATE":
                        CheckState(run, Message.Payload(message, "state"), position, pending, previous, lastState, problems);
                        break;
                }
            }
            foreach (var stream in streams.Select(s => s.Name))
            {
                if (!lastState.ContainsKey(stream))
                {
                    problems.Add($"{stream}: no STATE (every stream is checkpointed, an empty one too)", run);
                }
                else if (lastRecord.GetValueOrDefault(stream) > lastState[stream])
                {
                    problems.Add($"{stream}: records after its last STATE", run);
                }
            }
        }
        problems.ThrowIfAny("every stream must be checkpointed with exact counts");
    }

    private static void CheckState(ProcessRun run, JsonElement state, int position, Dictionary<string, int> pending,
        Dictionary<string, string> previous, Dictionary<string, int> lastState, RuleProblems problems)
    {
        var type = Message.Text(state, "type") ?? "LEGACY";
        var count = Message.Payload(Message.Payload(state, "sourceStats"), "recordCount");
        IReadOnlyList<string> covered;
        string value;
        if (type == "STREAM" && Message.StateStream(state) is { } stream)
        {
            covered = [stream];
            value = Values.Canonical(Message.StreamState(state));
        }
        else if (type == "GLOBAL")
        {
            covered = pending.Keys.ToList();
            value = Values.Canonical(Message.Payload(state, "global"));
            foreach (var streamState in Message.Payload(Message.Payload(state, "global"), "stream_states") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [])
            {
                if (Message.Text(Message.Payload(streamState, "stream_descriptor"), "name") is { } name)
                {
                    lastState[name] = position;
                }
            }
        }
        else
        {
            problems.Add($"a {type} state at message {position}: only STREAM (or GLOBAL) states are allowed", run);
            return;
        }
        var expected = covered.Sum(s => pending.GetValueOrDefault(s));
        if (count.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"the state at message {position} ({string.Join(", ", covered)}) has no sourceStats.recordCount", run);
        }
        else if (count.GetDouble() != expected)
        {
            problems.Add($"the state at message {position} ({string.Join(", ", covered)}) counts {count.GetRawText()} records, but {expected} came since the previous one", run);
        }
        var key = type == "GLOBAL" ? "(global)" : covered[0];
        if (previous.GetValueOrDefault(key) == value)
        {
            problems.Add($"the state at message {position} ({key}) repeats the previous one: {ProcessRun.Excerpt(value, 200)}", run);
        }
        previous[key] = value;
        foreach (var s in covered)
        {
            pending[s] = 0;
            lastState[s] = position;
        }
    }
}
