using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// <c>read</c> of streams found at run time (<c>[DiscoverStreams]</c>): the cursor the catalog chooses must be one of the
/// stream's candidates, an incremental read of a stream whose cursor the user chooses needs one, and the read method
/// gets the cursor, primary key, selected fields and saved state the catalog and state file give. A rejected stream is
/// INCOMPLETE with a config_error naming it, and the other streams still run.
/// </summary>
public sealed class DynamicReadTests
{
    private const string Schema = """{"type":"object","properties":{"id":{"type":"integer"},"seq":{"type":"integer"}}}""";

    private static string Configured(string name, string mode, string extra = "", string schema = Schema) =>
        $$"""{"stream":{"name":"{{name}}","namespace":"public","json_schema":{{schema}},"supported_sync_modes":["full_refresh","incremental"]},"sync_mode":"{{mode}}","destination_sync_mode":"append"{{extra}}}""";

    private static string Catalog(params string[] streams) => $$"""{"streams":[{{string.Join(",", streams)}}]}""";

    private static async Task<(HostRun Run, Dictionary<string, DynamicStreamRequest> Requests)> ReadAsync(string catalog, string? state = null,
        params StreamDescription[] streams)
    {
        var requests = new Dictionary<string, DynamicStreamRequest>();
        var descriptor = new ConnectorDescriptor<TestSource>
        {
            Name = TestConnector.Name, Version = TestConnector.Version, ConfigSchema = TestSource.Schema, Create = () => new TestSource(),
            BindConfig = TestSource.Bind,
            DynamicStreams =
            [
                new DynamicStreamSource<TestSource>
                {
                    Name = "Tables",
                    Discover = (_, _) => new ValueTask<IEnumerable<StreamDescription>>(streams),
                    Read = (_, request, _) =>
                    {
                        requests[request.Stream.Name] = request;
                        return default;
                    },
                },
            ],
        };
        using var files = new TempDir();
        var run = await HostRun.ReadAsync(descriptor, files, catalog, state);
        return (run, requests);
    }

    private static StreamDescription Users(params string[] candidates) => new()
    {
        Name = "users", Namespace = "public", JsonSchema = TestConnector.RowSchema, PrimaryKey = [["id"]], CursorCandidates = candidates,
    };

    private static StreamDescription Items() => new() { Name = "items", Namespace = "public", JsonSchema = TestConnector.RowSchema };

    [Fact]
    public async Task An_incremental_read_gets_the_chosen_cursor_the_catalog_s_key_the_selected_fields_and_the_saved_state()
    {
        const string state = """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":"public"},"stream_state":{"seq":5}}}]""";

        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental", ""","cursor_field":["seq"],"primary_key":[["seq"],["id"]]""")),
            state, Users("id", "seq"));

        Assert.True(run.ExitCode == 0, run.Stdout);
        var request = requests["users"];
        Assert.Equal(SyncMode.Incremental, request.SyncMode);
        Assert.Equal("seq", request.Cursor);
        Assert.Equal([["seq"], ["id"]], request.PrimaryKey);
        Assert.Equal(["id", "seq"], request.SelectedFields);
        Assert.Equal("""{"seq":5}""", request.State!.Value.GetRawText());
        Assert.StartsWith("the state file '", request.StateLocation);
        Assert.EndsWith("state.json' at $[0].stream.stream_state", request.StateLocation);
    }

    [Fact]
    public async Task A_full_refresh_gets_no_state_and_without_a_catalog_key_the_stream_s_own_key()
    {
        const string state = """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":"public"},"stream_state":{"seq":5}}}]""";

        var (run, requests) = await ReadAsync(Catalog(Configured("users", "full_refresh")), state, Users("seq"));

        Assert.True(run.ExitCode == 0, run.Stdout);
        var request = requests["users"];
        Assert.Equal(SyncMode.FullRefresh, request.SyncMode);
        Assert.Null(request.State);
        Assert.Null(request.StateLocation);
        Assert.Null(request.Cursor);
        Assert.Equal([["id"]], request.PrimaryKey);
    }

    [Fact]
    public async Task A_legacy_state_keyed_by_the_bare_name_reaches_a_namespaced_stream()
    {
        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental", ""","cursor_field":["seq"]""")),
            """{"users":{"seq":3}}""", Users("seq"));

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal("""{"seq":3}""", requests["users"].State!.Value.GetRawText());
        Assert.EndsWith("state.json' at $.users", requests["users"].StateLocation);
    }

    [Theory]
    [InlineData("""{"type":"object"}""")]
    [InlineData("""{"type":"object","properties":[]}""")]
    [InlineData("true")]
    public async Task A_configured_schema_without_properties_selects_every_field(string schema)
    {
        var (run, requests) = await ReadAsync(Catalog(Configured("users", "full_refresh", schema: schema)), null, Users("seq"));

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Null(requests["users"].SelectedFields);
    }

    [Theory]
    [InlineData("""["name"]""", "[\"name\"]")]
    [InlineData("""["seq","x"]""", "[\"seq\", \"x\"]")]
    public async Task A_cursor_that_is_not_a_candidate_rejects_the_stream_and_the_others_still_run(string cursor, string shown)
    {
        var (run, requests) = await ReadAsync(
            Catalog(Configured("users", "incremental", $",\"cursor_field\":{cursor}"), Configured("items", "full_refresh")), null,
            Users("id", "seq"), Items());

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.EndsWith($"$.streams[0].cursor_field: {shown} is not a cursor stream 'public.users' can read by; its cursor candidates are: id, seq",
            error.GetProperty("message").GetString());
        Assert.Equal("users", error.GetProperty("stream_descriptor").GetProperty("name").GetString());
        Assert.Equal(["INCOMPLETE"], run.Statuses("users"));
        Assert.Equal(["items"], requests.Keys);
    }

    [Fact]
    public async Task A_stream_without_candidates_says_it_has_none()
    {
        var (run, requests) = await ReadAsync(Catalog(Configured("items", "full_refresh", ""","cursor_field":["seq"]""")), null, Items());

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("its cursor candidates are: none", Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Empty(requests);
    }

    [Fact]
    public async Task A_source_defined_cursor_takes_whatever_cursor_the_catalog_names()
    {
        var users = Users("seq");
        var sourceDefined = new StreamDescription
        {
            Name = users.Name, Namespace = users.Namespace, JsonSchema = users.JsonSchema, SourceDefinedCursor = true, DefaultCursor = "seq",
        };

        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental", ""","cursor_field":["name"]""")), null, sourceDefined);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal("name", requests["users"].Cursor);
    }

    [Fact]
    public async Task An_incremental_read_of_a_stream_whose_cursor_the_user_chooses_needs_one()
    {
        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental")), null, Users("seq", "id"));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("$.streams[0].cursor_field: stream 'public.users' is read incrementally by a cursor the user chooses; set cursor_field to one of: seq, id",
            Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Empty(requests);
    }

    [Fact]
    public async Task An_incremental_read_without_a_chosen_cursor_takes_the_default_one()
    {
        var users = Users("seq", "id");
        var withDefault = new StreamDescription
        {
            Name = users.Name, Namespace = users.Namespace, JsonSchema = users.JsonSchema, CursorCandidates = users.CursorCandidates, DefaultCursor = "id",
        };

        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental")), null, withDefault);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Equal("id", requests["users"].Cursor);
    }

    [Fact]
    public async Task A_stream_that_resumes_from_a_state_of_its_own_needs_no_cursor()
    {
        var users = Users("seq");
        var ownState = new StreamDescription
        {
            Name = users.Name, Namespace = users.Namespace, JsonSchema = users.JsonSchema, CursorCandidates = users.CursorCandidates,
            SyncModes = [SyncMode.FullRefresh, SyncMode.Incremental],
        };

        var (run, requests) = await ReadAsync(Catalog(Configured("users", "incremental")), null, ownState);

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Null(requests["users"].Cursor);
        Assert.Equal(SyncMode.Incremental, requests["users"].SyncMode);
    }
}
