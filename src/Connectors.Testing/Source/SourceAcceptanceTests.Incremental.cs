using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class SourceAcceptanceTests<TConnector>
{
    /// <summary>
    /// Two full-refresh reads give the same records (by primary key, or whole records without one), and every record of
    /// the second read was emitted after every record of the first (emitted_at is the time of the read). Skipped when
    /// <see cref="IsDeterministic"/> is false.
    /// </summary>
    [ConnectorRule]
    public async Task Full_refresh_twice_gives_the_same_records()
    {
        if (!IsDeterministic)
        {
            throw new RuleNotApplicableException("IsDeterministic is false: two reads may differ.");
        }
        var streams = await FullRefreshStreamsAsync();
        if (streams.Count == 0)
        {
            throw new RuleNotApplicableException("No stream supports full_refresh.");
        }
        var first = await FullReadAsync(1);
        var second = await FullReadAsync(2);
        if (first.Records().Count == 0)
        {
            throw new RuleNotApplicableException("The first read read no record: nothing to compare.");
        }
        var problems = new RuleProblems();
        foreach (var stream in streams)
        {
            var a = ByKey(first.Records(stream.Name), stream.PrimaryKey);
            var b = ByKey(second.Records(stream.Name), stream.PrimaryKey);
            var missing = a.Keys.Except(b.Keys).ToList();
            var extra = b.Keys.Except(a.Keys).ToList();
            var changed = a.Keys.Intersect(b.Keys).Where(k => a[k] != b[k]).ToList();
            if (missing.Count + extra.Count + changed.Count > 0)
            {
                problems.Add($"{stream.Name}: the second read lacks {missing.Count}, adds {extra.Count} and changes {changed.Count} of {a.Count} records"
                    + Example("lacks", missing) + Example("adds", extra)
                    + (changed.Count > 0 ? $"; e.g. {changed[0]}: {ProcessRun.Excerpt(a[changed[0]], 200)} then {ProcessRun.Excerpt(b[changed[0]], 200)}" : ""), second);
            }
        }
        var lastOfFirst = first.Records().Select(EmittedAt).DefaultIfEmpty(long.MinValue).Max();
        var firstOfSecond = second.Records().Select(EmittedAt).DefaultIfEmpty(long.MaxValue).Min();
        if (firstOfSecond <= lastOfFirst)
        {
            problems.Add($"the second read emitted a record at {firstOfSecond}, not after the first read's last at {lastOfFirst}: emitted_at is the time of the read, in ms", second);
        }
        problems.ThrowIfAny("two full-refresh reads must give the same records");
    }

    /// <summary>
    /// An incremental read started from the final states of a first one reads nothing new: no record, or only records
    /// whose cursor equals the greatest cursor the first read saw.
    /// </summary>
    [ConnectorRule]
    public async Task Incremental_read_from_the_final_state_reads_nothing_new()
    {
        var (streams, first) = await RequireIncrementalReadAsync();
        var finalStates = FinalStates(first.Messages.Count, first);
        if (finalStates.Count == 0)
        {
            throw new RuleNotApplicableException($"The incremental read emitted no state: see {nameof(Read_checkpoints_every_stream_with_exact_counts)}.");
        }
        var state = Session.WriteFile("state-final.json", StateFile(finalStates));
        var second = await Session.OnceAsync("read:incremental:final", async () =>
            await Session.RunAsync(["read", "--config", ConfigFile(), "--catalog", await IncrementalCatalogAsync(), "--state", state]));
        var problems = new RuleProblems();
        foreach (var stream in streams)
        {
            var records = second.Records(stream.Name);
            if (stream.Cursor.Count == 0)
            {
                if (records.Count > 0)
                {
                    problems.Add($"{stream.Name}: {records.Count} records read again from the final state", second);
                }
                continue;
            }
            var greatest = Values.Max(first.Records(stream.Name).Select(r => Message.At(Message.DataOf(r), stream.Cursor)));
            var newer = records.Where(r => Values.IsMissing(greatest) || Values.Compare(Message.At(Message.DataOf(r), stream.Cursor), greatest) != 0).ToList();
            if (newer.Count > 0)
            {
                problems.Add($"{stream.Name}: {newer.Count} of {records.Count} records read again from the final state have a cursor other than "
                    + $"the greatest read before ({(Values.IsMissing(greatest) ? "none" : greatest.GetRawText())}), e.g. "
                    + ProcessRun.Excerpt(Message.At(Message.DataOf(newer[0]), stream.Cursor).GetRawText(), 100), second);
            }
        }
        problems.ThrowIfAny("a read from the final state must read nothing new");
    }

    /// <summary>
    /// An incremental read resumed from every Nth intermediate state of a first read (the states of every stream as they
    /// stood at that point, as a platform saves them), together with the records read before that point, holds every
    /// record of the first read: a checkpoint never covers a record that was not yet read.
    /// </summary>
    [ConnectorRule]
    public async Task Incremental_read_resumed_from_every_Nth_state_loses_nothing()
    {
        var (streams, first) = await RequireIncrementalReadAsync();
        var messages = first.Messages;
        var lastState = messages.Select((m, i) => (m, i)).LastOrDefault(p => Message.TypeOf(p.m) == "STATE").i;
        var points = messages.Select((m, i) => (m, i)).Where(p => Message.TypeOf(p.m) == "STATE" && p.i < lastState).Select(p => p.i).ToList();
        if (points.Count == 0)
        {
            throw new RuleNotApplicableException(
                "The incremental read emitted no intermediate state (only final ones): use a config that reads more records than a checkpoint holds.");
        }
        var every = ResumeFromEveryNthState > 0 ? ResumeFromEveryNthState : Math.Max(1, (int)Math.Ceiling(points.Count / 5.0));
        var problems = new RuleProblems();
        for (var n = every - 1; n < points.Count; n += every)
        {
            var point = points[n];
            var state = Session.WriteFile($"state-{point}.json", StateFile(FinalStates(point + 1, first)));
            var resumed = await Session.OnceAsync($"read:incremental:resume:{point}", async () =>
                await Session.RunAsync(["read", "--config", ConfigFile(), "--catalog", await IncrementalCatalogAsync(), "--state", state]));
            var before = messages.Take(point + 1).Where(m => Message.TypeOf(m) == "RECORD").Select(m => Message.Payload(m, "record")).ToList();
            foreach (var stream in streams)
            {
                var had = before.Where(r => Message.StreamOf(r) == stream.Name).Select(r => Values.KeyOf(r, stream.PrimaryKey))
                    .Concat(resumed.Records(stream.Name).Select(r => Values.KeyOf(r, stream.PrimaryKey)))
                    .ToHashSet();
                var lost = first.Records(stream.Name).Select(r => Values.KeyOf(r, stream.PrimaryKey)).Where(k => !had.Contains(k)).Distinct().ToList();
                if (lost.Count > 0)
                {
                    problems.Add($"resumed from the state at stdout message {point + 1} ({ProcessRun.Excerpt(messages[point].GetRawText(), 200)}): "
                        + $"{lost.Count} records of {stream.Name} lost, e.g. {ProcessRun.Excerpt(lost[0], 150)}", resumed);
                }
            }
        }
        problems.ThrowIfAny("a read resumed from a checkpoint must lose nothing");
    }

    private async Task<(IReadOnlyList<DiscoveredStream> Streams, ProcessRun First)> RequireIncrementalReadAsync()
    {
        var streams = await IncrementalStreamsAsync();
        if (streams.Count == 0)
        {
            throw new RuleNotApplicableException("No stream supports incremental reads.");
        }
        var first = await IncrementalReadAsync();
        if (first.Records().Count == 0)
        {
            throw new RuleNotApplicableException("The incremental read read no record.");
        }
        return (streams, first);
    }

    /// <summary>The latest state of each stream (or the latest GLOBAL state) among the first <paramref name="count"/> messages.</summary>
    private static IReadOnlyList<JsonElement> FinalStates(int count, ProcessRun run)
    {
        var latest = new Dictionary<string, JsonElement>();
        foreach (var message in run.Messages.Take(count).Where(m => Message.TypeOf(m) == "STATE"))
        {
            var state = Message.Payload(message, "state");
            latest[Message.StateStream(state) ?? "(" + (Message.Text(state, "type") ?? "LEGACY") + ")"] = state;
        }
        return latest.Values.ToList();
    }

    /// <summary>A state file as the platform passes it: a JSON array of the state objects, without the stats it added.</summary>
    private static string StateFile(IEnumerable<JsonElement> states) =>
        new JsonArray(states.Select(s =>
        {
            var node = JsonNode.Parse(s.GetRawText())!.AsObject();
            node.Remove("sourceStats");
            node.Remove("destinationStats");
            return (JsonNode?)node;
        }).ToArray()).ToJsonString();

    private static Dictionary<string, string> ByKey(IEnumerable<JsonElement> records, IReadOnlyList<IReadOnlyList<string>> primaryKey)
    {
        var byKey = new Dictionary<string, string>();
        foreach (var record in records)
        {
            byKey[Values.KeyOf(record, primaryKey)] = Values.Canonical(Message.DataOf(record));
        }
        return byKey;
    }

    private static string Example(string what, IReadOnlyList<string> keys) => keys.Count > 0 ? $"; {what} e.g. {ProcessRun.Excerpt(keys[0], 150)}" : "";

    private static long EmittedAt(JsonElement record) =>
        Message.Payload(record, "emitted_at") is { ValueKind: JsonValueKind.Number } at && at.TryGetInt64(out var ms) ? ms : 0;
}
