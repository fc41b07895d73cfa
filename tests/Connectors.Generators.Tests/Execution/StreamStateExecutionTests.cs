using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Generation;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A generated connector whose [Stream] method keeps a page token (<c>StreamState&lt;PageState&gt;</c>), run through the
/// Airbyte host: the runtime emits each checkpoint before the next record (never ahead of records it does not cover),
/// resumes from the saved state, keeps the last checkpoint of a failed read, and refuses a saved state of another shape
/// with a config error naming its JSON path.
/// </summary>
public sealed class StreamStateExecutionTests(StreamStateExecutionTests.Compiled compiled) : IClassFixture<StreamStateExecutionTests.Compiled>
{
    /// <summary>The connector, compiled once for the class.</summary>
    public sealed class Compiled : System.IDisposable
    {
        internal LoadedConnector Loaded { get; } = LoadedConnector.Load(StreamStateSources.Pages, "Paging.PagesSource");

        public void Dispose() => Loaded.Dispose();
    }

    private static string Catalog(string syncMode) =>
        "{\"streams\":[{\"stream\":{\"name\":\"issues\",\"json_schema\":{}},\"sync_mode\":\"" + syncMode + "\",\"destination_sync_mode\":\"append\"}]}";

    private static string State(string streamState) =>
        "[{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"issues\"},\"stream_state\":" + streamState + "}}]";

    private async Task<HostResult> ReadAsync(string config, string syncMode = "incremental", string? state = null)
    {
        using var files = new TempDirectory();
        var args = new[] { "read", "--config", files.Write("config.json", config), "--catalog", files.Write("catalog.json", Catalog(syncMode)) };
        if (state is not null)
        {
            args = [.. args, "--state", files.Write("state.json", state)];
        }
        return await compiled.Loaded.RunAsync(args);
    }

    /// <summary>RECORD ids and STATE stream_states, in output order: a state must follow the records it covers.</summary>
    private static string[] Timeline(HostResult result) => result.Messages
        .Where(m => m.GetProperty("type").GetString() is "RECORD" or "STATE")
        .Select(m => m.GetProperty("type").GetString() == "RECORD"
            ? m.GetProperty("record").GetProperty("data").GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : m.GetProperty("state").GetProperty("stream").GetProperty("stream_state").GetRawText())
        .ToArray();

    [Fact]
    public async Task Discover_offers_incremental_for_a_stream_with_its_own_state()
    {
        using var files = new TempDirectory();
        var result = await compiled.Loaded.RunAsync("discover", "--config", files.Write("config.json", "{}"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var stream = result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray().Single();
        Assert.Equal("""["full_refresh","incremental"]""", stream.GetProperty("supported_sync_modes").GetRawText());
        Assert.False(stream.GetProperty("source_defined_cursor").GetBoolean());
    }

    [Fact]
    public async Task Each_checkpoint_follows_the_records_it_covers_and_the_last_is_final()
    {
        var result = await ReadAsync("""{"pages":3}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { "11", "12", """{"next_page":2}""", "21", "22", """{"next_page":3}""", "31", "32", """{"next_page":4}""" },
            Timeline(result));
    }

    [Fact]
    public async Task An_incremental_read_resumes_from_the_saved_state()
    {
        var result = await ReadAsync("""{"pages":3}""", state: State("""{"next_page":3}"""));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { "31", "32", """{"next_page":4}""" }, Timeline(result));
    }

    [Fact]
    public async Task A_read_with_nothing_new_ends_at_the_state_it_started_from()
    {
        var result = await ReadAsync("""{"pages":3}""", state: State("""{"next_page":4}"""));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { """{"next_page":4}""" }, Timeline(result));
    }

    [Fact]
    public async Task An_empty_saved_state_reads_from_the_start()
    {
        var result = await ReadAsync("""{"pages":1}""", state: State("{}"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { "11", "12", """{"next_page":2}""" }, Timeline(result));
    }

    [Fact]
    public async Task A_full_refresh_ignores_the_saved_state()
    {
        var result = await ReadAsync("""{"pages":1}""", syncMode: "full_refresh", state: State("""{"next_page":9}"""));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { "11", "12", """{"next_page":2}""" }, Timeline(result));
    }

    [Fact]
    public async Task A_failed_read_keeps_its_last_checkpoint_and_adds_none_for_records_after_it()
    {
        var result = await ReadAsync("""{"pages":3,"fail_after":2}""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new[] { "11", "12", """{"next_page":2}""", "21", "22" }, Timeline(result));
    }

    [Theory]
    [InlineData("""{"page":3}""", "$[0].stream.stream_state.page: not part of the state this stream saves (PageState: next_page)")]
    [InlineData("""{"next_page":"three"}""", "$[0].stream.stream_state.next_page: The JSON value could not be converted to System.Int32")]
    [InlineData("""{"next_page":3,"partition":"a"}""", "$[0].stream.stream_state.partition: not part of the state this stream saves (PageState: next_page)")]
    [InlineData("[3]", "$[0].stream.stream_state: expected an object")]
    public async Task A_saved_state_of_another_shape_is_a_config_error_naming_its_path(string saved, string problem)
    {
        var result = await ReadAsync("{}", state: State(saved));

        Assert.Equal(1, result.ExitCode);
        var error = result.OfType("TRACE").Single(t => t.GetProperty("trace").GetProperty("type").GetString() == "ERROR").GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString());
        Assert.Empty(result.Records("issues"));
    }
}
