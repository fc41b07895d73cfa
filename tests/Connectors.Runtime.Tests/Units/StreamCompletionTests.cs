using System.Linq;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// Which streams a destination may finalize: only those whose COMPLETE arrived (or, opted in, every stream of an input
/// without statuses and errors); every other stream is unfinished, with the reason its hook and the log get.
/// </summary>
public sealed class StreamCompletionTests
{
    private static readonly StreamKey Users = new("users", null);
    private static readonly StreamKey Orders = new("orders", "shop");

    private static StreamCompletion Tracker() => new([Users, Orders]);

    [Fact]
    public void Only_the_COMPLETE_status_finalizes_and_only_once()
    {
        var completion = Tracker();

        Assert.False(completion.OnStatus(Users, StreamStatus.Started, out _));
        Assert.False(completion.OnStatus(Users, StreamStatus.Running, out _));
        Assert.True(completion.OnStatus(Users, StreamStatus.Complete, out var note));
        Assert.Null(note);
        Assert.False(completion.OnStatus(Users, StreamStatus.Complete, out _));
        Assert.True(completion.IsComplete(Users));
        Assert.False(completion.IsComplete(Orders));
    }

    [Fact]
    public void End_of_input_leaves_every_stream_without_COMPLETE_unfinished_with_its_reason()
    {
        var completion = Tracker();
        completion.OnStatus(Users, StreamStatus.Started, out _);

        var (finalize, unfinished) = completion.AtEndOfInput(completeWithoutStatus: false);

        Assert.Empty(finalize);
        Assert.Equal([(Users, StreamIncompleteReason.InputEndedEarly), (Orders, StreamIncompleteReason.InputEndedEarly)],
            unfinished.Select(u => (u.Stream, u.Reason)));
        Assert.Contains("after its STARTED status, before its COMPLETE status", unfinished[0].Why);
        Assert.Contains("without any status of it", unfinished[1].Why);
    }

    [Fact]
    public void INCOMPLETE_and_a_stream_s_error_leave_it_unfinished_and_a_later_COMPLETE_is_ignored()
    {
        var completion = Tracker();
        completion.OnStatus(Users, StreamStatus.Incomplete, out _);
        completion.OnSourceError(Users, "boom");
        completion.OnSourceError(Orders, "no access");

        Assert.False(completion.OnStatus(Users, StreamStatus.Complete, out var usersNote));
        Assert.False(completion.OnStatus(Orders, StreamStatus.Complete, out var ordersNote));
        var unfinished = completion.AtEndOfInput(completeWithoutStatus: false).Unfinished;

        Assert.Contains("already reported it INCOMPLETE", usersNote);
        Assert.Contains("already reported it failed", ordersNote);
        Assert.Equal([(Users, StreamIncompleteReason.SourceReportedIncomplete), (Orders, StreamIncompleteReason.SourceFailed)],
            unfinished.Select(u => (u.Stream, u.Reason)));
        Assert.Equal("the source reported it INCOMPLETE (its error: 'boom')", unfinished[0].Why);
        Assert.Equal("the source reported an error for it: 'no access'", unfinished[1].Why);
    }

    [Fact]
    public void A_sync_wide_error_marks_streams_without_a_status_as_failed_but_not_completed_ones()
    {
        var completion = Tracker();
        Assert.True(completion.OnStatus(Users, StreamStatus.Complete, out _));
        completion.OnSourceError(null, "the sync failed");
        completion.OnSourceError(new StreamKey("elsewhere", null), "not a configured stream");

        var unfinished = completion.AtEndOfInput(completeWithoutStatus: true).Unfinished;

        var orders = Assert.Single(unfinished);
        Assert.Equal((Orders, StreamIncompleteReason.SourceFailed), (orders.Stream, orders.Reason));
        Assert.Equal("the source reported an error: 'the sync failed'", orders.Why);
    }

    [Fact]
    public void An_INCOMPLETE_after_COMPLETE_cannot_undo_the_finalization_and_says_so()
    {
        var completion = Tracker();
        completion.OnStatus(Users, StreamStatus.Complete, out _);

        completion.OnStatus(Users, StreamStatus.Incomplete, out var note);

        Assert.True(completion.IsComplete(Users));
        Assert.Contains("after its COMPLETE status", note);
    }

    [Fact]
    public void Statuses_of_streams_not_in_the_catalog_or_without_a_known_status_are_noted_and_ignored()
    {
        var completion = Tracker();

        Assert.False(completion.OnStatus(new StreamKey("users", "other"), StreamStatus.Complete, out var unknown));
        Assert.False(completion.OnStatus(Users, null, out var invalid));

        Assert.Contains("'other.users', which is not in the catalog", unknown);
        Assert.Contains("without a status the protocol defines", invalid);
        Assert.False(completion.IsComplete(Users));
    }

    [Fact]
    public void Opting_in_finalizes_every_stream_of_an_input_without_statuses_and_errors()
    {
        var (finalize, unfinished) = Tracker().AtEndOfInput(completeWithoutStatus: true);

        Assert.Equal([Users, Orders], finalize);
        Assert.Empty(unfinished);
    }

    [Fact]
    public void Opting_in_does_nothing_once_the_input_carries_a_status_or_an_error()
    {
        var withStatus = Tracker();
        // The source speaks statuses but never reached 'orders': finalizing it would replace its data with nothing.
        withStatus.OnStatus(Users, StreamStatus.Complete, out _);
        var withError = Tracker();
        withError.OnSourceError(null, "failed");

        Assert.Equal([Orders], withStatus.AtEndOfInput(completeWithoutStatus: true).Unfinished.Select(u => u.Stream));
        Assert.Empty(withStatus.AtEndOfInput(completeWithoutStatus: true).Finalize);
        Assert.Equal(2, withError.AtEndOfInput(completeWithoutStatus: true).Unfinished.Count);
        Assert.Contains("sent no stream statuses at all", Tracker().AtEndOfInput(completeWithoutStatus: false).Unfinished[0].Why);
    }

    [Fact]
    public void After_a_failure_streams_keep_the_source_s_reason_and_the_others_get_the_failure()
    {
        var completion = Tracker();
        completion.OnStatus(Users, StreamStatus.Incomplete, out _);

        var unfinished = completion.AfterFailure(StreamIncompleteReason.Stopped);

        Assert.Equal([(Users, StreamIncompleteReason.SourceReportedIncomplete), (Orders, StreamIncompleteReason.Stopped)],
            unfinished.Select(u => (u.Stream, u.Reason)));
        Assert.Equal("the process was asked to stop", unfinished[1].Why);
    }

    [Fact]
    public void A_long_source_error_is_shortened_for_the_log()
    {
        var completion = Tracker();
        completion.OnSourceError(Users, new string('x', 2000));

        var why = completion.AtEndOfInput(completeWithoutStatus: false).Unfinished[0].Why;

        Assert.True(why.Length < 600, why);
        Assert.EndsWith("…'", why);
    }
}
