using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary><c>read</c>: which streams run, in what order, their statuses, and how failures and bad catalogs are reported.</summary>
public sealed class ReadTests
{
    private static ConnectorDescriptor<TestSource> ThreeStreams() => TestConnector.WithStreams(
        TestConnector.Fixed("a", 1, 2),
        TestConnector.Fixed("b", 1, 2, 3),
        TestConnector.Fixed("c", 1));

    [Fact]
    public async Task Reads_only_the_configured_streams_in_catalog_order()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("c", "a"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "c", "a" }, run.StartedStreams());
        Assert.Equal(new[] { "c", "a", "a" }, run.Records().Select(r => r.GetProperty("stream").GetString()));
        Assert.Empty(run.Records("b"));
        Assert.Empty(run.States("b"));
        // One stream after another: everything of c comes before anything of a.
        Assert.Equal(new[] { "c", "a" }, run.StreamSequence());
    }

    [Fact]
    public async Task Records_carry_the_stream_data_and_no_namespace_unless_the_stream_has_one()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("users", (_, _) => new[] { new Row(7, 70, "Ada \"Lovelace\" ü") }, ns: "crm"));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("users"));

        var record = Assert.Single(run.Records());
        Assert.Equal("users", record.GetProperty("stream").GetString());
        Assert.Equal("crm", record.GetProperty("namespace").GetString());
        Assert.Equal("""{"id":7,"seq":70,"name":"Ada \"Lovelace\" ü"}""", record.GetProperty("data").GetRawText());
        var state = Assert.Single(run.States("users"));
        Assert.Equal("crm", state.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Each_stream_goes_STARTED_RUNNING_at_the_first_record_then_state_then_COMPLETE()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("a", "b"));

        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "S{\"seq\":2}", "COMPLETE" }, run.Timeline("a"));
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "R3", "S{\"seq\":3}", "COMPLETE" }, run.Timeline("b"));
    }

    [Fact]
    public async Task An_empty_stream_has_no_RUNNING_but_still_a_state()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Fixed("empty"), TestConnector.Rows("empty_plain", (_, _) => Row.WithSeqs(), cursor: false));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("empty", "empty_plain"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "S{}", "COMPLETE" }, run.Timeline("empty"));
        Assert.Equal(new[] { "STARTED", "S{\"__ab_no_cursor_state_message\":true}", "COMPLETE" }, run.Timeline("empty_plain"));
        Assert.Equal(new[] { 0.0 }, run.RecordCounts("empty"));
    }

    [Fact]
    public async Task A_stream_without_a_cursor_ends_with_the_no_cursor_marker_state()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("plain", (_, _) => Row.WithSeqs(5, 6), cursor: false));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("plain"));

        Assert.Equal(new[] { "{\"__ab_no_cursor_state_message\":true}" }, run.StreamStates("plain"));
        Assert.Equal(new[] { 2.0 }, run.RecordCounts("plain"));
    }

    [Fact]
    public async Task A_stream_that_throws_is_INCOMPLETE_with_a_TRACE_ERROR_and_the_other_streams_still_run()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Fixed("a", 1),
            TestConnector.Rows("broken", (_, _) => Throwing(new InvalidOperationException("HTTP 500 from the API"), 1, 2)),
            TestConnector.Fixed("c", 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("a", "broken", "c"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "INCOMPLETE", "ERROR" }, run.Timeline("broken"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Equal("broken", error.GetProperty("stream_descriptor").GetProperty("name").GetString());
        Assert.Equal("Stream 'broken' failed after 2 records: HTTP 500 from the API", error.GetProperty("message").GetString());
        Assert.Contains("InvalidOperationException", error.GetProperty("stack_trace").GetString());
        Assert.Equal("COMPLETE", run.Statuses("a").Last());
        Assert.Equal("COMPLETE", run.Statuses("c").Last());
        Assert.Single(run.Records("c"));
    }

    [Fact]
    public async Task A_stream_that_throws_ConfigException_is_a_config_error()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("forbidden", (_, _) => Throwing(new ConfigException("No access to table 'forbidden'."))));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("forbidden"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "INCOMPLETE", "ERROR" }, run.Timeline("forbidden"));
        Assert.Equal("config_error", Assert.Single(run.Errors).GetProperty("failure_type").GetString());
    }

    [Fact]
    public async Task A_stream_method_that_throws_before_returning_an_iterator_fails_the_stream_only()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("eager", (_, _) => throw new InvalidOperationException("bad query")),
            TestConnector.Fixed("b", 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("eager", "b"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "INCOMPLETE", "ERROR" }, run.Timeline("eager"));
        Assert.Equal("COMPLETE", run.Statuses("b").Last());
    }

    [Fact]
    public async Task A_record_whose_serialization_throws_fails_the_stream_without_a_partial_line()
    {
        using var files = new TempDir();
        var stream = new SourceStream<TestSource, Row>
        {
            Name = "bad_writer",
            JsonSchema = TestConnector.RowSchema,
            OpenSync = (_, _) => Row.WithSeqs(1, 2, 3),
            WriteRecord = (writer, row) =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", row.Seq);
                if (row.Seq == 2)
                {
                    throw new FormatException("cannot serialize row 2");
                }
                writer.WriteEndObject();
            },
        };

        // HostRun asserts that every stdout line is a whole, valid message.
        var run = await HostRun.ReadAsync(TestConnector.WithStreams(stream), files, TestConnector.FullRefresh("bad_writer"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "INCOMPLETE", "ERROR" }, run.Timeline("bad_writer"));
    }

    [Fact]
    public async Task A_configured_stream_the_connector_lacks_is_a_config_error_and_valid_streams_still_run()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("__AIRBYTE__stream_that_does_not_exist", "a"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Equal("__AIRBYTE__stream_that_does_not_exist", error.GetProperty("stream_descriptor").GetProperty("name").GetString());
        Assert.EndsWith(" is invalid: $.streams[0].stream.name: '__AIRBYTE__stream_that_does_not_exist' is not a stream of this connector; its streams are: a, b, c",
            error.GetProperty("message").GetString());
        Assert.Equal(new[] { "INCOMPLETE" }, run.Statuses("__AIRBYTE__stream_that_does_not_exist"));
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "S{\"seq\":2}", "COMPLETE" }, run.Timeline("a"));
    }

    [Fact]
    public async Task Incremental_on_a_full_refresh_only_stream_is_a_config_error_and_valid_streams_still_run()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.Catalog(("a", "incremental"), ("b", "full_refresh")));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Equal("a", error.GetProperty("stream_descriptor").GetProperty("name").GetString());
        Assert.EndsWith(" is invalid: $.streams[0].sync_mode: stream 'a' does not support 'incremental'; it supports: full_refresh",
            error.GetProperty("message").GetString());
        Assert.Empty(run.Records("a"));
        Assert.Equal(new[] { "INCOMPLETE" }, run.Statuses("a"));
        Assert.Equal(3, run.Records("b").Count);
    }

    [Fact]
    public async Task An_invalid_sync_mode_is_a_config_error_and_valid_streams_still_run()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.Catalog(("a", "INVALID"), ("c", "full_refresh")));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.EndsWith(" is invalid: $.streams[0].sync_mode: stream 'a' has 'INVALID'; expected 'full_refresh' or 'incremental'",
            error.GetProperty("message").GetString());
        Assert.Empty(run.Records("a"));
        Assert.Single(run.Records("c"));
    }

    [Fact]
    public async Task A_stream_listed_twice_is_read_once()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("a", "a"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Records("a").Count);
        Assert.EndsWith(" is invalid: $.streams[1].stream.name: stream 'a' appears more than once in the catalog (first at $.streams[0])",
            Assert.Single(run.Errors).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Emitted_at_is_wall_clock_milliseconds()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("a", "b"));

        Assert.NotEmpty(run.Records());
        Assert.All(run.Records(), r => Assert.InRange(r.GetProperty("emitted_at").GetInt64(), run.StartedAt, run.EndedAt));
        Assert.All(run.Traces("STREAM_STATUS"), t => Assert.InRange(t.GetProperty("emitted_at").GetDouble(), run.StartedAt, run.EndedAt));
    }

    [Fact]
    public async Task The_stream_receives_its_context_and_the_connector_its_config()
    {
        using var files = new TempDir();
        StreamRequest? seen = null;
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (source, request) =>
        {
            seen = request;
            return Row.WithSeqs(Enumerable.Range(1, source.Count).Select(i => (long)i).ToArray());
        }, incremental: true, interval: 25));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Incremental("users"), config: """{"api_key":"k","count":4}""");

        Assert.Equal(4, run.Records("users").Count);
        Assert.NotNull(seen);
        Assert.Equal("users", seen!.Context.StreamName);
        Assert.Null(seen.Context.StreamNamespace);
        Assert.Equal(SyncMode.Incremental, seen.Context.SyncMode);
        Assert.Equal(25, seen.Context.CheckpointInterval);
        Assert.Null(seen.Since);
    }

    [Fact]
    public async Task Async_streams_are_read_like_synchronous_ones()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.RowsAsync("async", (_, _) => AsyncRows(1, 2, 3)));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("async"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "R2", "R3", "S{\"seq\":3}", "COMPLETE" }, run.Timeline("async"));
    }

    [Fact]
    public async Task A_config_that_does_not_bind_is_a_config_error_and_nothing_is_read()
    {
        using var files = new TempDir();

        var run = await HostRun.ReadAsync(ThreeStreams(), files, TestConnector.FullRefresh("a"), config: """{"count":1.5}""");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Records());
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("$.count: expected an integer, got 1.5", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_connector_is_disposed_after_the_read()
    {
        using var files = new TempDir();
        var created = new ConcurrentQueue<TestSource>();
        var descriptor = TestConnector.Create(streams: [TestConnector.Fixed("a", 1)], created: created);

        await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("a"));

        Assert.True(Assert.Single(created).Disposed);
    }

    internal static IEnumerable<Row> Throwing(Exception exception, params long[] seqs)
    {
        foreach (var row in Row.WithSeqs(seqs))
        {
            yield return row;
        }
        throw exception;
    }

    internal static async IAsyncEnumerable<Row> AsyncRows(params long[] seqs)
    {
        foreach (var row in Row.WithSeqs(seqs))
        {
            await Task.Yield();
            yield return row;
        }
    }
}
