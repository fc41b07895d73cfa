using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// The <c>--state</c> and <c>--catalog</c> files of <c>read</c>: every accepted state shape resumes the stream from its
/// saved cursor, and a bad file is one config_error naming the file and the JSON path.
/// </summary>
public sealed class InputFileTests
{
    private sealed class Probe
    {
        public List<object?> Since { get; } = new();
    }

    private static ConnectorDescriptor<TestSource> Resumable(Probe probe, string? ns = null) => TestConnector.WithStreams(
        TestConnector.Rows("users", (_, request) =>
        {
            probe.Since.Add(request.Since);
            var since = request.Since is long saved ? saved : 0;
            return Row.WithSeqs(since + 1, since + 2);
        }, incremental: true, sorted: true, ns: ns),
        TestConnector.Fixed("other", 1));

    public static TheoryData<string, string> StateShapes => new()
    {
        { "array of STREAM states", """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}}]""" },
        { "array of STREAM states with stats", """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"other"},"stream_state":{"seq":1}},"sourceStats":{"recordCount":1.0}},{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}},"sourceStats":{"recordCount":3.0}}]""" },
        { "GLOBAL state", """[{"type":"GLOBAL","global":{"shared_state":{"lsn":5},"stream_states":[{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}]}}]""" },
        { "legacy object", """{"users":{"seq":7},"other":{"seq":1}}""" },
        { "LEGACY message", """[{"type":"LEGACY","data":{"users":{"seq":7}}}]""" },
        { "single state message", """{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}}""" },
        { "state message in an AirbyteMessage", """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}}}""" },
        { "array of AirbyteMessages", """[{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}}}]""" },
    };

    [Theory]
    [MemberData(nameof(StateShapes))]
    public async Task Incremental_streams_resume_from_the_saved_cursor(string shape, string state)
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, TestConnector.Incremental("users"), state);

        Assert.True(run.ExitCode == 0, shape);
        Assert.Equal(new object?[] { 7L }, probe.Since);
        Assert.Equal(new[] { "{\"seq\":9}" }, run.StreamStates("users"));
    }

    [Fact]
    public async Task A_namespaced_stream_finds_the_state_saved_with_its_namespace()
    {
        using var files = new TempDir();
        var probe = new Probe();
        var state = """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":"crm"},"stream_state":{"seq":4}}}]""";

        await HostRun.ReadAsync(Resumable(probe, ns: "crm"), files, TestConnector.Incremental("users"), state);

        Assert.Equal(new object?[] { 4L }, probe.Since);
    }

    [Fact]
    public async Task A_namespaced_stream_finds_its_state_in_a_legacy_object_keyed_by_name()
    {
        using var files = new TempDir();
        var probe = new Probe();

        await HostRun.ReadAsync(Resumable(probe, ns: "crm"), files, TestConnector.Incremental("users"), """{"users":{"seq":5}}""");

        Assert.Equal(new object?[] { 5L }, probe.Since);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":null}}]""")]
    [InlineData("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"}}}]""")]
    [InlineData("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{}}}]""")]
    [InlineData("""{"users":null}""")]
    [InlineData("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"someone_else"},"stream_state":{"seq":7}}}]""")]
    public async Task No_state_or_a_null_stream_state_reads_from_the_beginning(string state)
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, TestConnector.Incremental("users"), state);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new object?[] { null }, probe.Since);
        Assert.Equal(new[] { "{\"seq\":2}" }, run.StreamStates("users"));
    }

    [Fact]
    public async Task Full_refresh_ignores_the_saved_state()
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, TestConnector.FullRefresh("users"),
            TestConnector.StreamStates(("users", "{\"seq\":7}")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new object?[] { null }, probe.Since);
        Assert.Equal(2, run.Records("users").Count);
        Assert.Equal(new[] { "{\"seq\":2}" }, run.StreamStates("users"));
    }

    [Fact]
    public async Task Full_refresh_ignores_a_saved_state_it_could_not_read()
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, TestConnector.FullRefresh("users"),
            TestConnector.StreamStates(("users", "{\"seq\":\"not a number\"}")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Records("users").Count);
    }

    [Fact]
    public async Task Date_time_cursors_are_read_back_from_the_state()
    {
        using var files = new TempDir();
        object? since = null;
        var stream = new SourceStream<TestSource, Row>
        {
            Name = "events",
            JsonSchema = TestConnector.RowSchema,
            SupportsIncremental = true,
            Cursor = new StreamCursor<Row, DateTimeOffset>("updated_at",
                row => DateTimeOffset.FromUnixTimeSeconds(row.Seq), CursorCodecs.DateTimeOffset),
            OpenSync = (_, request) =>
            {
                since = request.Since;
                return Row.WithSeqs(1_700_000_000);
            },
            WriteRecord = Row.Write,
        };

        var run = await HostRun.ReadAsync(TestConnector.WithStreams(stream), files, TestConnector.Incremental("events"),
            TestConnector.StreamStates(("events", "{\"updated_at\":\"2023-01-02T03:04:05+02:00\"}")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Assert.IsType<DateTimeOffset>(since));
        Assert.Equal(new[] { "{\"updated_at\":\"2023-11-14T22:13:20+00:00\"}" }, run.StreamStates("events"));
    }

    public static TheoryData<string, string> BadStates => new()
    {
        { "{", "is not valid JSON: " },
        { "42", "is invalid: $: expected an array of state messages or a legacy state object, got a number" },
        { "[42]", "is invalid: $[0]: expected an object, got a number" },
        { """{"users":[1]}""", "is invalid: $.users: expected an object, got an array" },
        { """[{"type":"STREAM"}]""", "is invalid: $[0].stream: required" },
        { """[{"type":"STREAM","stream":{"stream_state":{}}}]""", "is invalid: $[0].stream.stream_descriptor: required" },
        { """[{"type":"STREAM","stream":{"stream_descriptor":{"namespace":"x"},"stream_state":{}}}]""", "is invalid: $[0].stream.stream_descriptor.name: required" },
        { """[{"type":"STREAM","stream":{"stream_descriptor":{"name":5}}}]""", "is invalid: $[0].stream.stream_descriptor.name: expected a string, got a number" },
        { """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":"x"}}]""", "is invalid: $[0].stream.stream_state: expected an object, got a string" },
        { """[{"type":"GLOBAL","global":{}}]""", "is invalid: $[0].global.stream_states: required" },
        { """[{"type":"GLOBAL","global":{"stream_states":[7]}}]""", "is invalid: $[0].global.stream_states[0]: expected an object, got a number" },
        { """[{"type":"PER_STREAM","stream":{}}]""", "is invalid: $[0].type: expected \"STREAM\", \"GLOBAL\" or \"LEGACY\", got \"PER_STREAM\"" },
        { """[{"type":"LEGACY"}]""", "is invalid: $[0]: a state message needs \"stream\", \"global\" or \"data\"" },
        { """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":"7"}}}]""", "is invalid: $[0].stream.stream_state.seq: expected a 64-bit integer" },
        { """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7.5}}}]""", "is invalid: $[0].stream.stream_state.seq: expected a 64-bit integer" },
        { """{"users":{"seq":true}}""", "is invalid: $.users.seq: expected a 64-bit integer" },
        { """[{"type":"GLOBAL","global":{"stream_states":[{"stream_descriptor":{"name":"users"},"stream_state":{"seq":"x"}}]}}]""", "is invalid: $[0].global.stream_states[0].stream_state.seq: expected a 64-bit integer" },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public async Task A_bad_state_file_is_one_config_error_naming_the_file_and_path(string state, string problem)
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, TestConnector.Incremental("users"), state);

        AssertInputError(run, $"The state file '{files.Missing("state.json")}' {problem}");
        Assert.Empty(probe.Since);
    }

    [Fact]
    public async Task A_missing_state_file_is_a_config_error()
    {
        using var files = new TempDir();
        var missing = files.Missing("gone.json");

        var run = await HostRun.RunAsync(TestConnector.WithStreams(TestConnector.Fixed("users", 1)),
            "read", "--config", files.Write("config.json", TestConnector.ValidConfig),
            "--catalog", files.Write("catalog.json", TestConnector.FullRefresh("users")), "--state", missing);

        AssertInputError(run, $"The state file '{missing}' does not exist.");
    }

    public static TheoryData<string, string> BadCatalogs => new()
    {
        { "not json", "is not valid JSON: " },
        { "[]", "is invalid: $: expected an object, got an array" },
        { "{}", "is invalid: $.streams: required" },
        { """{"streams":{}}""", "is invalid: $.streams: expected an array, got an object" },
        { """{"streams":[1]}""", "is invalid: $.streams[0]: expected an object, got a number" },
        { """{"streams":[{"sync_mode":"full_refresh"}]}""", "is invalid: $.streams[0].stream: required" },
        { """{"streams":[{"stream":{"json_schema":{}}}]}""", "is invalid: $.streams[0].stream.name: required" },
        { """{"streams":[{"stream":{"name":"users"},"sync_mode":1}]}""", "is invalid: $.streams[0].sync_mode: expected a string, got a number" },
        { """{"streams":[{"stream":{"name":"users"}},{"stream":{"name":"users","namespace":[]}}]}""", "is invalid: $.streams[1].stream.namespace: expected a string, got an array" },
        { """{"streams":[{"stream":{"name":"users"},"cursor_field":"seq"}]}""", "is invalid: $.streams[0].cursor_field: expected an array of strings, got a string" },
        { """{"streams":[{"stream":{"name":"users"},"primary_key":[["id",1]]}]}""", "is invalid: $.streams[0].primary_key[0][1]: expected a string, got a number" },
        { """{"streams":[{"stream":{"name":"users"},"generation_id":"1"}]}""", "is invalid: $.streams[0].generation_id: expected an integer, got a string" },
    };

    [Theory]
    [MemberData(nameof(BadCatalogs))]
    public async Task A_bad_catalog_file_is_one_config_error_naming_the_file_and_path(string catalog, string problem)
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, catalog);

        AssertInputError(run, $"The catalog file '{files.Missing("catalog.json")}' {problem}");
        Assert.Empty(probe.Since);
    }

    [Fact]
    public async Task A_missing_catalog_file_is_a_config_error()
    {
        using var files = new TempDir();
        var missing = files.Missing("catalog.json");

        var run = await HostRun.RunAsync(TestConnector.WithStreams(TestConnector.Fixed("users", 1)),
            "read", "--config", files.Write("config.json", TestConnector.ValidConfig), "--catalog", missing);

        AssertInputError(run, $"The catalog file '{missing}' does not exist.");
    }

    [Fact]
    public async Task A_catalog_stream_without_sync_mode_is_read_in_full_refresh()
    {
        using var files = new TempDir();
        var probe = new Probe();

        var run = await HostRun.ReadAsync(Resumable(probe), files, """{"streams":[{"stream":{"name":"users","json_schema":{},"supported_sync_modes":["full_refresh"]}}]}""",
            TestConnector.StreamStates(("users", "{\"seq\":7}")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new object?[] { null }, probe.Since);
    }

    [Fact]
    public async Task A_missing_config_file_in_read_is_a_config_error_naming_it()
    {
        using var files = new TempDir();
        var missing = files.Missing("config.json");

        var run = await HostRun.RunAsync(TestConnector.WithStreams(TestConnector.Fixed("users", 1)),
            "read", "--config", missing, "--catalog", files.Write("catalog.json", TestConnector.FullRefresh("users")));

        AssertInputError(run, $"The config file '{missing}' does not exist.");
    }

    private static void AssertInputError(HostRun run, string expectedStart)
    {
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.StartsWith(expectedStart, error.GetProperty("message").GetString());
        Assert.Empty(run.Records());
        Assert.Empty(run.Traces("STREAM_STATUS"));
        Assert.Empty(run.States());
        Assert.Equal("", run.Stderr);
    }
}
