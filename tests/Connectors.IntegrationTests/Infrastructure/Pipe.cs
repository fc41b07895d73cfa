using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// Source and destination processes joined the way a platform joins them: the source's stdout flows line by line into
/// the destination's stdin while both run. The test sits on the pipe, so it sees (and may change) every line.
/// </summary>
internal static class Pipe
{
    /// <summary>What went through the pipe: both runs (stdout validated) and the lines the destination received.</summary>
    public sealed record Sync(ConnectorRun Source, ConnectorRun Destination, IReadOnlyList<string> Input);

    /// <summary>Runs <c>source read … | destination write …</c>, passing every source line through <paramref name="change"/> (null drops it).</summary>
    public static async Task<Sync> RunAsync(Connector source, IReadOnlyList<string> readArgs, Connector destination, IReadOnlyList<string> writeArgs,
        Func<string, string?>? change = null)
    {
        await using var writer = await destination.StartAsync(writeArgs, keepStdin: true);
        await using var reader = await source.StartAsync(readArgs, pumpStdout: false);
        var input = new List<string>();
        await reader.ReadLinesAsync(async line =>
        {
            if ((change is null ? line : change(line)) is { } changed)
            {
                input.Add(changed);
                await writer.Stdin.WriteLineAsync(changed);
            }
        });
        writer.Stdin.Close();
        var sourceRun = await reader.WaitForExitAsync();
        return new Sync(sourceRun, await writer.WaitForExitAsync(), input);
    }

    /// <summary>Runs <c>destination write …</c> with the given input lines on stdin.</summary>
    public static async Task<ConnectorRun> WriteAsync(Connector destination, IReadOnlyList<string> writeArgs, IEnumerable<string> input)
    {
        await using var writer = await destination.StartAsync(writeArgs, keepStdin: true);
        foreach (var line in input)
        {
            await writer.Stdin.WriteLineAsync(line);
        }
        writer.Stdin.Close();
        return await writer.WaitForExitAsync();
    }

    /// <summary>Adds the platform's <c>id</c> to every STATE message (the n-th state gets n), as the first property of its state object.</summary>
    public static Func<string, string> NumberStates()
    {
        var states = 0;
        return line => IsState(line) ? line.Replace("\"state\":{", $"\"state\":{{\"id\":{++states},") : line;
    }

    /// <summary>A STREAM_STATUS trace line, as a source writes it.</summary>
    public static string Status(string stream, string status) =>
        "{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\",\"emitted_at\":1,\"stream_status\":{\"stream_descriptor\":{\"name\":\"" + stream
        + "\"},\"status\":\"" + status + "\"}}}";

    /// <summary>True for a STREAM_STATUS trace line.</summary>
    public static bool IsStatus(string line) => line.StartsWith("{\"type\":\"TRACE\",\"trace\":{\"type\":\"STREAM_STATUS\"", StringComparison.Ordinal);

    /// <summary>True for a STATE message line.</summary>
    public static bool IsState(string line) => line.StartsWith("{\"type\":\"STATE\"", StringComparison.Ordinal);

    /// <summary>True for a RECORD message line.</summary>
    public static bool IsRecord(string line) => line.StartsWith("{\"type\":\"RECORD\"", StringComparison.Ordinal);

    /// <summary>The stream a STREAM state (or a RECORD) line is about.</summary>
    public static string StreamOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return IsRecord(line)
            ? root.GetProperty("record").GetProperty("stream").GetString()!
            : root.GetProperty("state").GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString()!;
    }

    /// <summary>
    /// The echoed states must be the input's states, in order, byte for byte but for the destinationStats the destination
    /// adds, whose recordCount is the number of the stream's records between the stream's previous state and this one.
    /// </summary>
    public static void AssertStatesEchoed(IReadOnlyList<string> input, ConnectorRun destination, int? expectedCount = null)
    {
        var expected = new List<(string Line, long Count)>();
        var pending = new Dictionary<string, long>();
        foreach (var line in input)
        {
            if (IsRecord(line))
            {
                var stream = StreamOf(line);
                pending[stream] = pending.GetValueOrDefault(stream) + 1;
            }
            else if (IsState(line))
            {
                var stream = StreamOf(line);
                expected.Add((line, pending.GetValueOrDefault(stream)));
                pending[stream] = 0;
            }
        }
        var echoed = destination.Lines.Where(IsState).ToList();
        Xunit.Assert.True(echoed.Count == (expectedCount ?? expected.Count),
            $"{echoed.Count} states echoed, {expectedCount ?? expected.Count} expected\n{destination.Describe()}");
        for (var i = 0; i < echoed.Count; i++)
        {
            var stats = $",\"destinationStats\":{{\"recordCount\":{expected[i].Count}}}}}}}";
            Xunit.Assert.True(echoed[i] == expected[i].Line[..^2] + stats,
                $"echoed state {i + 1} differs from its input (or counts wrong):\n  input: {expected[i].Line}\n  echo:  {echoed[i]}\n  expected count {expected[i].Count}");
        }
    }

    /// <summary>The record objects of one stream that come before the input's <paramref name="states"/>-th state line (those it covers).</summary>
    public static IReadOnlyList<JsonElement> RecordsBefore(IReadOnlyList<string> input, int states, string stream)
    {
        var records = new List<JsonElement>();
        var seen = 0;
        foreach (var line in input)
        {
            if (IsState(line) && ++seen == states)
            {
                break;
            }
            if (IsRecord(line) && StreamOf(line) == stream)
            {
                records.Add(JsonSerializer.Deserialize<JsonElement>(line).GetProperty("record"));
            }
        }
        return records;
    }
}
