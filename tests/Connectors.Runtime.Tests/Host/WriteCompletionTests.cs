using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// <c>write</c> finalizes a stream (<c>[StreamEnd]</c>) only when its COMPLETE status arrives; every other stream gets
/// <c>[StreamIncomplete]</c> with the reason, a LOG WARN, and the write fails as Airbyte's destinations do. States
/// committed before are echoed in every case.
/// </summary>
public sealed class WriteCompletionTests
{
    private const string Catalog = """
        {"streams":[
          {"stream":{"name":"a","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"overwrite"},
          {"stream":{"name":"b","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"overwrite"}
        ]}
        """;

    private static string Record(string stream, int id) =>
        $$$"""{"type":"RECORD","record":{"stream":"{{{stream}}}","data":{"id":{{{id}}}},"emitted_at":1}}""" + "\n";

    private static string State(string stream) =>
        $$$$$"""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"{{{{{stream}}}}}"},"stream_state":{}}}}""" + "\n";

    private static string Status(string stream, string status) =>
        $$$$"""{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"{{{{stream}}}}"},"status":"{{{{status}}}}"}}}""" + "\n";

    private static string SourceError(string? stream, string message) =>
        """{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":""" + "\"" + message + "\""
        + (stream is null ? "" : $$$$""","stream_descriptor":{"name":"{{{{stream}}}}"}""") + "}}}\n";

    [Fact]
    public async Task A_stream_is_finalized_after_a_commit_as_soon_as_its_COMPLETE_arrives()
    {
        var input = Record("a", 1) + Record("b", 2) + State("a") + Record("a", 3) + Status("a", "COMPLETE") + Record("b", 4) + State("b")
            + Status("b", "COMPLETE");

        var (run, log) = await WriteAsync(input);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal(["start a", "start b", "a:1", "b:2", "commit", "a:3", "commit", "end a", "b:4", "commit", "end b"], log);
        Assert.Equal(2, run.OfType("STATE").Count());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task The_echo_s_destinationStats_recordCount_is_an_integer_as_sourceStats_is()
    {
        var input = Record("a", 1) + Record("a", 2) + State("a") + Status("a", "COMPLETE") + Status("b", "COMPLETE");

        var (run, _) = await WriteAsync(input);

        Assert.Contains("\"destinationStats\":{\"recordCount\":2}", run.Stdout);
        Assert.Equal("2", run.Single("STATE", "state").GetProperty("destinationStats").GetProperty("recordCount").GetRawText());
    }

    [Fact]
    public async Task An_input_without_statuses_finalizes_nothing_and_is_a_transient_error_naming_the_streams()
    {
        var input = Record("a", 1) + State("a") + Record("b", 2);

        var (run, log) = await WriteAsync(input);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["start a", "start b", "a:1", "commit", "b:2", "commit", "incomplete a InputEndedEarly", "incomplete b InputEndedEarly"], log);
        Assert.Single(run.OfType("STATE"));
        var error = Assert.Single(run.Errors);
        Assert.Equal("transient_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The input ended before these streams got a terminal status (COMPLETE or INCOMPLETE): a, b", error.GetProperty("message").GetString());
        Assert.Contains("--streams-without-status complete", error.GetProperty("message").GetString());
        AssertWarned(run, "Stream 'a' is not finalized: the input ended without its COMPLETE status (the source sent no stream statuses at all). Its previous data stays visible");
        AssertWarned(run, "Stream 'b' is not finalized");
    }

    [Fact]
    public async Task An_empty_input_finalizes_nothing()
    {
        var (run, log) = await WriteAsync("");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["start a", "start b", "incomplete a InputEndedEarly", "incomplete b InputEndedEarly"], log);
        Assert.Equal("transient_error", Assert.Single(run.Errors).GetProperty("failure_type").GetString());
    }

    [Fact]
    public async Task A_stream_the_source_reported_INCOMPLETE_is_left_and_the_write_is_a_system_error()
    {
        var input = Record("a", 1) + State("a") + Status("a", "INCOMPLETE") + SourceError("a", "upstream said no") + Record("b", 2)
            + Status("b", "COMPLETE");

        var (run, log) = await WriteAsync(input);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["start a", "start b", "a:1", "commit", "b:2", "commit", "end b", "incomplete a SourceReportedIncomplete"], log);
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("These streams did not complete: a (the source reported it INCOMPLETE (its error: 'upstream said no'))", error.GetProperty("message").GetString());
        AssertWarned(run, "Stream 'a' is not finalized: the source reported it INCOMPLETE (its error: 'upstream said no')");
    }

    [Fact]
    public async Task A_source_error_for_the_whole_sync_leaves_every_stream_without_COMPLETE()
    {
        var input = Record("a", 1) + Status("a", "COMPLETE") + Record("b", 2) + SourceError(null, "the source crashed");

        var (run, log) = await WriteWithOptionsAsync(input, "--streams-without-status", "complete");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["start a", "start b", "a:1", "commit", "end a", "b:2", "commit", "incomplete b SourceFailed"], log);
        AssertWarned(run, "Stream 'b' is not finalized: the source reported an error: 'the source crashed'");
        AssertWarned(run, "Not finalizing streams without a status at the end of the input, although asked to (--streams-without-status complete)");
    }

    [Fact]
    public async Task A_RECORD_after_its_stream_s_COMPLETE_is_bad_input()
    {
        var input = Record("a", 1) + Status("a", "COMPLETE") + Record("a", 2);

        var (run, log) = await WriteAsync(input);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("Line 3 of the input: a RECORD of stream 'a' after the stream's COMPLETE status.", error.GetProperty("message").GetString());
        Assert.Equal(["start a", "start b", "a:1", "commit", "end a", "incomplete b InvalidInput"], log);
    }

    [Theory]
    [InlineData("--streams-without-status")]
    [InlineData("--streams-without-status=")]
    public async Task Opting_in_finalizes_the_streams_of_an_input_without_statuses_at_its_end(string option)
    {
        var input = Record("a", 1) + State("a") + Record("b", 2);
        string[] args = option.EndsWith('=') ? [option + "complete"] : [option, "complete"];

        var (run, log) = await WriteWithOptionsAsync(input, args);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal(["start a", "start b", "a:1", "commit", "b:2", "commit", "end a", "end b"], log);
        AssertWarned(run, "Finalizing stream 'a' at the end of an input without stream statuses, as asked (--streams-without-status complete).");
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task An_unknown_value_of_the_option_is_a_config_error_before_any_input_is_read()
    {
        var (run, log) = await WriteWithOptionsAsync(Record("a", 1), "--streams-without-status", "yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--streams-without-status is 'yes'; expected 'incomplete'", Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Empty(log);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("incomplete", false)]
    [InlineData(" Complete ", true)]
    public void The_environment_variable_opts_in_unless_the_option_says_otherwise(string? variable, bool expected)
    {
        string? Environment(string name) => name == "CONNECTORS_STREAMS_WITHOUT_STATUS" ? variable : null;
        Assert.True(CommandLine.TryParse(["write"], out var plain, out _));
        Assert.True(CommandLine.TryParse(["write", "--streams-without-status", "incomplete"], out var explicitDefault, out _));

        Assert.Equal(expected, WriteOptions.CompleteStreamsWithoutStatus(plain, Environment));
        Assert.False(WriteOptions.CompleteStreamsWithoutStatus(explicitDefault, Environment));
        Assert.Throws<InputException>(() => WriteOptions.CompleteStreamsWithoutStatus(plain, _ => "always"));
    }

    [Fact]
    public async Task A_failing_write_leaves_the_streams_with_the_reason_and_reports_its_own_error()
    {
        var input = Record("a", 1) + State("a") + Record("a", 99) + State("a");

        var (run, log) = await WriteAsync(input, failOn: "a:99");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The destination failed writing stream 'a'", Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Equal(["start a", "start b", "a:1", "commit", "incomplete a DestinationFailed", "incomplete b DestinationFailed"], log);
        Assert.Single(run.OfType("STATE"));
    }

    [Fact]
    public async Task A_stop_leaves_the_streams_with_the_stop_as_the_reason()
    {
        using var stop = new CancellationTokenSource();
        var input = Record("a", 1) + State("a") + Record("a", 99) + State("a");

        var (run, log) = await WriteAsync(input, stop: stop, failOn: "a:99");

        Assert.Equal(143, run.ExitCode);
        Assert.Empty(run.Errors);
        Assert.Equal(["start a", "start b", "a:1", "commit", "incomplete a Stopped", "incomplete b Stopped"], log);
        AssertWarned(run, "Stream 'a' is not finalized: the process was asked to stop.");
    }

    [Fact]
    public async Task A_stream_whose_start_hook_did_not_run_gets_no_incomplete_hook()
    {
        var (run, log) = await WriteAsync(Record("a", 1), failOn: "start b");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The destination failed starting stream 'b'", Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Equal(["start a", "incomplete a DestinationFailed"], log);
        AssertWarned(run, "Stream 'b' is not finalized: the destination failed.");
    }

    [Fact]
    public async Task An_incomplete_hook_that_throws_after_a_failure_is_logged_and_the_first_failure_stays_the_error()
    {
        var (run, log) = await WriteAsync(Record("a", 99), failOn: "a:99|incomplete a");

        Assert.Contains("The destination failed writing stream 'a'", Assert.Single(run.Errors).GetProperty("message").GetString());
        AssertWarned(run, "The destination's [StreamIncomplete] method failed for stream 'a': incomplete a failed");
        Assert.Equal(["start a", "start b", "incomplete b DestinationFailed"], log);
    }

    [Fact]
    public async Task An_incomplete_hook_that_throws_at_the_end_of_the_input_is_the_error_after_every_stream_had_its_turn()
    {
        var (run, log) = await WriteAsync(Record("a", 1), failOn: "incomplete a");

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The destination failed leaving the incomplete stream 'a': incomplete a failed", error.GetProperty("message").GetString());
        Assert.Equal(["start a", "start b", "a:1", "commit", "incomplete b InputEndedEarly"], log);
    }

    private static void AssertWarned(HostRun run, string text) =>
        Assert.True(run.Logs.Any(l => l.GetProperty("level").GetString() == "WARN" && l.GetProperty("message").GetString()!.Contains(text, StringComparison.Ordinal)),
            $"no LOG WARN containing: {text}\n{run.Stdout}");

    /// <summary>
    /// Runs <c>write</c> over streams a and b (overwrite) with a destination that logs every call as "start a",
    /// "a:1,2" (a write), "commit", "end a", "incomplete a Reason". The call named by <paramref name="failOn"/> (several
    /// separated by '|') throws; with <paramref name="stop"/>, that call cancels the run instead, as a signal would.
    /// </summary>
    private static async Task<(HostRun Run, List<string> Log)> WriteWithOptionsAsync(string input, params string[] options) =>
        await WriteAsync(input, null, null, options);

    private static async Task<(HostRun Run, List<string> Log)> WriteAsync(string input, string? failOn = null, CancellationTokenSource? stop = null,
        params string[] options)
    {
        var log = new List<string>();
        var failures = failOn?.Split('|') ?? [];
        void Call(string call, CancellationToken cancellationToken)
        {
            if (failures.Contains(call))
            {
                if (stop is null)
                {
                    throw new IOException(call + " failed");
                }
                stop.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
            log.Add(call);
        }
        var handlers = new DestinationHandlers<TestSource>
        {
            SyncModes = DestinationSyncModes.Overwrite,
            Write = (_, request) =>
            {
                Call(request.Stream.Name + ":" + string.Join(",", request.Batch.Select(r => Encoding.UTF8.GetString(r.Data.Span)[6..^1])), request.CancellationToken);
                return ValueTask.CompletedTask;
            },
            StartStream = (_, request) =>
            {
                Call("start " + request.Stream.Name, request.CancellationToken);
                return ValueTask.CompletedTask;
            },
            EndStream = (_, request) =>
            {
                Call("end " + request.Stream.Name, request.CancellationToken);
                return ValueTask.CompletedTask;
            },
            IncompleteStream = (_, request) =>
            {
                Call($"incomplete {request.Stream.Name}", request.CancellationToken);
                log[^1] += " " + request.Reason;
                return ValueTask.CompletedTask;
            },
            Commit = (_, request) =>
            {
                Call("commit", request.CancellationToken);
                return ValueTask.CompletedTask;
            },
        };
        var run = await HostRun.WriteAsync(handlers, Catalog, input, stop?.Token ?? CancellationToken.None, options);
        return (run, log);
    }
}
