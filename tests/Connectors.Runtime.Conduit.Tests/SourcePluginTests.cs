using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Connectors.Runtime.Conduit.Tests.Driver;
using Google.Protobuf;
using Grpc.Core;
using ConduitWire.Opencdc.V1;
using Record = ConduitWire.Opencdc.V1.Record;
using Xunit;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;

namespace Connectors.Runtime.Conduit.Tests;

/// <summary>The Faker sample as a Conduit source plugin: a published executable, driven as Conduit drives it.</summary>
public sealed class SourcePluginTests
{
    [Fact]
    public async Task Configure_open_and_teardown_without_reading()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(Configure(Faker.Config()));
        await source.LifecycleOnCreatedAsync(new SourceMessages.Lifecycle.Types.OnCreated.Types.Request());
        await source.OpenAsync(new SourceMessages.Open.Types.Request());
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());
    }

    [Fact]
    public async Task Reads_what_the_Airbyte_read_of_the_same_config_reads_record_for_record()
    {
        var executable = await PublishedPlugins.FakerAsync();
        var config = Faker.Config(extra: ("sdk.payload.format", "raw"));
        var expected = await AirbyteRead.RecordsAsync(executable, config);
        await using var plugin = await ConduitPlugin.StartAsync(executable);

        var records = await ReadAllAsync(plugin, config, ByteString.Empty, expected.Count);

        Assert.Equal(expected.Select(r => r.Stream), records.Select(r => r.Metadata["opencdc.collection"]));
        // Raw payloads are the records' JSON exactly as the Airbyte read writes them.
        Assert.Equal(expected.Select(r => r.Data), records.Select(r => r.Payload.After.RawData.ToStringUtf8()));
        Assert.All(records, record =>
        {
            // Faker's streams all have cursors: incremental reads, CREATE records.
            Assert.Equal(Operation.Create, record.Operation);
            Assert.Equal("v1", record.Metadata["opencdc.version"]);
            Assert.True(long.Parse(record.Metadata["opencdc.readAt"]) > 1_600_000_000_000_000_000L);
            Assert.Equal(Faker.Id(record), (long)record.Key.StructuredData.Fields["id"].NumberValue);
        });
    }

    [Fact]
    public async Task Structured_payloads_hold_the_records_fields()
    {
        var executable = await PublishedPlugins.FakerAsync();
        var config = Faker.Config(count: 20);
        var expected = await AirbyteRead.RecordsAsync(executable, config);
        await using var plugin = await ConduitPlugin.StartAsync(executable);

        var records = await ReadAllAsync(plugin, config, ByteString.Empty, expected.Count);

        var first = records.First(r => r.Metadata["opencdc.collection"] == "users").Payload.After.StructuredData;
        using var data = JsonDocument.Parse(expected.First(r => r.Stream == "users").Data);
        Assert.Equal(data.RootElement.GetProperty("name").GetString(), first.Fields["name"].StringValue);
        Assert.Equal(data.RootElement.GetProperty("address").GetProperty("city").GetString(),
            first.Fields["address"].StructValue.Fields["city"].StringValue);
        Assert.Equal(data.RootElement.GetProperty("age").GetInt32(), (int)first.Fields["age"].NumberValue);
    }

    [Fact]
    public async Task A_restart_from_any_acknowledged_position_loses_nothing_and_repeats_nothing()
    {
        var executable = await PublishedPlugins.FakerAsync();
        var config = Faker.Config(count: 120, slice: 15);
        var total = (await AirbyteRead.RecordsAsync(executable, config)).Count;
        List<Record> whole;
        await using (var plugin = await ConduitPlugin.StartAsync(executable))
        {
            whole = await ReadAllAsync(plugin, config, ByteString.Empty, total);
        }
        var identities = Faker.Identities(whole).ToList();
        Assert.Equal(identities.Count, identities.Distinct().Count());

        // Every Nth position, the stream boundaries, the first and the last one.
        var boundaries = Enumerable.Range(1, whole.Count - 1).Where(i => whole[i].Metadata["opencdc.collection"] != whole[i - 1].Metadata["opencdc.collection"]).Select(i => i - 1);
        var restarts = Enumerable.Range(0, whole.Count).Where(i => i % 61 == 17).Concat(boundaries).Append(0).Append(whole.Count - 1).Distinct().Order().ToList();
        foreach (var index in restarts)
        {
            await using var plugin = await ConduitPlugin.StartAsync(executable);
            var rest = await ReadAllAsync(plugin, config, whole[index].Position, whole.Count - index - 1);
            Assert.Equal(identities.Skip(index + 1), Faker.Identities(rest));
        }
    }

    [Fact]
    public async Task Stop_returns_the_last_position_put_on_the_stream_and_nothing_follows_it()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(Configure(Faker.Config(count: 100_000, extra: ("sdk.batch.size", "10"))));
        await source.OpenAsync(new SourceMessages.Open.Types.Request());
        using var run = new SourceRun(source);
        await run.WaitForAsync(25);

        var stop = await source.StopAsync(new SourceMessages.Stop.Types.Request());

        Assert.False(stop.LastPosition.IsEmpty);
        await run.WaitForPositionAsync(stop.LastPosition);
        Assert.Equal(StatusCode.OK, await run.CloseAsync());
        var received = run.Received;
        Assert.Equal(Faker.Text(stop.LastPosition), Faker.Text(received[^1].Position));
        Assert.True(received.Count < 100_000);
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());
    }

    [Fact]
    public async Task An_ack_out_of_order_ends_the_run_with_an_error()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(Configure(Faker.Config()));
        await source.OpenAsync(new SourceMessages.Open.Types.Request());
        using var run = new SourceRun(source, acknowledge: false);
        var records = await run.WaitForAsync(3);

        await run.AcknowledgeAsync([records[1].Position]);

        Assert.Equal(StatusCode.FailedPrecondition, await run.EndAsync());
        Assert.Contains("out of order", run.Failure!.Status.Detail);
    }

    [Fact]
    public async Task Open_refuses_a_position_it_did_not_make()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        var source = plugin.Source;
        await source.ConfigureAsync(Configure(Faker.Config()));

        var notOurs = await Assert.ThrowsAsync<RpcException>(async () =>
            await source.OpenAsync(new SourceMessages.Open.Types.Request { Position = ByteString.CopyFromUtf8("42") }));
        var badCursor = await Assert.ThrowsAsync<RpcException>(async () => await source.OpenAsync(new SourceMessages.Open.Types.Request
        {
            Position = ByteString.CopyFromUtf8("{\"v\":1,\"streams\":{\"users\":{\"state\":{\"updated_at\":17},\"after\":0}}}"),
        }));

        Assert.Equal(StatusCode.InvalidArgument, notOurs.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badCursor.StatusCode);
        Assert.Contains("$.streams.users.state", badCursor.Status.Detail);
    }

    /// <summary>Configure, Open at <paramref name="position"/>, read and ack <paramref name="count"/> records, Stop (nothing more may come), close, Teardown.</summary>
    internal static async Task<List<Record>> ReadAllAsync(ConduitPlugin plugin, Dictionary<string, string> config, ByteString position, int count)
    {
        var source = plugin.Source;
        await source.ConfigureAsync(Configure(config));
        await source.OpenAsync(new SourceMessages.Open.Types.Request { Position = position });
        using var run = new SourceRun(source);
        var records = await run.WaitForAsync(count);
        var stop = await source.StopAsync(new SourceMessages.Stop.Types.Request());
        // The source had nothing more: the last position on the stream is the last record read (empty when none was).
        Assert.Equal(Faker.Text(records.Count == 0 ? ByteString.Empty : records[^1].Position), Faker.Text(stop.LastPosition));
        Assert.Equal(StatusCode.OK, await run.CloseAsync());
        Assert.Equal(count, run.Received.Count);
        await source.TeardownAsync(new SourceMessages.Teardown.Types.Request());
        return records;
    }

    internal static SourceMessages.Configure.Types.Request Configure(Dictionary<string, string> config)
    {
        var request = new SourceMessages.Configure.Types.Request();
        request.Config.Add(config);
        return request;
    }
}
