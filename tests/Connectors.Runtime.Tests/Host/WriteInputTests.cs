using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// <c>write</c> over input a destination cannot accept, and over failures of the destination: each is one TRACE ERROR
/// of the right failure type naming the line (and the stream, when known), exit code 1, and no state echoed past the
/// last commit. Records are routed by stream and namespace, however their names are written.
/// </summary>
public sealed class WriteInputTests
{
    private const string Catalog = """
        {"streams":[
          {"stream":{"name":"a","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"},
          {"stream":{"name":"a","namespace":"n","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"},
          {"stream":{"name":"b\"q","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}
        ]}
        """;

    private const string Ok = """{"type":"RECORD","record":{"stream":"a","data":{"id":1},"emitted_at":1}}""";

    private const string Complete = """
        {"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"a"},"status":"COMPLETE"}}}
        {"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"a","namespace":"n"},"status":"COMPLETE"}}}
        {"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"b\"q"},"status":"COMPLETE"}}}
        """;

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    [Theory]
    [InlineData("not json", "Line 2 of the input: it is not a JSON object: ")]
    [InlineData("""{"type":"RECORD","record":{"data":{"id":2}}}""", "Line 2 of the input: a RECORD without a stream name.")]
    [InlineData("""{"type":"RECORD"}""", "Line 2 of the input: a RECORD message without a record object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a"}}""", "Line 2 of the input: a RECORD of stream 'a' without data.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":[1]}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is an array, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":"x"}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is a string, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":3}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is a number, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":true}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is a boolean, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":false}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is a boolean, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","data":null}}""", "Line 2 of the input: a RECORD of stream 'a' whose data is null, not an object.")]
    [InlineData("""{"type":"RECORD","record":{"stream":"zz","data":{}}}""", "Line 2 of the input: a RECORD of stream 'zz', which is not in the catalog (its streams are: a, n.a, b\"q).")]
    [InlineData("""{"type":"RECORD","record":{"stream":"a","namespace":"m","data":{}}}""", "Line 2 of the input: a RECORD of stream 'm.a', which is not in the catalog")]
    [InlineData("""{"type":"STATE"}""", "Line 2 of the input: a STATE message without a state object.")]
    public async Task Bad_input_is_a_config_error_naming_the_line_and_nothing_after_the_last_commit_is_echoed(string line, string message)
    {
        var (run, log) = await WriteAsync(Lines(Ok, line, """{"type":"STATE","state":{"type":"LEGACY","data":{}}}""") + Complete);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString());
        Assert.Empty(run.OfType("STATE"));
        Assert.DoesNotContain("commit", log);
    }

    [Fact]
    public async Task A_bad_record_s_error_names_its_stream()
    {
        var (run, _) = await WriteAsync(Lines("""{"type":"RECORD","record":{"stream":"a","namespace":"n","data":[]}}"""));

        var descriptor = Assert.Single(run.Errors).GetProperty("stream_descriptor");
        Assert.Equal("a", descriptor.GetProperty("name").GetString());
        Assert.Equal("n", descriptor.GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Blank_lines_and_messages_a_destination_does_not_take_are_skipped()
    {
        var (run, log) = await WriteAsync(Lines(Ok, "", "  \t ", """{"type":"LOG","log":{"level":"INFO","message":"hi"}}""",
            """{"type":"TRACE","trace":{"type":"ESTIMATE","emitted_at":1,"estimate":{"name":"a","type":"STREAM"}}}""", Ok) + Complete);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal(["a:1,1", "commit"], log.Take(2));
    }

    [Fact]
    public async Task Records_go_to_their_stream_by_name_and_namespace_however_the_names_are_escaped()
    {
        var (run, log) = await WriteAsync(Lines(
            """{"type":"RECORD","record":{"stream":"a","data":{"id":1},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"a","namespace":"n","data":{"id":2},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"\u0061","data":{"id":3},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"a","namespace":"\u006e","data":{"id":4},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"b\"q","data":{"id":5},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"b\u0022q","data":{"id":6},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"stream":"a","data":{"id":7},"emitted_at":1}}""") + Complete);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal(["a:1,3,7", "n.a:2,4", "b\"q:5,6"], log.Where(call => call != "commit"));
    }

    [Fact]
    public async Task A_global_state_counts_every_stream_s_records_since_the_previous_global_state()
    {
        const string global = """{"type":"STATE","state":{"type":"GLOBAL","global":{"shared_state":{},"stream_states":[]}}}""";
        const string streamA = """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"a"}}}}""";
        const string unknown = """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"zz"}}}}""";
        var (run, _) = await WriteAsync(Lines(Ok, """{"type":"RECORD","record":{"stream":"a","namespace":"n","data":{"id":2},"emitted_at":1}}""", streamA,
            global, Ok, unknown, global) + Complete);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal([1, 2, 0, 1],
            run.OfType("STATE").Select(s => s.GetProperty("state").GetProperty("destinationStats").GetProperty("recordCount").GetInt64()));
    }

    [Fact]
    public async Task A_failing_commit_is_a_system_error_and_its_state_is_not_echoed()
    {
        var (run, _) = await WriteAsync(Lines(Ok, """{"type":"STATE","state":{"type":"LEGACY","data":{}}}"""),
            commit: () => throw new InvalidOperationException("disk full"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Equal("The destination failed committing: disk full", error.GetProperty("message").GetString());
        Assert.Empty(run.OfType("STATE"));
    }

    [Fact]
    public async Task A_ConfigException_from_the_destination_is_a_config_error()
    {
        var (run, _) = await WriteAsync(Lines(Ok) + Complete, commit: () => throw new ConfigException("the table is read-only"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Equal("The destination failed committing: the table is read-only", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_catalog_problem_is_its_own_config_error_and_nothing_is_written()
    {
        const string catalog = """
            {"streams":[
              {"stream":{"name":"a","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append_dedup"},
              {"stream":{"name":"b","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"},
              {"stream":{"name":"b","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}
            ]}
            """;
        var (run, log) = await WriteAsync(Lines(Ok), catalog: catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["a", "b"], run.Errors.Select(e => e.GetProperty("stream_descriptor").GetProperty("name").GetString()));
        Assert.All(run.Errors, e => Assert.Equal("config_error", e.GetProperty("failure_type").GetString()));
        Assert.Empty(log);
    }

    [Fact]
    public async Task The_connector_is_disposed_after_the_write_whatever_its_outcome()
    {
        var disposed = new List<bool>();
        await WriteAsync(Lines(Ok) + Complete, onConnector: c => disposed.Add(c.Disposed));
        await WriteAsync(Lines("nope"), onConnector: c => disposed.Add(c.Disposed));

        Assert.Equal([true, true], disposed);
    }

    private static async Task<(HostRun Run, List<string> Log)> WriteAsync(string input, string catalog = Catalog, Action? commit = null,
        Action<TestSource>? onConnector = null)
    {
        var log = new List<string>();
        TestSource? connector = null;
        var handlers = new DestinationHandlers<TestSource>
        {
            SyncModes = DestinationSyncModes.Append,
            Write = (c, request) =>
            {
                connector = c;
                log.Add(request.Stream + ":" + string.Join(",", request.Batch.Select(r => JsonDocument.Parse(r.Data).RootElement.GetProperty("id").GetInt32())));
                return ValueTask.CompletedTask;
            },
            StartStream = (c, _) =>
            {
                connector = c;
                return ValueTask.CompletedTask;
            },
            Commit = (_, _) =>
            {
                commit?.Invoke();
                log.Add("commit");
                return ValueTask.CompletedTask;
            },
        };
        var run = await HostRun.WriteAsync(handlers, catalog, input);
        if (onConnector is not null && connector is not null)
        {
            onConnector(connector);
        }
        return (run, log);
    }
}
