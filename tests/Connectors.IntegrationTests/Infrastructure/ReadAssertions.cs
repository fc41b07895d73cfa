using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>What every successful <c>read</c> must get right, whatever the connector.</summary>
internal static class ReadAssertions
{
    /// <summary>
    /// Per stream: STARTED, then RUNNING with the first record, then COMPLETE, with every record in between; STREAM states
    /// only, each with sourceStats counting exactly the stream's records since its previous state, never repeating the
    /// previous state; at least one state per stream.
    /// </summary>
    public static void CompleteAndCheckpointed(ConnectorRun run, params string[] streams)
    {
        foreach (var stream in streams)
        {
            var statuses = run.Statuses(stream);
            var expected = run.Records(stream).Count > 0 ? new[] { "STARTED", "RUNNING", "COMPLETE" } : ["STARTED", "COMPLETE"];
            Assert.True(expected.SequenceEqual(statuses), $"statuses of {stream}: {string.Join(", ", statuses)}\n{run.Describe()}");
            Assert.True(run.States(stream).Count >= 1, $"no STATE for {stream}\n{run.Describe()}");
        }
        CountsAreExact(run);
    }

    /// <summary>Every state is a STREAM state whose sourceStats.recordCount is exact and that differs from the previous one.</summary>
    public static void CountsAreExact(ConnectorRun run)
    {
        var pending = new Dictionary<string, int>();
        var previous = new Dictionary<string, string>();
        var status = new Dictionary<string, string>();
        foreach (var message in run.Messages)
        {
            switch (message.GetProperty("type").GetString())
            {
                case "RECORD":
                    var recordStream = message.GetProperty("record").GetProperty("stream").GetString()!;
                    Assert.True(status.GetValueOrDefault(recordStream) == "RUNNING", $"a record of {recordStream} outside RUNNING\n{run.Describe()}");
                    pending[recordStream] = pending.GetValueOrDefault(recordStream) + 1;
                    break;
                case "STATE":
                    var state = message.GetProperty("state");
                    Assert.Equal("STREAM", state.GetProperty("type").GetString());
                    var stateStream = state.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString()!;
                    var count = state.GetProperty("sourceStats").GetProperty("recordCount").GetDouble();
                    Assert.True(pending.GetValueOrDefault(stateStream) == count,
                        $"a state of {stateStream} counts {count} records, but {pending.GetValueOrDefault(stateStream)} came since the previous one");
                    var value = state.GetProperty("stream").GetProperty("stream_state").GetRawText();
                    Assert.False(previous.GetValueOrDefault(stateStream) == value, $"{stateStream} repeated its previous state {value}");
                    previous[stateStream] = value;
                    pending[stateStream] = 0;
                    break;
                case "TRACE" when message.GetProperty("trace").GetProperty("type").GetString() == "STREAM_STATUS":
                    var streamStatus = message.GetProperty("trace").GetProperty("stream_status");
                    status[streamStatus.GetProperty("stream_descriptor").GetProperty("name").GetString()!] = streamStatus.GetProperty("status").GetString()!;
                    break;
            }
        }
    }

    /// <summary>A state file holding the given state messages' state objects, as the platform passes them back.</summary>
    public static string StateFile(IEnumerable<JsonElement> states) => TestFiles.Json("state", states.ToArray());

    /// <summary>The last state of each stream.</summary>
    public static IEnumerable<JsonElement> FinalStates(ConnectorRun run) =>
        run.States().GroupBy(s => s.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString()).Select(g => g.Last());

    /// <summary>The id of a record.</summary>
    public static long Id(JsonElement record) => record.GetProperty("data").GetProperty("id").GetInt64();

    /// <summary>True when a line of output is one JSON document (a kill can cut the last line short).</summary>
    public static bool IsJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
