using System;
using System.Text.Json;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>
/// The SIGTERM rule's judgement of an interrupted stream's states: a stream read in cursor order owes a checkpoint at
/// the stop; one whose records came out of cursor order cannot safely checkpoint before its end, so none is owed.
/// </summary>
public sealed class InterruptedStreamStatesTests
{
    private static readonly DiscoveredStream Stream = new("versions", JsonDocument.Parse(
        """{"name":"versions","json_schema":{},"default_cursor_field":["at"]}""").RootElement);

    [Fact]
    public void Records_in_cursor_order_without_a_state_at_the_stop_are_a_problem() =>
        Assert.True(ProblemsOf(Record(1), Record(2), Record(3)).Any);

    [Fact]
    public void Records_out_of_cursor_order_owe_no_state_before_the_end() =>
        Assert.False(ProblemsOf(Record(3), Record(1), Record(2)).Any);

    [Fact]
    public void A_state_at_the_greatest_cursor_read_followed_only_by_records_of_that_value_is_safe() =>
        Assert.False(ProblemsOf(Record(1), Record(2), State(2), Record(2)).Any);

    [Fact]
    public void A_state_beyond_the_greatest_cursor_read_is_a_problem_even_for_records_out_of_order() =>
        Assert.True(ProblemsOf(Record(2), Record(1), State(5)).Any);

    private static RuleProblems ProblemsOf(params string[] lines)
    {
        var run = new ProcessRun("source", ["read"], 143, timedOut: false, TimeSpan.FromSeconds(1), lines, "", stdoutClosedByReader: false);
        var problems = new RuleProblems();
        InterruptedStreamStates.Problems(run, Stream, problems);
        return problems;
    }

    private static string Record(int at) =>
        """{"type":"RECORD","record":{"stream":"versions","data":{"at":""" + at + """},"emitted_at":1}}""";

    private static string State(int at) =>
        """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"versions"},"stream_state":{"at":""" + at + "}}}}";
}
