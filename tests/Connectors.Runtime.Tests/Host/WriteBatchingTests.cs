using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>How <c>write</c> cuts the input into batches: per stream, by record count and by bytes, and everything before a state.</summary>
public sealed class WriteBatchingTests
{
    private const string Catalog = """
        {"streams":[
          {"stream":{"name":"a","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"},
          {"stream":{"name":"b","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}
        ]}
        """;

    private static string Record(string stream, int id, string padding = "") =>
        $$$"""{"type":"RECORD","record":{"stream":"{{{stream}}}","data":{"id":{{{id}}},"p":"{{{padding}}}"},"emitted_at":{{{1000 + id}}}}}""" + "\n";

    private static string State(string stream) =>
        $$$$$"""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"{{{{{stream}}}}}"}}}}""" + "\n";

    /// <summary>The source's COMPLETE status of both streams, as a complete input ends.</summary>
    private static readonly string BothComplete = string.Concat(new[] { "a", "b" }.Select(stream =>
        $$$$"""{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"{{{{stream}}}}"},"status":"COMPLETE"}}}""" + "\n"));

    [Fact]
    public async Task A_batch_holds_at_most_the_record_limit_and_a_state_flushes_what_is_buffered()
    {
        var input = string.Concat(Enumerable.Range(1, 7).Select(i => Record("a", i))) + State("a") + Record("a", 8) + BothComplete;

        var (run, log) = await WriteAsync(input, maxRecords: 3);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a:1,2,3", "a:4,5,6", "a:7", "commit", "a:8", "commit"], log);
        Assert.Equal(7, run.Messages.Single(m => m.GetProperty("type").GetString() == "STATE")
            .GetProperty("state").GetProperty("destinationStats").GetProperty("recordCount").GetDouble());
    }

    [Fact]
    public async Task A_batch_ends_at_the_record_that_reaches_the_byte_limit()
    {
        // Each small record's data is 30 bytes, so the third reaches 80 bytes; a 100-byte record is a batch of its own.
        var padding = new string('x', 15);
        var input = Record("a", 1, padding) + Record("a", 2, padding) + Record("a", 3, padding) + Record("a", 4, new string('y', 85))
            + Record("a", 5, padding) + Record("a", 6, padding) + BothComplete;

        var (run, log) = await WriteAsync(input, maxBytes: 80);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a:1,2,3", "a:4", "a:5,6", "commit"], log);
    }

    [Fact]
    public async Task Records_are_batched_per_stream_in_arrival_order()
    {
        var input = Record("a", 1) + Record("b", 2) + Record("a", 3) + Record("b", 4) + Record("a", 5) + State("b") + Record("b", 6) + BothComplete;

        var (run, log) = await WriteAsync(input, maxRecords: 3);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a:1,3,5", "b:2,4", "commit", "b:6", "commit"], log);
        // A STREAM state counts its own stream's records only.
        Assert.Equal(2, run.Messages.Single(m => m.GetProperty("type").GetString() == "STATE")
            .GetProperty("state").GetProperty("destinationStats").GetProperty("recordCount").GetDouble());
    }

    [Fact]
    public async Task Each_record_keeps_its_data_bytes_and_emitted_at()
    {
        var batches = new List<(string Data, long EmittedAt)>();
        var (run, _) = await WriteAsync(Record("a", 1, "é\\\"") + Record("a", 2) + BothComplete, write: request =>
        {
            foreach (var record in request.Batch)
            {
                batches.Add((Encoding.UTF8.GetString(record.Data.Span), record.EmittedAt));
            }
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([("{\"id\":1,\"p\":\"é\\\"\"}", 1001L), ("{\"id\":2,\"p\":\"\"}", 1002L)], batches);
    }

    private static async Task<(HostRun Run, List<string> Log)> WriteAsync(string input, int maxRecords = 0, int maxBytes = 0,
        Action<WriteRequest>? write = null)
    {
        var log = new List<string>();
        var handlers = new DestinationHandlers<TestSource>
        {
            MaxBatchRecords = maxRecords,
            MaxBatchBytes = maxBytes,
            Write = (_, request) =>
            {
                write?.Invoke(request);
                log.Add(request.Stream.Name + ":" + string.Join(",", request.Batch.Select(r => Encoding.UTF8.GetString(r.Data.Span).Split(',')[0][6..])));
                return ValueTask.CompletedTask;
            },
            Commit = (_, _) =>
            {
                log.Add("commit");
                return ValueTask.CompletedTask;
            },
        };
        return (await HostRun.WriteAsync(handlers, Catalog, input), log);
    }
}
