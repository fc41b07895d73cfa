using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// A [Stream] method's state of its own: CONN0064 (no serializer for the state), CONN0065 (state beside a cursor, twice, or a
/// StateContext without a state), CONN0066 (the method is not an iterator).
/// </summary>
public sealed class StreamStateDiagnosticTests
{
    // The System.Text.Json source generator does not run under the test kit: the context is written out by hand.
    private const string Types = """
        public sealed class PageState { public int NextPage { get; init; } }

        [System.Text.Json.Serialization.JsonSerializable(typeof(PageState))]
        public sealed class PagesJson : System.Text.Json.Serialization.JsonSerializerContext
        {
            public PagesJson() : base(null) { }
            public static PagesJson Default { get; } = new();
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        [System.Text.Json.Serialization.JsonSerializable(typeof(Item))]
        public sealed class ItemsJson : System.Text.Json.Serialization.JsonSerializerContext
        {
            public ItemsJson() : base(null) { }
            public static ItemsJson Default { get; } = new();
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        public sealed class NotAContext { }

        """;

    private const string State = "Connectors.Runtime.StreamState<PageState>";

    private const string Body = "{ yield return new Item(1, DateTimeOffset.UnixEpoch, \"a\"); state.Checkpoint(new PageState { NextPage = 2 }); }";

    private static string Source(string stream) => Connector(Check + "\n    " + stream, Types);

    [Theory]
    [InlineData("public IEnumerable<Item> Items(" + State + " state, CancellationToken cancellationToken) " + Body)]
    [InlineData("public static async IAsyncEnumerable<Item> Items(ILogger logger, " + State + " state) { await Task.Yield(); yield return new Item(1, DateTimeOffset.UnixEpoch, \"a\"); state.Checkpoint(new PageState()); }")]
    public async Task CONN0066_fixed(string method) =>
        await VerifyCleanAsync(Source("[Stream(\"items\", StateContext = typeof(PagesJson))] " + method));

    [Fact]
    public async Task CONN0064_no_state_context() =>
        await VerifyAsync(Source("[Stream(\"items\")] public IEnumerable<Item> Items(" + State + " {|#0:state|}) " + Body),
            Diagnostic("CONN0064").WithLocation(0).WithMessage(
                "The stream method 'Items' keeps a state of type 'Sample.PageState', but its [Stream] attribute names no StateContext: add StateContext = typeof(…) naming a JsonSerializerContext with [JsonSerializable(typeof(PageState))]"));

    [Fact]
    public async Task CONN0064_fixed() =>
        await VerifyCleanAsync(Source("[Stream(\"items\", StateContext = typeof(PagesJson))] public IEnumerable<Item> Items(" + State + " state) " + Body));

    [Theory]
    [InlineData("NotAContext", "its StateContext 'Sample.NotAContext' is not a System.Text.Json JsonSerializerContext")]
    [InlineData("ItemsJson", "its StateContext 'Sample.ItemsJson' has no [JsonSerializable(typeof(PageState))]")]
    public async Task CONN0064_state_context_that_cannot_serialize_the_state(string context, string problem) =>
        await VerifyAsync(Source("[Stream(\"items\", StateContext = {|#0:typeof(" + context + ")|})] public IEnumerable<Item> Items(" + State + " state) " + Body),
            Diagnostic("CONN0064").WithLocation(0).WithMessage($"The stream method 'Items' keeps a state of type 'Sample.PageState', but {problem}"));

    [Fact]
    public async Task CONN0065_state_beside_a_cursor_parameter() =>
        await VerifyAsync(Source("[Stream(\"items\", Cursor = nameof(Item.UpdatedAt), StateContext = typeof(PagesJson))] public IEnumerable<Item> Items(DateTimeOffset? since, " + State + " {|#0:state|}) " + Body),
            Diagnostic("CONN0065").WithLocation(0).WithMessage(
                "The stream method 'Items' takes both a cursor parameter and a StreamState<TState>; a stream's saved state is one or the other (keep the cursor value in the state)"));

    // A Cursor without a cursor parameter only names the catalog's default cursor field: it may stay beside a state.
    [Fact]
    public async Task CONN0065_fixed() =>
        await VerifyCleanAsync(Source("[Stream(\"items\", Cursor = nameof(Item.UpdatedAt), StateContext = typeof(PagesJson))] public IEnumerable<Item> Items(" + State + " state) " + Body));

    [Fact]
    public async Task CONN0065_two_state_parameters() =>
        await VerifyAsync(Source("[Stream(\"items\", StateContext = typeof(PagesJson))] public IEnumerable<Item> Items(" + State + " state, " + State + " {|#0:other|}) " + Body),
            Diagnostic("CONN0065").WithLocation(0).WithMessage("The stream method 'Items' takes more than one StreamState<TState> parameter; a stream keeps one state"));

    [Fact]
    public async Task CONN0065_state_context_without_a_state() =>
        await VerifyAsync(Source("[Stream(\"items\", StateContext = {|#0:typeof(PagesJson)|})] public IEnumerable<Item> Items() => [];"),
            Diagnostic("CONN0065").WithLocation(0).WithMessage("The stream method 'Items' names a StateContext but takes no StreamState<TState> parameter; add one, or remove StateContext"));

    [Theory]
    [InlineData("public IEnumerable<Item> {|#0:Items|}(" + State + " state) { state.Checkpoint(new PageState()); return [new Item(1, DateTimeOffset.UnixEpoch, \"a\")]; }")]
    [InlineData("public IEnumerable<Item> {|#0:Items|}(" + State + " state) { IEnumerable<Item> Local() { yield return new Item(1, DateTimeOffset.UnixEpoch, \"a\"); } state.Checkpoint(new PageState()); return Local(); }")]
    [InlineData("public IEnumerable<Item> {|#0:Items|}(" + State + " state) => [];")]
    public async Task CONN0066_stateful_stream_that_is_not_an_iterator(string method) =>
        await VerifyAsync(Source("[Stream(\"items\", StateContext = typeof(PagesJson))] " + method),
            Diagnostic("CONN0066").WithLocation(0).WithMessage(
                "The stream method 'Items' takes a StreamState<Sample.PageState> but is not an iterator: a checkpoint it takes before returning its records would be saved ahead of them; write it with yield return"));
}
