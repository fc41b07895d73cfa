using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConduitWire.Opencdc.V1;
using Connectors.Testing.Conduit;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DestinationMessages = ConduitWire.Connector.V2.Destination.Types;

namespace Connectors.Testing;

/// <summary>A destination's rules: every record acknowledged in order, a bad record acknowledged with an error.</summary>
public abstract partial class ConduitAcceptanceTests<TConnector>
{
    /// <summary>One write as Conduit makes it: what was sent, the acks, and what went wrong on the way.</summary>
    internal sealed record DestinationWrite(
        IReadOnlyList<Record> Sent,
        IReadOnlyList<DestinationMessages.Run.Types.Response.Types.Ack> Acks,
        IReadOnlyList<string> Problems,
        ProcessRun Run,
        bool ExitedInTime,
        IReadOnlyList<string> Errors);

    /// <summary>Position of the bad record in the "bad" write: after two good ones.</summary>
    internal const int BadRecordIndex = 2;

    /// <summary>
    /// The "good" write (<see cref="DestinationRecords"/>, in batches of three) or the "bad" one (two good records, one
    /// whose payload is raw bytes that are no JSON, two more good ones, in one batch each); made once per test class.
    /// </summary>
    internal Task<DestinationWrite> WriteRunAsync(string which) => Session.OnceAsync("conduit:write:" + which, async () =>
    {
        var records = DestinationRecords.Select((r, i) => Record(r.Collection, r.Json, i + 1)).ToList();
        if (which == "bad")
        {
            var bad = Record(records[0].Metadata["opencdc.collection"], "{}", 1000);
            bad.Payload.After = new Data { RawData = ByteString.CopyFromUtf8("this is not JSON {") };
            records = records.Take(BadRecordIndex).Append(bad).Concat(records.Skip(BadRecordIndex).Take(2)).ToList();
        }
        var problems = new List<string>();
        var errors = new List<string>();
        var acks = new List<DestinationMessages.Run.Types.Response.Types.Ack>();
        await using var plugin = await PluginProcess.StartAsync(Session);
        var destination = plugin.Destination;
        if (await TryConfigureAsync(plugin, ConduitConfig) is { } configureError)
        {
            problems.Add("Configure failed: " + configureError);
            errors.Add(configureError);
        }
        else
        {
            try
            {
                await destination.OpenAsync(new DestinationMessages.Open.Types.Request(), deadline: plugin.Deadline());
                using var run = destination.Run();
                foreach (var batch in records.Chunk(which == "bad" ? 1 : 3))
                {
                    var request = new DestinationMessages.Run.Types.Request();
                    request.Records.AddRange(batch);
                    await run.RequestStream.WriteAsync(request);
                }
                using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                {
                    try
                    {
                        while (acks.Count < records.Count && await run.ResponseStream.MoveNext(deadline.Token))
                        {
                            acks.AddRange(run.ResponseStream.Current.Acks);
                        }
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested)
                    {
                        problems.Add($"only {acks.Count} of {records.Count} acks came within 60 s");
                    }
                }
                await destination.StopAsync(new DestinationMessages.Stop.Types.Request { LastPosition = records[^1].Position }, deadline: plugin.Deadline());
                await run.RequestStream.CompleteAsync();
            }
            catch (RpcException ex)
            {
                problems.Add($"the write failed (after {acks.Count} acks): {PluginProcess.Describe(ex)}");
                errors.Add(PluginProcess.Describe(ex));
            }
            if (await TeardownAsync(plugin) is { } teardownError)
            {
                problems.Add("Teardown failed: " + teardownError);
                errors.Add(teardownError);
            }
        }
        errors.AddRange(acks.Select(a => a.Error));
        var (processRun, inTime) = await plugin.ShutdownAsync();
        return new DestinationWrite(records, acks, problems, processRun, inTime, errors);
    });

    /// <summary>
    /// Each record of <see cref="DestinationRecords"/>, sent in batches as Conduit sends them, is acknowledged exactly
    /// once, in the order sent, without error (an ack says the record is written); Stop(last position) and Teardown
    /// succeed; Shutdown ends the process with exit 0.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_destination_acknowledges_every_record_in_order()
    {
        RequireDestination();
        var write = await WriteRunAsync("good");
        var problems = new RuleProblems();
        foreach (var problem in write.Problems)
        {
            problems.Add(problem, write.Run);
        }
        AckOrderProblems(write, problems);
        foreach (var (ack, index) in write.Acks.Select((a, i) => (a, i)).Where(a => a.a.Error.Length > 0))
        {
            problems.Add($"record {index + 1} ({Text(ack.Position)}) was acknowledged with an error: {ack.Error}", write.Run);
        }
        if (!write.ExitedInTime || write.Run.ExitCode != 0)
        {
            problems.Add(write.ExitedInTime ? $"after Shutdown the process exited with {write.Run.ExitCode}" : "the process did not end after Shutdown", write.Run);
        }
        problems.ThrowIfAny("a destination must acknowledge every record it writes, in order");
    }

    /// <summary>
    /// A record the destination cannot write (its payload raw bytes that are no JSON) is acknowledged with an error,
    /// not answered with a crash or a broken stream: every record gets its ack in order, the bad one's carries an error,
    /// and the plugin still answers Teardown and ends on Shutdown.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_destination_acknowledges_a_bad_record_with_an_error()
    {
        RequireDestination();
        var write = await WriteRunAsync("bad");
        var problems = new RuleProblems();
        foreach (var problem in write.Problems)
        {
            problems.Add(problem, write.Run);
        }
        AckOrderProblems(write, problems);
        if (write.Acks.Count > BadRecordIndex && write.Acks[BadRecordIndex].Error.Length == 0)
        {
            problems.Add($"the record whose payload is no JSON was acknowledged as written", write.Run);
        }
        if (!write.ExitedInTime)
        {
            problems.Add("the process did not end after Shutdown", write.Run);
        }
        problems.ThrowIfAny("a bad record must be acknowledged with an error");
    }

    private static void AckOrderProblems(DestinationWrite write, RuleProblems problems)
    {
        var sent = write.Sent.Select(r => r.Position).ToList();
        var acked = write.Acks.Select(a => a.Position).ToList();
        if (!sent.SequenceEqual(acked))
        {
            problems.Add($"sent positions {string.Join(", ", sent.Select(Text))}, but the acks came for {string.Join(", ", acked.Select(Text))}", write.Run);
        }
    }

    /// <summary>A CREATE record of <paramref name="collection"/> with <paramref name="json"/> as its structured payload.</summary>
    private static Record Record(string collection, string json, int number)
    {
        var after = Struct.Parser.ParseJson(json);
        var record = new Record
        {
            Position = ByteString.CopyFromUtf8("kit-" + number),
            Operation = Operation.Create,
            Payload = new Change { After = new Data { StructuredData = after } },
        };
        record.Metadata["opencdc.collection"] = collection;
        record.Metadata["opencdc.version"] = "v1";
        record.Metadata["opencdc.readAt"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (after.Fields.TryGetValue("id", out var id))
        {
            record.Key = new Data { StructuredData = new Struct { Fields = { ["id"] = id } } };
        }
        return record;
    }
}
