using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConduitWire.Opencdc.V1;
using Connectors.Runtime.Conduit.Tests.Driver;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using Record = ConduitWire.Opencdc.V1.Record;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;

namespace Connectors.Runtime.Conduit.Tests;

/// <summary>
/// Streams a connector finds at run time ([DiscoverStreams]: one per table) under Conduit: each is a collection named
/// <c>schema.table</c>, read after the static streams and resumed from positions like them. The lifecycle test connector
/// discovers the tables LIFECYCLE_TABLES names.
/// </summary>
public sealed class DiscoveredStreamTests : IDisposable
{
    private const string Tables = "sales.orders:5,hr.people:3";
    private readonly string _journal = Path.Combine(Path.GetTempPath(), "conduit-discovered-" + Guid.NewGuid().ToString("N") + ".txt");

    [Fact]
    public async Task Discovered_tables_are_read_after_the_static_streams_each_as_its_own_collection()
    {
        await using var plugin = await StartAsync();

        var records = await SourcePluginTests.ReadAllAsync(plugin, new(), ByteString.Empty, 3 + 5 + 3);

        Assert.Equal(
            ["events/1", "events/2", "events/3", "sales.orders/1", "sales.orders/2", "sales.orders/3", "sales.orders/4", "sales.orders/5",
             "hr.people/1", "hr.people/2", "hr.people/3"],
            records.Select(Identity));
        // 'events' has no cursor (a snapshot); the tables have a default cursor, so they are read incrementally.
        Assert.Equal(Enumerable.Repeat(Operation.Snapshot, 3).Concat(Enumerable.Repeat(Operation.Create, 8)), records.Select(r => r.Operation));
        Assert.Equal("sales.orders", records[3].Payload.After.StructuredData.Fields["table"].StringValue);
        Assert.Equal(1, records[3].Key.StructuredData.Fields["id"].NumberValue);
    }

    [Fact]
    public async Task A_restart_from_a_position_inside_a_discovered_table_loses_nothing_and_repeats_nothing()
    {
        List<Record> whole;
        await using (var plugin = await StartAsync())
        {
            whole = await SourcePluginTests.ReadAllAsync(plugin, new(), ByteString.Empty, 11);
        }
        foreach (var index in new[] { 2, 4, 7, 9 })
        {
            await using var plugin = await StartAsync();
            var rest = await SourcePluginTests.ReadAllAsync(plugin, new(), whole[index].Position, whole.Count - index - 1);
            Assert.Equal(whole.Skip(index + 1).Select(Identity), rest.Select(Identity));
        }
    }

    [Fact]
    public async Task Streams_selects_discovered_tables_by_schema_and_name_and_names_them_when_one_is_unknown()
    {
        await using var plugin = await StartAsync();
        var records = await SourcePluginTests.ReadAllAsync(plugin, new() { ["sdk.streams"] = "hr.people" }, ByteString.Empty, 3);
        Assert.Equal(["hr.people/1", "hr.people/2", "hr.people/3"], records.Select(Identity));

        await using var other = await StartAsync();
        await other.Source.ConfigureAsync(SourcePluginTests.Configure(new() { ["sdk.streams"] = "people" }));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await other.Source.OpenAsync(new SourceMessages.Open.Types.Request()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("sdk.streams: no stream named 'people' (the streams are events, sales.orders, hr.people).", error.Status.Detail);
    }

    [Fact]
    public async Task Cursors_chooses_the_cursor_of_a_discovered_table_and_a_restart_resumes_by_it()
    {
        var choice = new Dictionary<string, string> { ["sdk.streams"] = "sales.orders,hr.people", ["sdk.cursors"] = "sales.orders:rank" };
        List<Record> whole;
        await using (var plugin = await StartAsync())
        {
            whole = await SourcePluginTests.ReadAllAsync(plugin, choice, ByteString.Empty, 5 + 3);
        }
        // sales.orders is read by rank (rows in reverse id order); hr.people keeps its default cursor, id.
        Assert.Equal(["sales.orders/5", "sales.orders/4", "sales.orders/3", "sales.orders/2", "sales.orders/1", "hr.people/1", "hr.people/2", "hr.people/3"],
            whole.Select(Identity));
        Assert.All(whole, r => Assert.Equal(Operation.Create, r.Operation));
        Assert.Contains("\"rank\":", whole[3].Position.ToStringUtf8());

        // A restart from inside the table goes on by rank from the acknowledged record.
        await using (var plugin = await StartAsync())
        {
            var rest = await SourcePluginTests.ReadAllAsync(plugin, choice, whole[1].Position, whole.Count - 2);
            Assert.Equal(whole.Skip(2).Select(Identity), rest.Select(Identity));
        }
    }

    [Fact]
    public async Task Cursors_names_every_choice_it_cannot_honour_when_the_source_opens()
    {
        await using var plugin = await StartAsync();
        await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(new() { ["sdk.cursors"] = "sales.orders:price,events:id,hr.staff:id" }));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Source.OpenAsync(new SourceMessages.Open.Types.Request()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("sdk.cursors: 'price' is not a cursor stream 'sales.orders' can read by; its cursor candidates are: id, rank; "
            + "stream 'events' has no cursor to choose; no stream named 'hr.staff' (the streams are events, sales.orders, hr.people).", error.Status.Detail);

        await using var other = await StartAsync();
        var malformed = await Assert.ThrowsAsync<RpcException>(async () =>
            await other.Source.ConfigureAsync(SourcePluginTests.Configure(new() { ["sdk.cursors"] = "sales.orders" })));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("sdk.cursors: \"sales.orders\" is not stream:field (such as sales.orders:updated_at).", malformed.Status.Detail);
    }

    private static string Identity(Record record) =>
        record.Metadata["opencdc.collection"] + "/" + record.Key.StructuredData.Fields["id"].NumberValue;

    private async Task<ConduitPlugin> StartAsync() =>
        await ConduitPlugin.StartAsync(await PublishedPlugins.LifecycleAsync(),
            new Dictionary<string, string?> { ["LIFECYCLE_JOURNAL"] = _journal, ["LIFECYCLE_TABLES"] = Tables });

    public void Dispose() => File.Delete(_journal);
}
