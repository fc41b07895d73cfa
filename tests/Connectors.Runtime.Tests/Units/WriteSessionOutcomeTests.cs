using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// What the <c>write</c> loop tells the user and the destination: the log lines of finalized and unfinished streams,
/// the counts echoed with each state, batch boundaries, stops and failures of the destination's code, and routing of
/// records whose stream names are escaped.
/// </summary>
public sealed class WriteSessionOutcomeTests
{
    private static string Record(string stream = "a") =>
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"" + stream + "\",\"data\":{\"id\":1},\"emitted_at\":1}}";

    private static string Complete(string stream = "a") =>
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\",\"emitted_at\":1,\"stream_status\":{\"stream_descriptor\":{\"name\":\"" + stream + "\"},\"status\":\"COMPLETE\"}}}";

    private static string StreamState(string stream) =>
        "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"" + stream + "\"},\"stream_state\":{\"n\":1}}}}";

    private const string GlobalState = """{"type":"STATE","state":{"type":"LEGACY","data":{"n":1}}}""";
    private const string SourceError = """{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"sync failed"}}}""";

    [Fact]
    public async Task A_clean_write_logs_each_finalized_stream_and_a_summary_with_its_counts()
    {
        var session = new Session([Record(), Record(), GlobalState, Record(), Complete()], [new DestinationStream { Name = "a" }]);

        await session.RunAsync();

        Assert.Equal(["start a", "write a:2", "commit", "write a:1", "commit", "end a"], session.Calls);
        Assert.Contains("Stream 'a' is complete and finalized.", session.Infos);
        Assert.Equal("Wrote 3 records of 1 stream(s) in 2 batches; echoed 1 states; finalized 1 stream(s).", session.Infos.Last());
    }

    [Fact]
    public async Task Streams_without_status_are_finalized_at_the_end_when_asked_with_a_warning_each()
    {
        var session = new Session([Record(), Record("b")], [new DestinationStream { Name = "a" }, new DestinationStream { Name = "b" }],
            completeWithoutStatus: true);

        await session.RunAsync();

        Assert.Equal(["start a", "start b", "write a:1", "write b:1", "commit", "end a", "end b"], session.Calls);
        Assert.Equal(["Finalizing stream 'a' at the end of an input without stream statuses, as asked (--streams-without-status complete).",
            "Finalizing stream 'b' at the end of an input without stream statuses, as asked (--streams-without-status complete)."], session.Warnings);
        Assert.Equal("Wrote 2 records of 2 stream(s) in 2 batches; echoed 0 states; finalized 2 stream(s).", session.Infos.Last());
    }

    [Theory]
    [InlineData(false, "stream statuses")]
    [InlineData(true, "an error of the source")]
    public async Task Asked_to_finalize_streams_without_status_the_write_says_why_it_did_not(bool sourceError, string carries)
    {
        string[] input = sourceError ? [Record(), SourceError] : [Record(), Record("b"), Complete("b")];
        var session = new Session(input, [new DestinationStream { Name = "a" }, new DestinationStream { Name = "b" }], completeWithoutStatus: true);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal("Not finalizing streams without a status at the end of the input, although asked to (--streams-without-status complete): the input carries "
            + carries + ", so a stream without COMPLETE did not finish.", session.Warnings.First());
    }

    [Fact]
    public async Task Without_the_option_no_warning_about_it_is_logged()
    {
        var session = new Session([Record()], [new DestinationStream { Name = "a" }]);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.DoesNotContain(session.Warnings, w => w.StartsWith("Not finalizing", StringComparison.Ordinal));
        Assert.Equal("Wrote 1 records of 1 stream(s) in 1 batches; echoed 0 states; finalized 0 stream(s).", session.Infos.Last());
    }

    [Theory]
    [InlineData(DestinationSyncMode.Overwrite, null, null, "Its previous data stays visible; what this attempt committed is kept for a retry to resume from.")]
    [InlineData(DestinationSyncMode.Append, 3L, 2L, "Rows of older generations are not deleted; what this attempt committed is kept.")]
    [InlineData(DestinationSyncMode.Append, null, null, "What this attempt committed is kept.")]
    public async Task An_unfinished_stream_is_logged_with_what_stays_of_its_data(DestinationSyncMode mode, long? generation, long? minimum, string kept)
    {
        var stream = new DestinationStream { Name = "a", SyncMode = mode, GenerationId = generation, MinimumGenerationId = minimum };
        var session = new Session([Record()], [stream]);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        var warning = Assert.Single(session.Warnings);
        Assert.StartsWith("Stream 'a' is not finalized: ", warning);
        Assert.EndsWith(". " + kept, warning);
    }

    [Fact]
    public async Task A_batch_is_handed_over_when_it_reaches_exactly_the_byte_limit()
    {
        var data = Encoding.UTF8.GetByteCount("{\"id\":1}");
        var session = new Session([Record(), Record(), GlobalState], [new DestinationStream { Name = "a", MaxBatchBytes = data }]);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal(["start a", "write a:1", "write a:1", "commit", "incomplete a:InputEndedEarly"], session.Calls);
    }

    [Fact]
    public async Task A_stream_state_echoes_the_records_of_its_stream_since_its_previous_state()
    {
        var session = new Session([Record(), StreamState("a"), Record(), Record(), StreamState("a"), StreamState("a")], [new DestinationStream { Name = "a" }]);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal([1L, 2L, 0L], session.EchoedCounts());
    }

    [Fact]
    public async Task Status_lines_that_cannot_be_applied_are_logged_with_their_line()
    {
        string[] input =
        [
            """{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"status":"COMPLETE"}}}""",
            Complete("unknown"),
            Complete(),
        ];
        var session = new Session(input, [new DestinationStream { Name = "a" }]);

        await session.RunAsync();

        Assert.Equal("Line 1 of the input: Ignored a STREAM_STATUS without a stream name.", session.Warnings[0]);
        Assert.StartsWith("Line 2 of the input: ", session.Warnings[1]);
        Assert.Contains("unknown", session.Warnings[1]);
        Assert.Equal(2, session.Warnings.Count);
    }

    [Fact]
    public async Task A_stream_without_start_or_end_hooks_is_finalized()
    {
        var session = new Session([Record(), Complete()], [new DestinationStream { Name = "a" }], hooks: false);

        await session.RunAsync();

        Assert.Equal(["write a:1", "commit"], session.Calls);
        Assert.Equal("Wrote 1 records of 1 stream(s) in 1 batches; echoed 0 states; finalized 1 stream(s).", session.Infos.Last());
    }

    [Fact]
    public async Task A_stop_during_a_write_ends_the_loop_before_the_next_line_is_taken()
    {
        using var stop = new CancellationTokenSource();
        var session = new Session([Record(), Record(), GlobalState], [new DestinationStream { Name = "a", MaxBatchRecords = 1 }], stop: stop,
            onWrite: stop.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(session.RunAsync);

        Assert.Equal(["start a", "write a:1", "incomplete a:Stopped"], session.Calls);
        Assert.Empty(session.EchoedCounts());
    }

    [Fact]
    public async Task A_stop_during_the_commit_before_a_complete_does_not_run_the_end_hook()
    {
        using var stop = new CancellationTokenSource();
        var session = new Session([Record(), Complete()], [new DestinationStream { Name = "a" }], stop: stop, onCommit: stop.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(session.RunAsync);

        Assert.DoesNotContain("end a", session.Calls);
    }

    [Fact]
    public async Task A_cancellation_the_destination_raises_itself_is_a_failure_of_the_destination_not_a_stop()
    {
        var session = new Session([Record(), GlobalState], [new DestinationStream { Name = "a" }],
            onWrite: () => throw new OperationCanceledException("timed out"));

        var error = await Assert.ThrowsAsync<DestinationCodeException>(session.RunAsync);

        Assert.Equal("The destination failed writing stream 'a': timed out", error.Message);
        Assert.Equal(["start a", "write a:1", "incomplete a:DestinationFailed"], session.Calls);
    }

    [Theory]
    [InlineData("a\\\\nb", null, "a\\nb", null)]
    [InlineData("s", "x\\\\ty", "s", "x\\ty")]
    public async Task Records_of_streams_whose_names_differ_only_by_an_escape_reach_their_own_stream(
        string literalName, string? literalNamespace, string escapedName, string? escapedNamespace)
    {
        // The first stream's name holds a backslash (written \\ in JSON); the second's holds the control character
        // that the same text, unescaped once, stands for.
        var first = new DestinationStream { Name = Unescape(literalName)!, Namespace = Unescape(literalNamespace) };
        var second = new DestinationStream { Name = Unescape(escapedName)!, Namespace = Unescape(escapedNamespace) };
        Assert.NotEqual(new StreamKey(first.Name, first.Namespace), new StreamKey(second.Name, second.Namespace));
        string Line(string name, string? ns) =>
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"" + name + "\"" + (ns is null ? "" : ",\"namespace\":\"" + ns + "\"") + ",\"data\":{\"id\":1}}}";
        var session = new Session([Line(literalName, literalNamespace), Line(escapedName, escapedNamespace)], [first, second], hooks: false);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal([$"write {first.Namespace}{first.Name}:1", $"write {second.Namespace}{second.Name}:1"],
            session.Calls.Where(c => c.StartsWith("write", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_record_without_a_namespace_after_one_of_the_same_name_in_a_namespace_reaches_its_own_stream()
    {
        string[] input = ["""{"type":"RECORD","record":{"stream":"a","namespace":"ns","data":{"id":1}}}""", Record()];
        var session = new Session(input, [new DestinationStream { Name = "a", Namespace = "ns" }, new DestinationStream { Name = "a" }], hooks: false);

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal(["write nsa:1", "write a:1"], session.Calls.Where(c => c.StartsWith("write", StringComparison.Ordinal)));
    }

    private static string? Unescape(string? json) => json is null ? null : JsonSerializer.Deserialize<string>("\"" + json + "\"");

    /// <summary>A destination that logs its calls, a logger, and the session's stdout.</summary>
    private sealed class Session
    {
        private readonly MemoryStream _stdout = new();
        private readonly WriteSession<object> _session;
        private readonly JsonLineWriter _output;
        private readonly ListLogger _logger = new();

        public Session(string[] input, DestinationStream[] streams, bool completeWithoutStatus = false, bool hooks = true,
            CancellationTokenSource? stop = null, Action? onWrite = null, Action? onCommit = null)
        {
            var handlers = new DestinationHandlers<object>
            {
                Write = (_, request) =>
                {
                    Calls.Add($"write {request.Stream.Namespace}{request.Stream.Name}:{request.Batch.Count}");
                    onWrite?.Invoke();
                    return ValueTask.CompletedTask;
                },
                Commit = (_, _) =>
                {
                    Calls.Add("commit");
                    onCommit?.Invoke();
                    return ValueTask.CompletedTask;
                },
                IncompleteStream = (_, request) =>
                {
                    Calls.Add($"incomplete {request.Stream}:{request.Reason}");
                    return ValueTask.CompletedTask;
                },
                StartStream = hooks ? (_, request) => { Calls.Add($"start {request.Stream}"); return ValueTask.CompletedTask; } : null,
                EndStream = hooks ? (_, request) => { Calls.Add($"end {request.Stream}"); return ValueTask.CompletedTask; } : null,
            };
            var lines = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", input) + "\n")), 1 << 16, bufferBytes: 64);
            _output = new JsonLineWriter(_stdout);
            _session = new WriteSession<object>(new object(), handlers, streams, lines, _output, _logger,
                stop?.Token ?? CancellationToken.None, completeWithoutStatus);
        }

        public List<string> Calls { get; } = new();

        public List<string> Warnings => _logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();

        public List<string> Infos => _logger.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();

        public Task RunAsync() => _session.RunAsync();

        public List<long> EchoedCounts()
        {
            _output.Dispose();
            return Encoding.UTF8.GetString(_stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(message => message.GetProperty("type").GetString() == "STATE")
                .Select(message => message.GetProperty("state").GetProperty("destinationStats").GetProperty("recordCount").GetInt64())
                .ToList();
        }
    }
}
