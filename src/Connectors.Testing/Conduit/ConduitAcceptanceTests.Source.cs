using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ConduitWire.Opencdc.V1;
using Connectors.Testing.Conduit;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Google.Protobuf;
using Grpc.Core;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;

namespace Connectors.Testing;

/// <summary>A source's rules: records and positions, acks, Stop and Teardown, resuming from acknowledged positions.</summary>
public abstract partial class ConduitAcceptanceTests<TConnector>
{
    /// <summary>
    /// One read as Conduit makes it: Configure, Open at a position, Run with every batch acknowledged in order until the
    /// source goes quiet, Stop, the wait for Stop's last position, the close of Conduit's side, Teardown, Shutdown.
    /// </summary>
    internal sealed record SourceRead(
        IReadOnlyList<Record> Records,
        IReadOnlyList<string> Problems,
        ByteString? LastPosition,
        ProcessRun Run,
        bool ExitedInTime,
        IReadOnlyList<string> Errors);

    /// <summary>A whole read from the start; made once per test class.</summary>
    internal Task<SourceRead> FullReadAsync() => Session.OnceAsync("conduit:read", () => ReadAsync(ByteString.Empty));

    internal async Task<SourceRead> ReadAsync(ByteString position)
    {
        var problems = new List<string>();
        var errors = new List<string>();
        ByteString? last = null;
        IReadOnlyList<Record> records = [];
        await using var plugin = await PluginProcess.StartAsync(Session);
        var source = plugin.Source;
        void Failed(string call, string error)
        {
            problems.Add($"{call} failed: {error}");
            errors.Add(error);
        }
        if (await TryConfigureAsync(plugin, ConduitConfig) is { } configureError)
        {
            Failed("Configure", configureError);
        }
        else
        {
            try
            {
                await source.OpenAsync(new SourceMessages.Open.Types.Request { Position = position }, deadline: plugin.Deadline());
                using var reader = new SourceReader(source);
                records = await reader.ReadUntilIdleAsync(ReadIdleTime, ProcessTimeout / 2);
                if (reader.Failure is { } failure)
                {
                    Failed("Run (with every batch acknowledged in order)", PluginProcess.Describe(failure));
                }
                else
                {
                    last = (await source.StopAsync(new SourceMessages.Stop.Types.Request(), deadline: plugin.Deadline())).LastPosition;
                    if (!last.IsEmpty && !await reader.WaitForPositionAsync(last, TimeSpan.FromSeconds(30)))
                    {
                        problems.Add($"Stop returned last position {Text(last)}, but no record with that position came on the Run stream");
                    }
                    records = reader.Received;
                    var expected = records.Count == 0 ? ByteString.Empty : records[^1].Position;
                    if (!last.Equals(expected))
                    {
                        problems.Add($"Stop returned last position {Text(last)}, but the last record on the Run stream has {Text(expected)}");
                    }
                    if (!await reader.CloseAsync(TimeSpan.FromSeconds(30)))
                    {
                        var detail = reader.Failure is { } end ? PluginProcess.Describe(end) : "it did not end within 30 s";
                        problems.Add("after Stop's last record was acknowledged and Conduit closed its side, the plugin did not end the Run call with OK: " + detail);
                        errors.Add(detail);
                    }
                    records = reader.Received;
                }
            }
            catch (RpcException ex)
            {
                Failed("Open or Stop", PluginProcess.Describe(ex));
            }
            if (await TeardownAsync(plugin) is { } teardownError)
            {
                Failed("Teardown", teardownError);
            }
        }
        var (run, inTime) = await plugin.ShutdownAsync();
        return new SourceRead(records, problems, last, run, inTime, errors);
    }

    /// <summary>
    /// A whole read gives at least one record, and every record is one Conduit can process: a position (non-empty and
    /// unique: the source resumes after it), an operation, <c>opencdc.collection</c> naming one of the connector's
    /// streams, <c>opencdc.readAt</c> in Unix nanoseconds, and a <c>payload.after</c> (but for a delete).
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_source_records_carry_positions_collections_and_payloads()
    {
        RequireSource();
        var read = await FullReadAsync();
        var problems = new RuleProblems();
        if (read.Records.Count == 0)
        {
            problems.Add(read.Problems.Count > 0
                ? "the read gave no record: " + string.Join("; ", read.Problems)
                : "the read gave no record: give a Config whose read has some", read.Run);
        }
        var streams = TConnector.Descriptor.Streams.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<ByteString>();
        foreach (var (record, index) in read.Records.Select((r, i) => (r, i)))
        {
            var at = $"record {index + 1}";
            if (record.Position.IsEmpty)
            {
                problems.Add($"{at} has no position");
            }
            else if (!seen.Add(record.Position))
            {
                problems.Add($"{at} repeats position {Text(record.Position)}");
            }
            if (record.Operation == Operation.Unspecified)
            {
                problems.Add($"{at} has no operation");
            }
            if (!record.Metadata.TryGetValue("opencdc.collection", out var collection) || collection.Length == 0)
            {
                problems.Add($"{at} has no opencdc.collection");
            }
            else if (streams.Count > 0 && !streams.Contains(collection))
            {
                problems.Add($"{at}: opencdc.collection '{collection}' is none of the connector's streams ({string.Join(", ", streams)})");
            }
            if (!record.Metadata.TryGetValue("opencdc.readAt", out var readAt)
                || !long.TryParse(readAt, NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds) || nanoseconds <= 0)
            {
                problems.Add($"{at}: opencdc.readAt is not Unix nanoseconds ({readAt ?? "missing"})");
            }
            if (record.Operation != Operation.Delete && (record.Payload?.After is null || record.Payload.After.DataCase == Data.DataOneofCase.None))
            {
                problems.Add($"{at} has no payload.after");
            }
        }
        problems.ThrowIfAny("every record must carry what Conduit needs");
    }

    /// <summary>
    /// With every batch acknowledged in the order it came (as Conduit acks), the Run stream goes on without error; Stop
    /// returns the position of the last record on the stream; when Conduit closes its side the plugin ends the call with
    /// OK; Teardown succeeds; Shutdown then ends the process within 5 s with exit 0.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_source_acks_in_order_are_accepted_and_Stop_and_Teardown_end_cleanly()
    {
        RequireSource();
        var read = await FullReadAsync();
        var problems = new RuleProblems();
        foreach (var problem in read.Problems)
        {
            problems.Add(problem, read.Run);
        }
        if (!read.ExitedInTime)
        {
            problems.Add($"the process still ran {PluginProcess.ExitAllowance.TotalSeconds:0} s after Teardown and Shutdown", read.Run);
        }
        else if (read.Run.ExitCode != 0)
        {
            problems.Add($"after Teardown and Shutdown the process exited with {read.Run.ExitCode}, not 0", read.Run);
        }
        problems.ThrowIfAny("a read must end cleanly");
    }

    /// <summary>
    /// Opened at any acknowledged position (every Nth of a whole read, and the last one: <see cref="ResumeFromEveryNthPosition"/>),
    /// the source reads on, and what came up to that position plus what the resumed read gives holds every record of the
    /// whole read (by stream and key): a restart after a crash loses nothing.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_source_resumed_from_every_Nth_acknowledged_position_loses_nothing()
    {
        RequireSource();
        var full = await FullReadAsync();
        if (full.Records.Count == 0)
        {
            throw new RuleNotApplicableException(
                $"The whole read gave no record: see {nameof(Conduit_source_records_carry_positions_collections_and_payloads)}.");
        }
        var every = ResumeFromEveryNthPosition > 0 ? ResumeFromEveryNthPosition : Math.Max(1, full.Records.Count / 4);
        var restarts = Enumerable.Range(0, full.Records.Count).Where(i => (i + 1) % every == 0).Append(full.Records.Count - 1).Distinct().ToList();
        var all = full.Records.Select(Identity).ToList();
        var problems = new RuleProblems();
        foreach (var index in restarts)
        {
            var position = full.Records[index].Position;
            var resumed = await Session.OnceAsync("conduit:resume:" + index, () => ReadAsync(position));
            foreach (var problem in resumed.Problems)
            {
                problems.Add($"resumed at record {index + 1} ({Text(position)}): {problem}", resumed.Run);
            }
            var union = all.Take(index + 1).Concat(resumed.Records.Select(Identity)).ToHashSet(StringComparer.Ordinal);
            var lost = all.Where(r => !union.Contains(r)).Distinct().ToList();
            if (lost.Count > 0)
            {
                problems.Add($"resumed at record {index + 1} of {all.Count} ({Text(position)}): {lost.Count} record(s) of the whole read never came, e.g. {string.Join(", ", lost.Take(3))}", resumed.Run);
            }
        }
        problems.ThrowIfAny("a read resumed from an acknowledged position must lose nothing");
    }

    /// <summary>A record's stream and key (its payload when it has no key), to compare reads.</summary>
    internal static string Identity(Record record)
    {
        var collection = record.Metadata.TryGetValue("opencdc.collection", out var name) ? name : "";
        var key = record.Key is { DataCase: not Data.DataOneofCase.None } k ? Describe(k) : Describe(record.Payload?.After);
        return collection + " " + key;
    }

    private static string Describe(Data? data) => data?.DataCase switch
    {
        Data.DataOneofCase.RawData => data.RawData.ToStringUtf8(),
        Data.DataOneofCase.StructuredData => data.StructuredData.ToString(),
        _ => "",
    };

    /// <summary>A position as text, for messages (they are opaque bytes, usually UTF-8).</summary>
    internal static string Text(ByteString position) => position.IsEmpty ? "(empty)" : "'" + position.ToStringUtf8() + "'";
}
