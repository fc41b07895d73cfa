using System;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// What a failed write tells the user and the platform: the line and stream of a rejected input line, and for streams
/// that did not complete, which ones, why, what to do, and whether a retry may help (the TRACE ERROR's failure type).
/// </summary>
public sealed class WriteFailuresTests
{
    private static readonly StreamKey A = new("a", null);
    private static readonly StreamKey B = new("b", "ns");
    private const string NotFinalized = "They were not finalized: their previous data stays in place, and a retry resumes from the last states echoed.";

    [Fact]
    public void A_rejected_input_line_names_its_line_and_its_stream()
    {
        var error = new InputLineException(7, "a RECORD of stream 'a' after the stream's COMPLETE status.", A);

        Assert.Equal("Line 7 of the input: a RECORD of stream 'a' after the stream's COMPLETE status.", error.Message);
        Assert.Equal(A, error.Stream);
    }

    [Fact]
    public void Streams_without_a_status_after_some_statuses_are_a_transient_error_the_source_most_likely_failed()
    {
        var error = new IncompleteStreamsException([new UnfinishedStream(A, StreamIncompleteReason.InputEndedEarly, "x"),
            new UnfinishedStream(B, StreamIncompleteReason.InputEndedEarly, "y")], sawStatuses: true);

        Assert.Equal("The input ended before these streams got a terminal status (COMPLETE or INCOMPLETE): a, ns.b; the source most likely failed or was stopped. "
            + NotFinalized, error.Message);
        Assert.Equal(FailureType.TransientError, error.FailureType);
    }

    [Fact]
    public void Streams_without_a_status_when_the_source_sent_none_point_to_the_option()
    {
        var error = new IncompleteStreamsException([new UnfinishedStream(A, StreamIncompleteReason.InputEndedEarly, "x")], sawStatuses: false);

        Assert.Equal("The input ended before these streams got a terminal status (COMPLETE or INCOMPLETE): a; the source sent no stream statuses at all "
            + "(for a source that never does, run write with --streams-without-status complete). " + NotFinalized, error.Message);
    }

    [Fact]
    public void Streams_the_source_reported_incomplete_are_a_system_error_listed_with_their_reasons()
    {
        var error = new IncompleteStreamsException([new UnfinishedStream(A, StreamIncompleteReason.SourceReportedIncomplete, "the source reported INCOMPLETE"),
            new UnfinishedStream(B, StreamIncompleteReason.SourceFailed, "the source failed: boom")], sawStatuses: true);

        Assert.Equal("These streams did not complete: a (the source reported INCOMPLETE); ns.b (the source failed: boom). " + NotFinalized, error.Message);
        Assert.Equal(FailureType.SystemError, error.FailureType);
    }

    [Fact]
    public void One_stream_without_a_status_among_incomplete_ones_makes_the_failure_transient_and_both_are_listed()
    {
        var error = new IncompleteStreamsException([new UnfinishedStream(B, StreamIncompleteReason.SourceReportedIncomplete, "why"),
            new UnfinishedStream(A, StreamIncompleteReason.InputEndedEarly, "x")], sawStatuses: true);

        Assert.Equal("The input ended before these streams got a terminal status (COMPLETE or INCOMPLETE): a; the source most likely failed or was stopped. "
            + "These streams did not complete: ns.b (why). " + NotFinalized, error.Message);
        Assert.Equal(FailureType.TransientError, error.FailureType);
    }

    [Fact]
    public void A_failure_of_the_destinations_code_carries_its_message_and_stream()
    {
        var inner = new InvalidOperationException("disk full");
        var error = new DestinationCodeException("writing stream 'a'", A, inner);

        Assert.Equal("The destination failed writing stream 'a': disk full", error.Message);
        Assert.Same(inner, error.InnerException);
        Assert.Equal(A, error.Stream);
    }
}
