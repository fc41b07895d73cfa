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
/// The <c>write</c> loop driven in-process over a line reader with a small line limit (the host's limit is 256 MiB):
/// a line longer than the limit ends the write naming its line, nothing read after the last commit is written or
/// echoed, and the streams left unfinished get their <c>[StreamIncomplete]</c> hook with the reason.
/// </summary>
public sealed class WriteSessionTests
{
    private const string Record = """{"type":"RECORD","record":{"stream":"a","data":{"id":1},"emitted_at":1}}""";
    private const string State = """{"type":"STATE","state":{"type":"LEGACY","data":{"n":1}}}""";

    [Fact]
    public async Task A_line_longer_than_the_limit_ends_the_write_naming_the_line_and_only_committed_records_are_echoed()
    {
        var tooLong = """{"type":"RECORD","record":{"stream":"a","data":{"p":""" + "\"" + new string('x', 300) + "\"}}}";
        var session = new Session(string.Join("\n", Record, State, Record, tooLong, Record, State) + "\n", maxLineBytes: 200);

        var error = await Assert.ThrowsAsync<InputLineException>(session.RunAsync);

        Assert.Equal("Line 4 of the input: it is longer than the longest line accepted.", error.Message);
        Assert.Null(error.Stream);
        Assert.Equal(["write a:1", "commit", "incomplete a:InvalidInput"], session.Calls);
        Assert.Equal([1L], session.EchoedStates().Select(s => s.GetProperty("destinationStats").GetProperty("recordCount").GetInt64()));
    }

    [Fact]
    public async Task A_line_exactly_at_the_limit_is_accepted()
    {
        var session = new Session(Record + "\n" + State + "\n", maxLineBytes: Math.Max(Record.Length, State.Length));

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal(["write a:1", "commit", "incomplete a:InputEndedEarly"], session.Calls);
        Assert.Single(session.EchoedStates());
    }

    [Fact]
    public async Task A_record_whose_data_is_broken_deep_inside_ends_the_write_naming_line_path_and_problem_and_nothing_after_the_last_commit_is_echoed()
    {
        var broken = """{"type":"RECORD","record":{"stream":"a","data":{"id":2,"tags":["x",{"k":[1,2,]}]},"emitted_at":1}}""";
        var session = new Session(string.Join("\n", Record, State, Record, broken, Record, State) + "\n", maxLineBytes: 1000);

        var error = await Assert.ThrowsAsync<InputLineException>(session.RunAsync);

        Assert.Equal("Line 4 of the input: it is not a JSON object: a comma after the last item of an array (JSON allows no trailing comma) at $.record.data.tags[1].k[1] (byte 78)",
            error.Message);
        Assert.Equal(["write a:1", "commit", "incomplete a:InvalidInput"], session.Calls);
        Assert.Equal([1L], session.EchoedStates().Select(s => s.GetProperty("destinationStats").GetProperty("recordCount").GetInt64()));
    }

    [Fact]
    public async Task The_destination_reads_each_records_columns_from_the_line_parsers_single_pass()
    {
        string[] records =
        [
            """{"type":"RECORD","record":{"stream":"a","data":{"id":1,"name":"ann"},"emitted_at":1}}""",
            """{"type":"RECORD","record":{"data":{"n\u0061me":"b\u00f6b","nested":{"id":99,"name":["x"]},"id":2},"stream":"a"}}""",
            """{"record":{"emitted_at":3,"data":{"id":3},"stream":"a"},"type":"RECORD"}""",
        ];
        var columns = new RecordFieldReader(["id", "name"]);
        var read = new List<string>();
        var session = new Session(string.Join("\n", records.Append(State)) + "\n", maxLineBytes: 1000, onWrite: batch =>
        {
            foreach (var record in batch)
            {
                columns.Read(record);
                read.Add(Encoding.UTF8.GetString(columns.Raw(0)) + "|" + (columns.IsNull(1) ? "-" : columns.GetString(1)));
            }
        });

        await Assert.ThrowsAsync<IncompleteStreamsException>(session.RunAsync);

        Assert.Equal(["1|ann", "2|böb", "3|-"], read);
        Assert.Equal([3L], session.EchoedStates().Select(s => s.GetProperty("destinationStats").GetProperty("recordCount").GetInt64()));
    }

    /// <summary>One stream <c>a</c>, a destination that logs its calls, and the session's stdout.</summary>
    private sealed class Session
    {
        private readonly MemoryStream _stdout = new();
        private readonly WriteSession<object> _session;

        public Session(string input, int maxLineBytes, Action<RecordBatch>? onWrite = null)
        {
            var handlers = new DestinationHandlers<object>
            {
                Write = (_, request) =>
                {
                    Calls.Add($"write {request.Stream}:{request.Batch.Count}");
                    onWrite?.Invoke(request.Batch);
                    return ValueTask.CompletedTask;
                },
                Commit = (_, _) =>
                {
                    Calls.Add("commit");
                    return ValueTask.CompletedTask;
                },
                IncompleteStream = (_, request) =>
                {
                    Calls.Add($"incomplete {request.Stream}:{request.Reason}");
                    return ValueTask.CompletedTask;
                },
                StartStream = (_, _) => ValueTask.CompletedTask,
            };
            var lines = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(input)), maxLineBytes, bufferBytes: 64);
            Output = new JsonLineWriter(_stdout);
            _session = new WriteSession<object>(new object(), handlers, [new DestinationStream { Name = "a" }], lines, Output,
                Logger, CancellationToken.None);
        }

        public List<string> Calls { get; } = new();

        public ListLogger Logger { get; } = new();

        public JsonLineWriter Output { get; }

        public Task RunAsync() => _session.RunAsync();

        public List<JsonElement> EchoedStates()
        {
            Output.Dispose();
            return Encoding.UTF8.GetString(_stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(message => message.GetProperty("type").GetString() == "STATE")
                .Select(message => message.GetProperty("state").Clone())
                .ToList();
        }
    }
}
