using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Seam;

/// <summary>
/// Streams known only at run time on the neutral seam: discovery beside static streams, rows written through the row
/// writer reaching a non-Airbyte host (<see cref="FakeHost{TConnector}"/>) in order, and states of the stream's own
/// shape checkpointed with the no-loss rules.
/// </summary>
public sealed class DynamicStreamReadTests
{
    private static readonly TestSource Connector = new();

    private static DynamicStreamSource<TestSource> Family(Func<DynamicStreamRequest, RowWriter, ValueTask> read, params string[] names) => new()
    {
        Name = "Tables",
        Discover = (_, _) => new ValueTask<IEnumerable<StreamDescription>>(names.Select(n => new StreamDescription
        {
            Name = n,
            Namespace = "public",
            JsonSchema = TestConnector.RowSchema,
            PrimaryKey = [["id"]],
            CursorCandidates = ["seq"],
        }).ToList()),
        Read = (_, request, rows) => read(request, rows),
    };

    private static async Task<SourceStream<TestSource>> OneStream(Func<DynamicStreamRequest, RowWriter, ValueTask> read)
    {
        var descriptor = new ConnectorDescriptor<TestSource>
        {
            Name = "t", Version = "1", ConfigSchema = "{}", Create = () => new TestSource(), BindConfig = TestSource.Bind,
            DynamicStreams = [Family(read, "users")],
        };
        return (await descriptor.DiscoverAsync(Connector)).Single();
    }

    private static void Row(RowWriter rows, long seq)
    {
        var json = rows.BeginRow();
        json.WriteStartObject();
        json.WriteNumber("id", seq);
        json.WriteNumber("seq", seq);
        json.WriteEndObject();
        rows.EndRow();
    }

    private static void State(RowWriter rows, long seq) => rows.Checkpoint(new SeqState { Seq = seq }, TestStates.Default.SeqState);

    // What the host sees of an incremental read of one discovered stream whose method does `read`.
    private static async Task<List<string>> IncrementalEvents(Action<RowWriter> read)
    {
        var stream = await OneStream((_, rows) =>
        {
            read(rows);
            return default;
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental });
        await host.ReadAsync(stream);
        return host.Events;
    }

    [Fact]
    public async Task Discovered_streams_follow_the_static_ones_and_a_name_taken_twice_is_refused()
    {
        var descriptor = new ConnectorDescriptor<TestSource>
        {
            Name = "t", Version = "1", ConfigSchema = "{}", Create = () => new TestSource(), BindConfig = TestSource.Bind,
            Streams = [TestConnector.Fixed("orders", 1)],
            DynamicStreams = [Family((_, _) => default, "users", "items")],
        };

        var streams = await descriptor.DiscoverAsync(Connector);

        Assert.Equal(new[] { "orders", "public.users", "public.items" }, streams.Select(s => s.Namespace is null ? s.Name : s.Namespace + "." + s.Name));
        var users = streams[1];
        Assert.True(users.SupportsIncremental);
        Assert.Null(users.CursorField);
        Assert.Equal(new[] { "seq" }, users.Description!.CursorCandidates);

        var clash = new ConnectorDescriptor<TestSource>
        {
            Name = "t", Version = "1", ConfigSchema = "{}", Create = () => new TestSource(), BindConfig = TestSource.Bind,
            DynamicStreams = [Family((_, _) => default, "users"), Family((_, _) => default, "users")],
        };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => clash.DiscoverAsync(Connector));
        Assert.Equal("Tables() discovered the stream 'public.users', which Tables() already declares; stream names must be unique.", error.Message);
    }

    [Fact]
    public async Task Rows_written_field_by_field_as_elements_or_as_bytes_reach_the_host_in_order()
    {
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            using var element = JsonDocument.Parse("""{"id":2,"seq":2}""");
            rows.WriteRow(element.RootElement);
            rows.WriteRow("""{"id":3,"seq":3,"name":"é"}"""u8);
            return default;
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions());

        var result = await host.ReadAsync(stream);

        Assert.Equal(new StreamReadResult(StreamReadOutcome.Completed, 3), result);
        Assert.Equal(new[] { typeof(JsonRow) }, host.RecordTypes);
        Assert.Equal(new[] { """{"id":1,"seq":1}""", """{"id":2,"seq":2}""", """{"id":3,"seq":3,"name":"é"}""" }, host.Records);
        Assert.Equal(new[] { "R1", "R2", "R3", "C-/3!" }, host.Events);
    }

    [Fact]
    public async Task A_checkpoint_goes_out_before_the_next_row_and_the_last_one_is_final()
    {
        var events = await IncrementalEvents(rows =>
        {
            Row(rows, 1);
            Row(rows, 2);
            State(rows, 2);
            State(rows, 2);
            Row(rows, 3);
            State(rows, 3);
        });

        Assert.Equal(new[] { "R1", "R2", "C{\"seq\":2}/2", "R3", "C{\"seq\":3}/1!" }, events);
    }

    [Fact]
    public async Task A_failed_read_keeps_the_last_checkpoint_and_none_after_it()
    {
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            State(rows, 1);
            Row(rows, 2);
            throw new InvalidOperationException("connection lost");
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental });

        var result = await host.ReadAsync(stream);

        Assert.Equal(StreamReadOutcome.Failed, result.Outcome);
        Assert.Equal("connection lost", result.Error!.Message);
        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1", "R2" }, host.Events);
    }

    [Fact]
    public async Task The_saved_state_and_the_users_choices_reach_the_read_and_bound_a_read_without_checkpoints()
    {
        DynamicStreamRequest? seen = null;
        var stream = await OneStream((request, rows) =>
        {
            seen = request;
            Row(rows, 7);
            return default;
        });
        using var saved = JsonDocument.Parse("""{"seq":5,"partitions":{"a":1}}""");
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions
        {
            SyncMode = SyncMode.Incremental, State = saved.RootElement, CursorField = "seq", SelectedFields = ["id", "seq"],
        });

        await host.ReadAsync(stream);

        Assert.Equal("seq", seen!.Cursor);
        Assert.True(seen.IsSelected("id"));
        Assert.False(seen.IsSelected("name"));
        Assert.Equal(5, seen.ReadState(TestStates.Default.SeqState)!.Seq);
        Assert.Equal(new[] { "R7", "C{\"seq\":5,\"partitions\":{\"a\":1}}/1!" }, host.Events);
    }

    [Fact]
    public async Task A_saved_state_of_another_shape_is_a_config_error_naming_its_path()
    {
        var stream = await OneStream((request, _) =>
        {
            request.ReadState(TestStates.Default.SeqState);
            return default;
        });
        using var saved = JsonDocument.Parse("""{"seq":"five"}""");
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions
        {
            SyncMode = SyncMode.Incremental, State = saved.RootElement, StateLocation = "the state file 's.json' at $[0].stream.stream_state",
        });

        var result = await host.ReadAsync(stream);

        var error = Assert.IsType<ConfigException>(result.Error);
        Assert.StartsWith("The saved state of stream 'public.users' is invalid: the state file 's.json' at $[0].stream.stream_state.seq: ", error.Message);
    }

    [Fact]
    public async Task A_row_that_is_not_one_object_fails_the_read()
    {
        var stream = await OneStream((_, rows) =>
        {
            rows.WriteRow("""{"id":1} {"id":2}"""u8);
            return default;
        });
        var result = await new FakeHost<TestSource>(Connector, new StreamReadOptions()).ReadAsync(stream);

        Assert.Equal(StreamReadOutcome.Failed, result.Outcome);
        Assert.IsType<ArgumentException>(result.Error);
    }

    public static TheoryData<string, Action<RowWriter>, Type, string> Misuses => new()
    {
        { "BeginRow twice", rows => { rows.BeginRow().WriteStartObject(); rows.BeginRow(); }, typeof(InvalidOperationException), "BeginRow was called twice without EndRow." },
        { "EndRow alone", rows => rows.EndRow(), typeof(InvalidOperationException), "EndRow was called without BeginRow." },
        { "empty row", rows => { rows.BeginRow(); rows.EndRow(); }, typeof(InvalidOperationException), "A row must be exactly one complete JSON object." },
        { "open row", rows => { rows.BeginRow().WriteStartObject(); rows.EndRow(); }, typeof(InvalidOperationException), "A row must be exactly one complete JSON object." },
        { "array row", rows => { var json = rows.BeginRow(); json.WriteStartArray(); json.WriteEndArray(); rows.EndRow(); }, typeof(InvalidOperationException), "A row must be exactly one complete JSON object." },
        { "element row", rows => rows.WriteRow(JsonDocument.Parse("[1]").RootElement), typeof(ArgumentException), "A row must be a JSON object, not Array. (Parameter 'row')" },
        { "text row", rows => rows.WriteRow("[1]"u8), typeof(ArgumentException), "A row must be exactly one JSON object. (Parameter 'utf8Json')" },
        { "broken text row", rows => rows.WriteRow("{\"id\":"u8), typeof(ArgumentException), "A row must be exactly one JSON object. (Parameter 'utf8Json')" },
        { "element state", rows => rows.Checkpoint(JsonDocument.Parse("3").RootElement), typeof(ArgumentException), "A state must be a JSON object, not Number. (Parameter 'state')" },
        { "state mid-row", rows => { rows.BeginRow().WriteStartObject(); State(rows, 1); }, typeof(InvalidOperationException), "A checkpoint cannot be taken in the middle of a row." },
        { "state not an object", rows => rows.Checkpoint(0, static (json, _) => json.WriteStringValue("s")), typeof(InvalidOperationException), "A state must be exactly one complete JSON object." },
        { "state left open", rows => rows.Checkpoint(0, static (json, _) => json.WriteStartObject()), typeof(InvalidOperationException), "A state must be exactly one complete JSON object." },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public async Task A_row_writer_used_wrongly_fails_the_read_saying_how(string misuse, Action<RowWriter> use, Type type, string message)
    {
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            use(rows);
            return default;
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental });

        var result = await host.ReadAsync(stream);

        Assert.True(result.Outcome == StreamReadOutcome.Failed, misuse);
        Assert.IsType(type, result.Error);
        Assert.Equal(message, result.Error!.Message);
        Assert.Equal(new[] { "R1" }, host.Events);
    }

    [Fact]
    public async Task A_state_object_given_as_an_element_is_checkpointed_as_it_is()
    {
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            rows.Checkpoint(JsonDocument.Parse("""{"page":"p2","n":[1]}""").RootElement);
            Assert.Equal(1, rows.Rows);
            return default;
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental });

        await host.ReadAsync(stream);

        Assert.Equal(new[] { "R1", "C{\"page\":\"p2\",\"n\":[1]}/1!" }, host.Events);
    }

    private static ConnectorDescriptor<TestSource> Discovering(Func<DiscoveryRequest, IEnumerable<StreamDescription>> discover,
        params SourceStream<TestSource>[] streams) => new()
    {
        Name = "t", Version = "1", ConfigSchema = "{}", Create = () => new TestSource(), BindConfig = TestSource.Bind,
        Streams = streams,
        DynamicStreams = [new DynamicStreamSource<TestSource>
        {
            Name = "Tables",
            Discover = (_, request) => new ValueTask<IEnumerable<StreamDescription>>(discover(request)),
            Read = (_, _, _) => default,
        }],
    };

    public static TheoryData<string, StreamDescription, string> InvalidDescriptions => new()
    {
        { "no name", new StreamDescription { Name = "", JsonSchema = TestConnector.RowSchema }, "Tables() described a stream without a name." },
        { "no schema", new StreamDescription { Name = "users", Namespace = "public", JsonSchema = " " }, "Tables() described the stream 'public.users' with a JSON schema that is not an object." },
        { "array schema", new StreamDescription { Name = "users", JsonSchema = " [{}]" }, "Tables() described the stream 'users' with a JSON schema that is not an object." },
        {
            "cursor without default", new StreamDescription { Name = "users", JsonSchema = TestConnector.RowSchema, SourceDefinedCursor = true },
            "Tables() described the stream 'users' with SourceDefinedCursor but no DefaultCursor."
        },
    };

    [Theory]
    [MemberData(nameof(InvalidDescriptions))]
    public async Task A_discovered_stream_that_cannot_be_read_is_refused_saying_which_and_why(string invalid, StreamDescription description, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Discovering(_ => [description]).DiscoverAsync(Connector));

        Assert.True(message == error.Message, invalid + ": " + error.Message);
    }

    [Fact]
    public async Task A_source_defined_cursor_with_a_default_is_a_valid_discovered_stream()
    {
        var streams = await Discovering(_ => [new StreamDescription { Name = "users", JsonSchema = TestConnector.RowSchema, SourceDefinedCursor = true, DefaultCursor = "seq" }])
            .DiscoverAsync(Connector);

        Assert.Equal("users", Assert.Single(streams).Name);
    }

    [Fact]
    public async Task A_discovered_name_a_stream_method_already_has_is_refused_naming_both()
    {
        var descriptor = Discovering(_ => [new StreamDescription { Name = "orders", JsonSchema = TestConnector.RowSchema }], TestConnector.Fixed("orders", 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => descriptor.DiscoverAsync(Connector));

        Assert.Equal("Tables() discovered the stream 'orders', which a [Stream] method already declares; stream names must be unique.", error.Message);
    }

    [Fact]
    public async Task Discovery_logs_to_the_host_s_logger()
    {
        var logger = new ListLogger();
        var descriptor = Discovering(request =>
        {
            request.Logger.LogInformation("listing tables");
            return [];
        });

        await descriptor.DiscoverAsync(Connector, logger);

        Assert.Equal("listing tables", Assert.Single(logger.Entries).Message);
    }

    [Theory]
    [InlineData(5, 7, 5)]
    [InlineData(0, 7, 7)]
    [InlineData(0, 0, StreamReadOptions.DefaultCheckpointInterval)]
    public async Task The_row_writer_asks_for_the_hosts_checkpoint_interval_then_the_streams_then_the_default(int host, int own, int expected)
    {
        var seen = -1;
        var discovered = await OneStream((_, rows) =>
        {
            seen = rows.CheckpointInterval;
            return default;
        });
        var typed = (SourceStream<TestSource, JsonRow>)discovered;
        var stream = new SourceStream<TestSource, JsonRow>
        {
            Name = typed.Name, JsonSchema = typed.JsonSchema, WriteRecord = typed.WriteRecord, Dynamic = typed.Dynamic, CheckpointInterval = own,
        };

        await new FakeHost<TestSource>(Connector, new StreamReadOptions { CheckpointInterval = host }).ReadAsync(stream);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_read_that_fails_right_after_a_checkpoint_still_hands_it_over()
    {
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            State(rows, 1);
            throw new InvalidOperationException("connection lost");
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental });

        var result = await host.ReadAsync(stream);

        Assert.Equal(StreamReadOutcome.Failed, result.Outcome);
        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1" }, host.Events);
    }

    [Fact]
    public async Task A_discovered_stream_without_incremental_support_refuses_an_incremental_read()
    {
        var discovered = await Discovering(_ => [new StreamDescription { Name = "users", Namespace = "public", JsonSchema = TestConnector.RowSchema }])
            .DiscoverAsync(Connector);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental }).ReadAsync(discovered.Single()));

        Assert.Equal("Stream 'public.users' cannot be read incrementally. (Parameter 'options')", error.Message);
    }

    [Fact]
    public async Task A_newer_checkpoint_before_the_next_row_replaces_the_held_one_and_covers_its_rows()
    {
        var events = await IncrementalEvents(rows =>
        {
            Row(rows, 1);
            Row(rows, 2);
            State(rows, 1);
            State(rows, 2);
            Row(rows, 3);
            State(rows, 3);
        });

        Assert.Equal(new[] { "R1", "R2", "C{\"seq\":2}/2", "R3", "C{\"seq\":3}/1!" }, events);
    }

    [Fact]
    public async Task Rows_after_the_last_checkpoint_are_warned_about_and_a_read_that_ends_with_one_is_not()
    {
        var uncovered = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            State(rows, 1);
            Row(rows, 2);
            return default;
        });
        var logger = new ListLogger();
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental, Logger = logger });

        await host.ReadAsync(uncovered);

        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1", "R2" }, host.Events.Take(3));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Stream public.users wrote 1 record(s) after its last checkpoint; no state covers them. Take a checkpoint at the end of the read.", warning.Message);

        var covered = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            State(rows, 1);
            return default;
        });
        var quiet = new ListLogger();
        await new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental, Logger = quiet }).ReadAsync(covered);
        Assert.Empty(quiet.Entries);
    }

    [Fact]
    public async Task A_state_repeated_after_rows_is_not_sent_again()
    {
        var events = await IncrementalEvents(rows =>
        {
            Row(rows, 1);
            State(rows, 1);
            Row(rows, 2);
            State(rows, 1);
        });

        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1", "R2" }, events);
    }

    [Fact]
    public async Task Streams_a_discovery_method_yields_asynchronously_are_all_found_in_order()
    {
        static async IAsyncEnumerable<StreamDescription> Yield()
        {
            yield return new StreamDescription { Name = "a", JsonSchema = TestConnector.RowSchema };
            await Task.Yield();
            yield return new StreamDescription { Name = "b", JsonSchema = TestConnector.RowSchema };
        }

        var found = await DiscoveryCalls.From(Yield(), CancellationToken.None);

        Assert.Equal(new[] { "a", "b" }, found.Select(s => s.Name));
    }

    [Fact]
    public async Task A_stop_ends_the_read_cancelled_at_the_next_row()
    {
        using var stop = new CancellationTokenSource();
        var stream = await OneStream((_, rows) =>
        {
            Row(rows, 1);
            State(rows, 1);
            stop.Cancel();
            Row(rows, 2);
            return default;
        });
        var host = new FakeHost<TestSource>(Connector, new StreamReadOptions { SyncMode = SyncMode.Incremental, CancellationToken = stop.Token });

        var result = await host.ReadAsync(stream);

        Assert.Equal(StreamReadOutcome.Cancelled, result.Outcome);
        Assert.Equal(new[] { "R1", "C{\"seq\":1}/1" }, host.Events);
    }
}

internal sealed class SeqState
{
    [JsonPropertyName("seq")]
    public required long Seq { get; init; }
}

[JsonSerializable(typeof(SeqState))]
internal sealed partial class TestStates : JsonSerializerContext;
