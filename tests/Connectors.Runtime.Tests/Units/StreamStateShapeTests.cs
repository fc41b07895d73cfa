using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The typed state of a <c>[Stream]</c> method, read back from a saved state and written at a checkpoint: a saved state
/// of another shape is refused with its path and the members the stream does save, <c>{}</c> is no state, and a state
/// must serialize to a JSON object.
/// </summary>
public sealed class StreamStateShapeTests
{
    private static StreamStateShape<T> Shape<T>(JsonSerializerContext context) =>
        new(context.GetTypeInfo(typeof(T)), context.GetType().Name);

    private static (bool Ok, object? Value, string Path, string? Problem) Read<T>(string saved, JsonSerializerContext? context = null)
    {
        using var document = JsonDocument.Parse(saved);
        var ok = Shape<T>(context ?? ShapeStates.Default).TryRead(document.RootElement, out var value, out var path, out var problem);
        return (ok, value, path, problem);
    }

    [Fact]
    public void A_context_that_does_not_know_the_state_type_is_refused_saying_what_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StreamStateShape<PageState>(ShapeStates.Default.GetTypeInfo(typeof(NoState)), "PagesJson"));

        Assert.Equal("The state context 'PagesJson' does not serialize the stream state type 'PageState': add [JsonSerializable(typeof(PageState))] to it.", error.Message);
        Assert.Throws<InvalidOperationException>(() => new StreamStateShape<PageState>(null, "PagesJson"));
        Assert.Equal("PageState", Shape<PageState>(ShapeStates.Default).TypeName);
    }

    [Fact]
    public void A_saved_state_of_the_stream_s_shape_is_read_back()
    {
        var (ok, value, path, problem) = Read<PageState>("""{"page":"p2","n":3}""");

        Assert.True(ok);
        var state = Assert.IsType<PageState>(value);
        Assert.Equal(("p2", 3), (state.Page, state.N));
        Assert.Equal("", path);
        Assert.Null(problem);
    }

    [Fact]
    public void An_empty_saved_object_is_no_state_and_anything_but_an_object_is_refused()
    {
        Assert.Equal((true, (object?)null, "", (string?)null), Read<PageState>("{}"));
        Assert.Equal((false, (object?)null, "", "expected an object"), Read<PageState>("[]"));
        Assert.Equal((false, (object?)null, "", "expected an object"), Read<PageState>("null"));
    }

    [Fact]
    public void A_property_the_state_type_lacks_is_refused_with_its_path_and_the_members_it_has()
    {
        Assert.Equal((false, (object?)null, ".seq", "not part of the state this stream saves (PageState: page, n)"), Read<PageState>("""{"page":"p2","seq":3}"""));
        Assert.Equal((false, (object?)null, "['next page']", "not part of the state this stream saves (PageState: page, n)"), Read<PageState>("""{"next page":1}"""));
        Assert.Equal((false, (object?)null, ".page", "not part of the state this stream saves (NoState: no members)"), Read<NoState>("""{"page":1}"""));
    }

    [Fact]
    public void Property_names_match_as_the_context_says()
    {
        Assert.Equal(".PAGE", Read<PageState>("""{"PAGE":"p2"}""").Path);

        var (ok, value, _, _) = Read<PageState>("""{"PAGE":"p2"}""", CaseInsensitiveStates.Default);
        Assert.True(ok);
        Assert.Equal("p2", Assert.IsType<PageState>(value).Page);
    }

    [Fact]
    public void A_state_type_that_keeps_extra_properties_or_is_a_dictionary_takes_any_name()
    {
        var (ok, value, _, problem) = Read<OpenState>("""{"seq":4,"partition":"a"}""");
        Assert.True(ok, problem);
        var open = Assert.IsType<OpenState>(value);
        Assert.Equal(4, open.Seq);
        Assert.Equal("a", open.Rest!["partition"].GetString());

        (ok, value, _, problem) = Read<Dictionary<string, long>>("""{"a":1,"b":2}""");
        Assert.True(ok, problem);
        Assert.Equal(2, Assert.IsType<Dictionary<string, long>>(value)["b"]);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_path_and_a_message_without_the_json_position()
    {
        var (ok, value, path, problem) = Read<PageState>("""{"page":"p2","n":"three"}""");

        Assert.False(ok);
        Assert.Null(value);
        Assert.Equal(".n", path);
        Assert.StartsWith("The JSON value could not be converted to ", problem);
        Assert.DoesNotContain("Path:", problem);
        Assert.DoesNotContain("LineNumber", problem);
        Assert.False(problem!.EndsWith('.'));
    }

    [Fact]
    public void A_missing_required_member_is_a_problem_of_the_state_object_itself()
    {
        var (ok, _, path, problem) = Read<RequiredState>("""{"page":2}""");

        Assert.False(ok);
        Assert.Equal("", path);
        Assert.Contains("'token'", problem);
    }

    [Fact]
    public void The_plain_message_drops_only_the_json_position_and_the_final_period()
    {
        Assert.Equal("The value is wrong", StreamStateShape.PlainMessage(new JsonException("The value is wrong. Path: $.n | LineNumber: 0 | BytePositionInLine: 9.")));
        Assert.Equal("No position here", StreamStateShape.PlainMessage(new JsonException("No position here.")));
    }

    [Fact]
    public void A_state_serializes_to_its_own_json_object_each_time()
    {
        var shape = Shape<PageState>(ShapeStates.Default);

        Assert.Equal("""{"page":"p1","n":1}""", Encoding.UTF8.GetString(shape.Serialize(new PageState { Page = "p1", N = 1 })));
        Assert.Equal("""{"page":"p2","n":2}""", Encoding.UTF8.GetString(shape.Serialize(new PageState { Page = "p2", N = 2 })));
    }

    [Fact]
    public void A_state_that_is_not_a_json_object_cannot_be_checkpointed()
    {
        var shape = Shape<long>(ShapeStates.Default);

        var error = Assert.Throws<InvalidOperationException>(() => shape.Serialize(5));

        Assert.Equal("A stream state must serialize to a JSON object; Int64 does not.", error.Message);
    }
}

internal sealed class PageState
{
    [JsonPropertyName("page")]
    public string? Page { get; init; }

    [JsonPropertyName("n")]
    public int N { get; init; }
}

internal sealed class RequiredState
{
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("page")]
    public int Page { get; init; }
}

internal sealed class OpenState
{
    [JsonPropertyName("seq")]
    public long Seq { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; set; }
}

internal sealed class NoState;

[JsonSerializable(typeof(PageState))]
[JsonSerializable(typeof(RequiredState))]
[JsonSerializable(typeof(OpenState))]
[JsonSerializable(typeof(NoState))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(long))]
internal sealed partial class ShapeStates : JsonSerializerContext;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PageState))]
internal sealed partial class CaseInsensitiveStates : JsonSerializerContext;
