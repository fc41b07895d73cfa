using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A generated connector with a static [Stream] and a [DiscoverStreams] family, run through the Airbyte host: discover
/// lists the streams its config says it has, read writes each discovered stream's rows, honours the user's cursor and
/// selected fields, checkpoints a state of the stream's own shape, and resumes from it.
/// </summary>
public sealed class DynamicStreamExecutionTests(DynamicStreamExecutionTests.Compiled compiled) : IClassFixture<DynamicStreamExecutionTests.Compiled>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;

        namespace Shelf;

        public sealed record Note(string Text);

        [Connector("source-shelf")]
        public partial class ShelfSource
        {
            [ConfigProperty] public List<string> Tables { get; set; } = ["books"];

            [ConfigProperty] public int Rows { get; set; } = 3;

            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("notes")] public IEnumerable<Note> Notes() => [new Note("hi")];

            [DiscoverStreams(nameof(ReadTable))]
            public IEnumerable<StreamDescription> Discover() => Tables.Select(t => new StreamDescription
            {
                Name = t,
                Namespace = "shelf",
                JsonSchema = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"}}}",
                PrimaryKey = [["id"]],
                CursorCandidates = ["id"],
            });

            public async Task ReadTable(DynamicStreamRequest request, RowWriter rows, CancellationToken cancellationToken)
            {
                long from = 0;
                if (request.State is { } state && (!state.TryGetProperty("last_id", out var last) || !last.TryGetInt64(out from)))
                {
                    throw request.InvalidState(".last_id", "expected the last id read, a whole number");
                }
                for (var id = from + 1; id <= Rows; id++)
                {
                    await Task.Yield();
                    var json = rows.BeginRow();
                    json.WriteStartObject();
                    json.WriteNumber("id", id);
                    if (request.IsSelected("title"))
                    {
                        json.WriteString("title", request.Stream.Name + " " + id);
                    }
                    json.WriteEndObject();
                    rows.EndRow();
                    rows.Checkpoint(id, static (state, lastId) =>
                    {
                        state.WriteStartObject();
                        state.WriteNumber("last_id", lastId);
                        state.WriteEndObject();
                    });
                }
            }
        }
        """;

    /// <summary>The connector, compiled once for the class.</summary>
    public sealed class Compiled : IDisposable
    {
        internal LoadedConnector Loaded { get; } = LoadedConnector.Load(Source, "Shelf.ShelfSource");

        public void Dispose() => Loaded.Dispose();
    }

    private static string Catalog(string stream, string syncMode, string? cursor = null, string properties = "\"id\":{},\"title\":{}")
    {
        var cursorField = cursor is null ? "" : $"\"cursor_field\":[\"{cursor}\"],";
        return "{\"streams\":[{\"stream\":{\"name\":\"" + stream + "\",\"namespace\":\"shelf\",\"json_schema\":{\"properties\":{" + properties + "}}}," +
            "\"sync_mode\":\"" + syncMode + "\"," + cursorField + "\"destination_sync_mode\":\"append\"}]}";
    }

    private async Task<HostResult> RunAsync(string command, string config, string? catalog = null, string? state = null)
    {
        using var files = new TempDirectory();
        var args = new[] { command, "--config", files.Write("config.json", config) };
        if (catalog is not null)
        {
            args = [.. args, "--catalog", files.Write("catalog.json", catalog)];
        }
        if (state is not null)
        {
            args = [.. args, "--state", files.Write("state.json", state)];
        }
        return await compiled.Loaded.RunAsync(args);
    }

    [Fact]
    public async Task Discover_lists_the_static_stream_and_one_per_configured_table()
    {
        var result = await RunAsync("discover", """{"tables":["books","maps"]}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var streams = result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(new[] { "notes", "books", "maps" }, streams.Select(s => s.GetProperty("name").GetString()));
        var books = streams[1];
        Assert.Equal("shelf", books.GetProperty("namespace").GetString());
        Assert.Equal("""["full_refresh","incremental"]""", books.GetProperty("supported_sync_modes").GetRawText());
        Assert.False(books.GetProperty("source_defined_cursor").GetBoolean());
        Assert.Equal("""[["id"]]""", books.GetProperty("source_defined_primary_key").GetRawText());
        Assert.False(books.TryGetProperty("default_cursor_field", out _));
    }

    [Fact]
    public async Task Read_writes_the_rows_of_a_discovered_stream_with_only_the_selected_fields()
    {
        var result = await RunAsync("read", """{"rows":2}""", Catalog("books", "full_refresh", properties: "\"id\":{}"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { """{"id":1}""", """{"id":2}""" }, result.Records("books").Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task An_incremental_read_checkpoints_the_streams_own_state_and_resumes_from_it()
    {
        var first = await RunAsync("read", """{"rows":2}""", Catalog("books", "incremental", cursor: "id"));
        Assert.True(first.ExitCode == 0, first.ToString());
        var states = first.OfType("STATE").Select(s => s.GetProperty("state").GetProperty("stream").GetProperty("stream_state").GetRawText()).ToList();
        Assert.Equal(new[] { """{"last_id":1}""", """{"last_id":2}""" }, states);

        var state = "[" + first.OfType("STATE").Last().GetProperty("state").GetRawText() + "]";
        var second = await RunAsync("read", """{"rows":4}""", Catalog("books", "incremental", cursor: "id"), state);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(new long[] { 3, 4 }, second.Records("books").Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_saved_state_of_another_shape_is_a_config_error_naming_its_path()
    {
        var state = """[{"type":"STREAM","stream":{"stream_descriptor":{"name":"books","namespace":"shelf"},"stream_state":{"page":3}}}]""";

        var result = await RunAsync("read", "{}", Catalog("books", "incremental", cursor: "id"), state);

        Assert.Equal(1, result.ExitCode);
        var error = result.OfType("TRACE").Single(t => t.GetProperty("trace").GetProperty("type").GetString() == "ERROR").GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("The saved state of stream 'shelf.books' is invalid: the state file '", error.GetProperty("message").GetString());
        Assert.EndsWith("at $[0].stream.stream_state.last_id: expected the last id read, a whole number. Reset the stream's state, or pass the state this stream saves.",
            error.GetProperty("message").GetString());
        Assert.Empty(result.Records("books"));
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_candidate_is_a_config_error_for_that_stream()
    {
        var result = await RunAsync("read", "{}", Catalog("books", "incremental", cursor: "title"));

        Assert.Equal(1, result.ExitCode);
        var error = result.OfType("TRACE").Single(t => t.GetProperty("trace").GetProperty("type").GetString() == "ERROR").GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.EndsWith("$.streams[0].cursor_field: [\"title\"] is not a cursor stream 'shelf.books' can read by; its cursor candidates are: id",
            error.GetProperty("message").GetString());
    }
}
