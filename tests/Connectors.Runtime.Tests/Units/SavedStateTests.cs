using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Json;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class SavedStateTests
{
    private static SavedState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SavedState.Parse(document.RootElement, "state.json");
    }

    private static string? StateOf(SavedState state, string name, string? ns = null)
    {
        Assert.True(state.TryGet(new StreamKey(name, ns), out var saved), $"no state for {name}");
        return saved.Value?.GetRawText();
    }

    [Fact]
    public void Reads_STREAM_states_with_namespaces_and_paths()
    {
        var state = Parse("""
            [
              {"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":1}}},
              {"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":"crm"},"stream_state":{"seq":2}}}
            ]
            """);

        Assert.Equal("{\"seq\":1}", StateOf(state, "users"));
        Assert.Equal("{\"seq\":2}", StateOf(state, "users", "crm"));
        Assert.True(state.TryGet(new StreamKey("users", "crm"), out var saved));
        Assert.Equal("$[1].stream.stream_state", saved.JsonPath);
        Assert.Equal(2, state.Streams.Count);
        Assert.Equal("state.json", state.File);
    }

    [Fact]
    public void Reads_the_stream_states_of_a_GLOBAL_state()
    {
        var state = Parse("""[{"type":"GLOBAL","global":{"shared_state":{"lsn":9},"stream_states":[{"stream_descriptor":{"name":"a"},"stream_state":{"x":1}},{"stream_descriptor":{"name":"b"},"stream_state":null}]}}]""");

        Assert.Equal("{\"x\":1}", StateOf(state, "a"));
        Assert.Null(StateOf(state, "b"));
        Assert.True(state.TryGet(new StreamKey("a", null), out var saved));
        Assert.Equal("$[0].global.stream_states[0].stream_state", saved.JsonPath);
    }

    [Fact]
    public void Reads_legacy_objects_and_LEGACY_messages()
    {
        var legacy = Parse("""{"users":{"seq":3},"orders":null}""");
        Assert.Equal("{\"seq\":3}", StateOf(legacy, "users"));
        Assert.Null(StateOf(legacy, "orders"));

        var message = Parse("""[{"type":"LEGACY","data":{"users":{"seq":4}}}]""");
        Assert.Equal("{\"seq\":4}", StateOf(message, "users"));
        Assert.True(message.TryGet(new StreamKey("users", null), out var saved));
        Assert.Equal("$[0].data.users", saved.JsonPath);

        var untyped = Parse("""[{"data":{"users":{"seq":5}}}]""");
        Assert.Equal("{\"seq\":5}", StateOf(untyped, "users"));
    }

    [Fact]
    public void Reads_a_single_message_and_messages_wrapped_in_an_AirbyteMessage()
    {
        Assert.Equal("{\"seq\":6}", StateOf(Parse("""{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":6}}}"""), "users"));
        Assert.Equal("{\"seq\":7}", StateOf(Parse("""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":7}}}}"""), "users"));
        Assert.Equal("{\"seq\":8}", StateOf(Parse("""[{"stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":8}}}]"""), "users"));
    }

    [Fact]
    public void A_later_state_of_the_same_stream_wins()
    {
        var state = Parse("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":1}}},{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"seq":2}}}]""");

        Assert.Equal("{\"seq\":2}", StateOf(state, "users"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Empty_documents_are_no_state(string json) => Assert.Empty(Parse(json).Streams);

    [Theory]
    [InlineData("\"x\"", "$: expected an array of state messages or a legacy state object, got a string")]
    [InlineData("[[]]", "$[0]: expected an object, got an array")]
    [InlineData("""[{"type":"GLOBAL"}]""", "$[0].global: required")]
    [InlineData("""[{"type":"STREAM","stream":{"stream_descriptor":{"name":"a"},"stream_state":[1]}}]""", "$[0].stream.stream_state: expected an object, got an array")]
    [InlineData("""[{"type":"STREAM","stream":"users"}]""", "$[0].stream: expected an object, got a string")]
    [InlineData("""[{"type":"STATE"}]""", "$[0].type: expected \"STREAM\", \"GLOBAL\" or \"LEGACY\", got \"STATE\"")]
    [InlineData("""{"users":5}""", "$.users: expected an object, got a number")]
    [InlineData("""{"users with space":5}""", "$['users with space']: expected an object, got a number")]
    public void Rejects_wrong_shapes_with_the_file_and_path(string json, string problem)
    {
        var thrown = Assert.Throws<InputException>(() => Parse(json));

        Assert.Equal("The state file 'state.json' is invalid: " + problem, thrown.Message);
    }

    [Fact]
    public void Load_treats_an_empty_file_as_no_state_and_names_a_missing_or_broken_one()
    {
        using var files = new TempDir();

        Assert.Empty(SavedState.Load(files.Write("empty.json", "")).Streams);
        var missing = files.Missing("missing.json");
        Assert.Equal($"The state file '{missing}' does not exist.", Assert.Throws<InputException>(() => SavedState.Load(missing)).Message);
        var broken = files.Write("broken.json", "[{]");
        Assert.StartsWith($"The state file '{broken}' is not valid JSON: ", Assert.Throws<InputException>(() => SavedState.Load(broken)).Message);
        Assert.Empty(SavedState.Empty.Streams);
    }
}
