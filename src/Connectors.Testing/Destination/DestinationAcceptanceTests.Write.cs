using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class DestinationAcceptanceTests<TConnector>
{
    /// <summary>
    /// <c>write</c> of a multi-checkpoint input echoes every STATE, in input order, each only once the records before it
    /// are committed (the kit reads them back the moment the echo arrives, before it sends more), each the input's
    /// state unchanged (the platform's <c>id</c> included) plus destinationStats.recordCount, an integer equal to the
    /// stream's records since its previous state; at the end every record is stored once, with the values sent, and the
    /// process exits 0.
    /// </summary>
    [ConnectorRule]
    public async Task Write_echoes_every_state_in_order_once_its_records_are_committed()
    {
        var (run, input, config, problems) = await EchoRunAsync();
        ExitedWith(0, run, problems);
        foreach (var problem in run.ProtocolProblems)
        {
            problems.Add(problem, run);
        }
        EchoProblems(input.Lines, run, problems);
        await StoredExactlyProblemsAsync(config, input, once: true, problems, run);
        problems.ThrowIfAny("write must echo each state in order, once its records are committed");
    }

    /// <summary>
    /// The destination killed (SIGKILL) at seeded random points of a write, then resumed each time the way a platform
    /// retries (the records after each stream's last echoed state, again), loses nothing: every record sent is stored
    /// with its values, and with append_dedup exactly once.
    /// </summary>
    [ConnectorRule]
    public async Task Write_killed_and_resumed_loses_nothing()
    {
        var mode = await RequireModeAsync("The kill rule", "append_dedup", "append");
        var config = await NewConfigAsync();
        var input = Input();
        var random = new Random(Seed);
        var acknowledged = Streams.ToDictionary(s => s.Name, _ => -1);
        var problems = new RuleProblems();
        ProcessRun? last = null;
        for (var attempt = 0; attempt <= Kills; attempt++)
        {
            var lines = Resume(input.Lines, acknowledged);
            var killAt = attempt < Kills ? random.Next(1, lines.Count) : -1;
            await using var process = Session.Start(WriteArgs(config, mode), keepStdin: true);
            try
            {
                for (var i = 0; i < lines.Count; i++)
                {
                    await process.WriteLineAsync(lines[i]);
                    if (i + 1 == killAt)
                    {
                        // The kill lands once the destination has caught up with the input (acknowledged every state
                        // sent so far), plus a moment: mid-batch, mid-commit or between a commit and its echo.
                        var sent = lines.Take(i + 1).Count(IsStateLine);
                        if (sent > 0)
                        {
                            await process.WaitForLineAsync(_ => process.LinesSoFar().Count(IsStateLine) >= sent, 0, EchoTimeout);
                        }
                        await Task.Delay(random.Next(0, 50));
                        await process.KillAsync();
                        break;
                    }
                }
                if (killAt < 0)
                {
                    process.CloseStdin();
                }
            }
            catch (IOException)
            {
                // The destination ended while reading its input: its output says why.
            }
            last = await Session.Record(process.WaitForExitAsync());
            foreach (var state in last.States())
            {
                if (Message.Payload(state, "id") is { ValueKind: JsonValueKind.Number } id && StateLine(input.Lines, id.GetInt32()) is var (index, stream) && index >= 0)
                {
                    acknowledged[stream] = Math.Max(acknowledged[stream], index);
                }
            }
        }
        ExitedWith(0, last!, problems);
        await StoredExactlyProblemsAsync(config, input, once: mode == "append_dedup", problems, last!, allowDuplicates: mode == "append");
        problems.ThrowIfAny($"killed {Kills} times and resumed, the destination must lose nothing ({mode})");
    }

    /// <summary>
    /// An overwrite whose input ends without the source's STREAM_STATUS COMPLETE (the input just ends, or says
    /// INCOMPLETE) leaves the previous data of the stream in place, every row as it was; a complete one replaces it.
    /// </summary>
    [ConnectorRule]
    public async Task Write_input_ending_without_COMPLETE_keeps_the_previous_overwrite_data()
    {
        await RequireModeAsync("The overwrite rule", "overwrite");
        var config = await NewConfigAsync();
        var args = WriteArgs(config, "overwrite");
        var problems = new RuleProblems();
        var previous = Input(generation: 1);
        var first = await Session.RunAsync(args, previous.Lines);
        ExitedWith(0, first, problems);
        await StoredExactlyProblemsAsync(config, previous, once: true, problems, first, context: "after a complete overwrite");
        foreach (var (unfinished, how) in new[] { (Input(generation: 2, complete: false), "ended without stream statuses"), (Input(generation: 3, endStatus: "INCOMPLETE"), "ended with INCOMPLETE") })
        {
            var run = await Session.RunAsync(args, unfinished.Lines);
            await StoredExactlyProblemsAsync(config, previous, once: true, problems, run, context: $"after an overwrite whose input {how}");
        }
        var replacing = Input(generation: 4);
        var last = await Session.RunAsync(args, replacing.Lines);
        ExitedWith(0, last, problems);
        await StoredExactlyProblemsAsync(config, replacing, once: true, problems, last, context: "after a second complete overwrite");
        problems.ThrowIfAny("an unfinished overwrite must keep the previous data");
    }

    /// <summary>
    /// <c>write</c> given a config or catalog file that is not JSON gives one clear error (one TRACE ERROR naming the
    /// file, a non-zero exit); an input line that is not JSON gives one TRACE ERROR naming the line, a non-zero exit, and
    /// no state after that line is echoed.
    /// </summary>
    [ConnectorRule]
    public async Task Write_with_a_garbage_config_catalog_or_input_gives_one_clear_error()
    {
        var problems = new RuleProblems();
        foreach (var (file, run, input) in await GarbageWriteRunsAsync())
        {
            if (file is not null)
            {
                InputErrorProblems(run, file, problems, allowFailedStatus: false);
                if (run.States().Count > 0)
                {
                    problems.Add($"{run.States().Count} states echoed with the bad file {Path.GetFileName(file)}", run);
                }
                continue;
            }
            if (run.TimedOut || run.ExitCode == 0)
            {
                problems.Add(run.TimedOut ? "did not end after a line that is not JSON" : "exit code 0 after an input line that is not JSON", run);
            }
            if (run.Errors.Count != 1 || Message.Text(run.Errors[0], "message") is not { } message || !message.Contains("line", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{run.Errors.Count} TRACE ERROR(s) for an input line that is not JSON, not one naming the line", run);
            }
            var garbage = input.ToList().IndexOf(GarbageLine);
            var sentBefore = input.Take(garbage).Count(IsStateLine);
            if (run.States().Count > sentBefore)
            {
                problems.Add($"{run.States().Count} states echoed, but only {sentBefore} came before the line that is not JSON", run);
            }
        }
        problems.ThrowIfAny("garbage input must give one clear error");
    }

    private const string GarbageLine = "{\"type\": \"RECORD\", this is not JSON";

    /// <summary>The garbage writes: the file at fault (null for the garbage input line), the run, and its input.</summary>
    internal Task<IReadOnlyList<(string? File, ProcessRun Run, IReadOnlyList<string> Input)>> GarbageWriteRunsAsync() =>
        Session.OnceAsync<IReadOnlyList<(string?, ProcessRun, IReadOnlyList<string>)>>("write:garbage", async () =>
        {
            var modes = await SyncModesAsync();
            var mode = modes.FirstOrDefault() ?? "append";
            var input = Input();
            var config = await NewConfigAsync();
            var args = WriteArgs(config, mode);
            var badConfig = Session.WriteFile("config.json", "{\"destination\": this is not JSON");
            var badCatalog = Session.WriteFile("catalog.json", "{\"streams\": [ this is not JSON");
            var withGarbage = input.Lines.Take(input.Lines.Count / 2).Append(GarbageLine).Concat(input.Lines.Skip(input.Lines.Count / 2)).ToList();
            return
            [
                (badConfig, await Session.RunAsync(["write", "--config", badConfig, "--catalog", args[4]], input.Lines), input.Lines),
                (badCatalog, await Session.RunAsync(["write", "--config", args[2], "--catalog", badCatalog], input.Lines), input.Lines),
                (null, await Session.RunAsync(args, withGarbage), withGarbage),
            ];
        });

    /// <summary>The echo rule's write, fed one state at a time, with what it found while the destination ran.</summary>
    internal Task<(ProcessRun Run, DestinationInput Input, string Config, RuleProblems Problems)> EchoRunAsync() =>
        Session.OnceAsync("write:echo", async () =>
        {
            var mode = await RequireModeAsync("The echo rule", "append", "append_dedup");
            var config = await NewConfigAsync();
            var input = Input();
            var problems = new RuleProblems();
            await using var process = Session.Start(WriteArgs(config, mode), keepStdin: true);
            var echoLine = -1;
            var sent = Streams.ToDictionary(s => s.Name, _ => new List<JsonElement>());
            try
            {
                foreach (var line in input.Lines)
                {
                    await process.WriteLineAsync(line);
                    var message = JsonDocument.Parse(line).RootElement;
                    if (Message.TypeOf(message) == "RECORD")
                    {
                        sent[Message.StreamOf(Message.Payload(message, "record"))!].Add(Message.DataOf(Message.Payload(message, "record")).Clone());
                    }
                    if (!IsStateLine(line))
                    {
                        continue;
                    }
                    var id = Message.Payload(Message.Payload(message, "state"), "id").GetInt32();
                    echoLine = await process.WaitForLineAsync(IsStateLine, echoLine + 1, EchoTimeout);
                    if (echoLine < 0)
                    {
                        problems.Add($"state id {id} was not echoed within {EchoTimeout.TotalSeconds:0} s of being sent (the kit sends nothing more until it is)");
                        break;
                    }
                    foreach (var stream in Streams)
                    {
                        var stored = KeysOf(await ReadBackAsync(config, stream.Name), stream);
                        var missing = sent[stream.Name].Select(d => KeyText(Message.At(d, stream.PrimaryKey))).Where(k => !stored.ContainsKey(k)).ToList();
                        if (missing.Count > 0)
                        {
                            problems.Add($"when state id {id} was echoed, {missing.Count} of the {sent[stream.Name].Count} {stream.Name} records sent before it were not stored (e.g. key {missing[0]}): a state is echoed only after its records are committed");
                        }
                    }
                }
                process.CloseStdin();
            }
            catch (IOException)
            {
                // The destination ended while reading its input: its output says why.
            }
            var run = await Session.Record(process.WaitForExitAsync());
            return (run, input, config, problems);
        });

    /// <summary>The echoed states are the input's, in order, unchanged but for destinationStats with the exact integer count.</summary>
    private static void EchoProblems(IReadOnlyList<string> input, ProcessRun run, RuleProblems problems)
    {
        var expected = new List<(JsonElement State, long Count)>();
        var pending = new Dictionary<string, long>();
        foreach (var message in input.Select(l => JsonDocument.Parse(l).RootElement))
        {
            if (Message.TypeOf(message) == "RECORD")
            {
                var stream = Message.StreamOf(Message.Payload(message, "record"))!;
                pending[stream] = pending.GetValueOrDefault(stream) + 1;
            }
            else if (Message.TypeOf(message) == "STATE")
            {
                var state = Message.Payload(message, "state");
                var stream = Message.StateStream(state)!;
                expected.Add((state, pending.GetValueOrDefault(stream)));
                pending[stream] = 0;
            }
        }
        var echoed = run.States();
        if (echoed.Count != expected.Count)
        {
            problems.Add($"{echoed.Count} states echoed, {expected.Count} sent", run);
        }
        for (var i = 0; i < Math.Min(echoed.Count, expected.Count); i++)
        {
            var echo = echoed[i];
            var withoutStats = System.Text.Json.Nodes.JsonNode.Parse(echo.GetRawText())!.AsObject();
            withoutStats.Remove("destinationStats");
            if (Values.Canonical(JsonSerializer.SerializeToElement(withoutStats)) != Values.Canonical(expected[i].State))
            {
                problems.Add($"echoed state {i + 1} is not the state sent {i + 1}th (order, or content changed): sent {ProcessRun.Excerpt(expected[i].State.GetRawText(), 200)}, echoed {ProcessRun.Excerpt(echo.GetRawText(), 200)}", run);
                continue;
            }
            var count = Message.Payload(Message.Payload(echo, "destinationStats"), "recordCount");
            if (count.ValueKind != JsonValueKind.Number || count.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 || count.GetInt64() != expected[i].Count)
            {
                problems.Add($"echoed state {i + 1}: destinationStats.recordCount is {(count.ValueKind == JsonValueKind.Undefined ? "missing" : count.GetRawText())}, not the integer {expected[i].Count}", run);
            }
        }
    }

    /// <summary>Each stream holds exactly the input's records (once each, unless duplicates are allowed), with the values sent.</summary>
    private async Task StoredExactlyProblemsAsync(string config, DestinationInput input, bool once, RuleProblems problems, ProcessRun run,
        bool allowDuplicates = false, string context = "at the end")
    {
        foreach (var stream in Streams)
        {
            var rows = await ReadBackAsync(config, stream.Name);
            var stored = KeysOf(rows, stream);
            var sent = input.Records[stream.Name];
            var keys = sent.Select(d => KeyText(Message.At(d, stream.PrimaryKey))).ToHashSet();
            var missing = keys.Where(k => !stored.ContainsKey(k)).ToList();
            var extra = stored.Keys.Where(k => !keys.Contains(k)).ToList();
            var twice = stored.Where(p => p.Value.Count > 1).Select(p => p.Key).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{context}: {stream.Name} lacks {missing.Count} of the {keys.Count} records sent (e.g. key {missing[0]})", run);
            }
            if (extra.Count > 0)
            {
                problems.Add($"{context}: {stream.Name} holds {extra.Count} rows that are not the records sent (e.g. key {extra[0]})", run);
            }
            if (once && !allowDuplicates && twice.Count > 0)
            {
                problems.Add($"{context}: {stream.Name} holds {twice.Count} records more than once (e.g. key {twice[0]})", run);
            }
            foreach (var data in sent)
            {
                if (!stored.TryGetValue(KeyText(Message.At(data, stream.PrimaryKey)), out var copies))
                {
                    continue;
                }
                foreach (var field in data.EnumerateObject())
                {
                    var row = copies[^1];
                    if (!row.TryGetValue(field.Name, out var value))
                    {
                        problems.Add($"{context}: {stream.Name} stores no '{field.Name}'", run);
                        return;
                    }
                    if (!StoredRows.Same(field.Value, value))
                    {
                        problems.Add($"{context}: {stream.Name} key {KeyText(Message.At(data, stream.PrimaryKey))}: '{field.Name}' is stored as {StoredRows.Show(value)}, the record says {field.Value.GetRawText()}", run);
                        return;
                    }
                }
            }
        }
    }

    /// <summary>The rows by their primary key's value (as text).</summary>
    private static Dictionary<string, List<IReadOnlyDictionary<string, object?>>> KeysOf(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, WriteStream stream)
    {
        var byKey = new Dictionary<string, List<IReadOnlyDictionary<string, object?>>>();
        foreach (var row in rows)
        {
            var key = row.TryGetValue(stream.PrimaryKey[0], out var value) ? KeyText(value) : "(no key)";
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }
            list.Add(row);
        }
        return byKey;
    }

    private static string KeyText(object? value) => value switch
    {
        null or DBNull => "NULL",
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString()!,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>What a platform re-sends after a failure: statuses anew, then each stream's records and states after its last acknowledged state.</summary>
    private static List<string> Resume(IReadOnlyList<string> input, IReadOnlyDictionary<string, int> acknowledged)
    {
        var lines = new List<string>();
        foreach (var stream in acknowledged.Keys)
        {
            lines.Add(DestinationInput.Status(stream, "STARTED"));
            lines.Add(DestinationInput.Status(stream, "RUNNING"));
        }
        for (var i = 0; i < input.Count; i++)
        {
            var message = JsonDocument.Parse(input[i]).RootElement;
            var stream = Message.TypeOf(message) switch
            {
                "RECORD" => Message.StreamOf(Message.Payload(message, "record")),
                "STATE" => Message.StateStream(Message.Payload(message, "state")),
                _ => null,
            };
            var status = Message.TypeOf(message) == "TRACE" ? Message.StatusOf(Message.Payload(message, "trace")) : null;
            if ((stream is not null && i > acknowledged[stream]) || status is "COMPLETE" or "INCOMPLETE")
            {
                lines.Add(input[i]);
            }
        }
        return lines;
    }

    /// <summary>The input line index and stream of the state with the platform id <paramref name="id"/>.</summary>
    private static (int Index, string Stream) StateLine(IReadOnlyList<string> input, int id)
    {
        for (var i = 0; i < input.Count; i++)
        {
            if (IsStateLine(input[i]))
            {
                var state = Message.Payload(JsonDocument.Parse(input[i]).RootElement, "state");
                if (Message.Payload(state, "id").GetInt32() == id)
                {
                    return (i, Message.StateStream(state)!);
                }
            }
        }
        return (-1, "");
    }

    private static bool IsStateLine(string line) => line.Contains("\"STATE\"", StringComparison.Ordinal);
}
