using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Tests.Driver;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ConduitWire.Opencdc.V1;
using Xunit;
using DestinationMessages = ConduitWire.Connector.V2.Destination.Types;
using Record = ConduitWire.Opencdc.V1.Record;

namespace Connectors.Runtime.Conduit.Tests;

/// <summary>The SQLite sample as a Conduit destination plugin, fed the Faker source plugin's records.</summary>
public sealed class DestinationPluginTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("conduit-sqlite-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Writes_what_the_source_plugin_read_and_acknowledges_every_record_in_order()
    {
        var faker = await PublishedPlugins.FakerAsync();
        var config = Faker.Config(count: 60);
        var total = (await AirbyteRead.RecordsAsync(faker, config)).Count;
        List<Record> records;
        await using (var source = await ConduitPlugin.StartAsync(faker))
        {
            records = await SourcePluginTests.ReadAllAsync(source, config, ByteString.Empty, total);
        }
        var database = Path.Combine(_directory, "out.db");
        await using var plugin = await OpenSqliteAsync(database);
        var destination = plugin.Destination;
        using var run = destination.Run();

        // Conduit's batches: a few records at a time.
        foreach (var chunk in records.Chunk(7))
        {
            var request = new DestinationMessages.Run.Types.Request();
            request.Records.AddRange(chunk);
            await run.RequestStream.WriteAsync(request);
        }
        var acks = await ReadAcksAsync(run, records.Count);
        await destination.StopAsync(new DestinationMessages.Stop.Types.Request { LastPosition = records[^1].Position });
        await run.RequestStream.CompleteAsync();
        await destination.TeardownAsync(new DestinationMessages.Teardown.Types.Request());

        Assert.Equal(records.Select(r => r.Position), acks.Select(a => a.Position));
        Assert.All(acks, ack => Assert.Equal("", ack.Error));
        foreach (var stream in new[] { "users", "products", "purchases" })
        {
            var sent = records.Where(r => r.Metadata["opencdc.collection"] == stream).Select(Faker.Id).ToList();
            Assert.Equal(sent, Ids(database, stream));
        }
        var firstUser = records.First(r => r.Metadata["opencdc.collection"] == "users").Payload.After.StructuredData;
        Assert.Equal(firstUser.Fields["email"].StringValue, Scalar(database, "SELECT email FROM users ORDER BY id LIMIT 1"));
    }

    [Fact]
    public async Task A_batch_that_fails_is_acknowledged_with_its_error_and_nothing_after_it_as_written()
    {
        var database = Path.Combine(_directory, "out.db");
        await using var plugin = await OpenSqliteAsync(database);
        var destination = plugin.Destination;
        using var run = destination.Run();

        var good = Enumerable.Range(1, 3).Select(i => Row("notes", i)).ToList();
        await Send(run, good);
        var first = await ReadAcksAsync(run, good.Count);
        // SQLite refuses a table whose name starts with sqlite_: the stream cannot be prepared, the batch fails.
        var failing = new List<Record> { Row("notes", 4), Row("sqlite_notes", 5), Row("notes", 6) };
        await Send(run, failing);
        var later = new List<Record> { Row("notes", 7) };
        await Send(run, later);
        var rest = await ReadAcksAsync(run, failing.Count + later.Count);
        await run.RequestStream.CompleteAsync();
        await destination.TeardownAsync(new DestinationMessages.Teardown.Types.Request());

        Assert.All(first, ack => Assert.Equal("", ack.Error));
        Assert.Equal(failing.Concat(later).Select(r => r.Position), rest.Select(a => a.Position));
        // The record before the failure was written and acknowledged as such; the failure and everything after carry an error.
        Assert.Equal("", rest[0].Error);
        Assert.Contains("sqlite_notes", rest[1].Error);
        Assert.All(rest.Skip(2), ack => Assert.NotEqual("", ack.Error));
        Assert.Equal([1L, 2L, 3L, 4L], Ids(database, "notes"));
    }

    [Fact]
    public async Task A_delete_is_acknowledged_with_an_error_naming_the_operation_and_nothing_after_it_as_written()
    {
        var database = Path.Combine(_directory, "out.db");
        await using var plugin = await OpenSqliteAsync(database);
        var destination = plugin.Destination;
        using var run = destination.Run();

        var delete = Row("notes", 2);
        delete.Operation = Operation.Delete;
        delete.Payload.Before = delete.Payload.After;
        delete.Payload.After = null;
        var records = new List<Record> { Row("notes", 1), delete, Row("notes", 3) };
        await Send(run, records);
        var acks = await ReadAcksAsync(run, records.Count);
        await run.RequestStream.CompleteAsync();
        await destination.TeardownAsync(new DestinationMessages.Teardown.Types.Request());

        Assert.Equal(records.Select(r => r.Position), acks.Select(a => a.Position));
        Assert.Equal("", acks[0].Error);
        Assert.Contains("operation delete", acks[1].Error);
        Assert.NotEqual("", acks[2].Error);
        Assert.Equal([1L], Ids(database, "notes"));
    }

    [Fact]
    public async Task Configure_names_a_missing_required_parameter()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.SqliteAsync());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await plugin.Destination.ConfigureAsync(new DestinationMessages.Configure.Types.Request()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("path:", error.Status.Detail);
    }

    /// <summary>The SQLite plugin, configured to write <paramref name="database"/> and opened.</summary>
    private static async Task<ConduitPlugin> OpenSqliteAsync(string database)
    {
        var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.SqliteAsync());
        await plugin.Destination.ConfigureAsync(Configure(database));
        await plugin.Destination.OpenAsync(new DestinationMessages.Open.Types.Request());
        return plugin;
    }

    private static Record Row(string collection, long id)
    {
        var record = new Record
        {
            Position = ByteString.CopyFromUtf8("p" + id),
            Operation = Operation.Create,
            Payload = new Change
            {
                After = new Data
                {
                    StructuredData = new Struct { Fields = { ["id"] = Value.ForNumber(id), ["text"] = Value.ForString("note " + id) } },
                },
            },
        };
        record.Metadata["opencdc.collection"] = collection;
        return record;
    }

    private static async Task Send(AsyncDuplexStreamingCall<DestinationMessages.Run.Types.Request, DestinationMessages.Run.Types.Response> run, IEnumerable<Record> records)
    {
        var request = new DestinationMessages.Run.Types.Request();
        request.Records.AddRange(records);
        await run.RequestStream.WriteAsync(request);
    }

    private static async Task<List<DestinationMessages.Run.Types.Response.Types.Ack>> ReadAcksAsync(
        AsyncDuplexStreamingCall<DestinationMessages.Run.Types.Request, DestinationMessages.Run.Types.Response> run, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var acks = new List<DestinationMessages.Run.Types.Response.Types.Ack>();
        while (acks.Count < count && await run.ResponseStream.MoveNext(deadline.Token))
        {
            acks.AddRange(run.ResponseStream.Current.Acks);
        }
        return acks;
    }

    private static DestinationMessages.Configure.Types.Request Configure(string database)
    {
        var request = new DestinationMessages.Configure.Types.Request();
        request.Config["path"] = database;
        return request;
    }

    private static List<long> Ids(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static string? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
