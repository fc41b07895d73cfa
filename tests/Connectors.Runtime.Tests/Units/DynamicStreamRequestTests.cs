using System.Text.Json;
using Connectors.Runtime.Tests.Seam;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// What a discovered stream's read method is handed: the saved state only in an incremental read, the user's field
/// selection, and a saved state that does not fit as a config error saying where and what to do.
/// </summary>
public sealed class DynamicStreamRequestTests
{
    private static readonly StreamDescription Users = new() { Name = "users", JsonSchema = """{"type":"object"}""", CursorCandidates = ["seq"] };

    [Fact]
    public void A_full_refresh_does_not_see_the_saved_state()
    {
        using var saved = JsonDocument.Parse("""{"seq":5}""");

        var request = new DynamicStreamRequest(Users, new StreamReadOptions { SyncMode = SyncMode.FullRefresh, State = saved.RootElement });

        Assert.Null(request.State);
        Assert.Null(request.ReadState(TestStates.Default.SeqState));
    }

    [Fact]
    public void Without_a_selection_every_field_is_selected()
    {
        var request = new DynamicStreamRequest(Users, new StreamReadOptions());

        Assert.True(request.IsSelected("id"));
        Assert.True(request.IsSelected("anything"));
    }

    [Fact]
    public void An_invalid_state_without_a_location_is_placed_at_the_state_root_and_says_what_to_do()
    {
        var request = new DynamicStreamRequest(Users, new StreamReadOptions { SyncMode = SyncMode.Incremental });

        Assert.Equal("The saved state of stream 'users' is invalid: $.seq: expected a number. Reset the stream's state, or pass the state this stream saves.",
            request.InvalidState(".seq", "expected a number").Message);
    }

    [Fact]
    public void A_state_missing_a_required_member_is_a_problem_of_the_state_object_itself()
    {
        using var saved = JsonDocument.Parse("""{"other":1}""");
        var request = new DynamicStreamRequest(Users, new StreamReadOptions { SyncMode = SyncMode.Incremental, State = saved.RootElement });

        var error = Assert.Throws<ConfigException>(() => request.ReadState(TestStates.Default.SeqState));

        Assert.StartsWith("The saved state of stream 'users' is invalid: $: ", error.Message);
        Assert.Contains("'seq'", error.Message);
    }
}
