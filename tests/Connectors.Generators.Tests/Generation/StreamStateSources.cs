namespace Connectors.Generators.Tests.Generation;

/// <summary>
/// A [Stream] method with a state of its own shape (a page token), shared by the snapshot, caching and execution tests.
/// The System.Text.Json source generator does not run under the tests' Roslyn, so the context is written by hand here
/// (its metadata comes from the reflection resolver); a real connector declares <c>partial class PagesJson :
/// JsonSerializerContext</c> and the generator fills it in.
/// </summary>
internal static class StreamStateSources
{
    public const string Pages = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;

        namespace Paging;

        public sealed record Issue(int Id, string Title);

        public sealed class PageState
        {
            [JsonPropertyName("next_page")] public required int NextPage { get; init; }
        }

        [JsonSerializable(typeof(PageState))]
        public sealed class PagesJson : JsonSerializerContext
        {
            private static readonly JsonSerializerOptions Reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

            public PagesJson() : base(null)
            {
            }

            public static PagesJson Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => type == typeof(PageState) ? Reflection.GetTypeInfo(type) : null;
        }

        [Connector("source-pages")]
        public partial class PagesSource
        {
            /// <summary>Pages of the fake API.</summary>
            [ConfigProperty] public int Pages { get; set; } = 3;

            /// <summary>Fail after this many pages (0: never).</summary>
            [ConfigProperty] public int? FailAfter { get; set; }

            [Check] public CheckResult Check() => CheckResult.Success();

            /// <summary>Two issues per page; the state is the next page to read.</summary>
            [Stream("issues", PrimaryKey = nameof(Issue.Id), StateContext = typeof(PagesJson))]
            public async IAsyncEnumerable<Issue> Issues(StreamState<PageState> state, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                for (var page = state.Saved?.NextPage ?? 1; page <= Pages; page++)
                {
                    await Task.Yield();
                    yield return new Issue(page * 10 + 1, "issue " + (page * 10 + 1));
                    yield return new Issue(page * 10 + 2, "issue " + (page * 10 + 2));
                    if (page == FailAfter)
                    {
                        throw new InvalidOperationException("the API failed after page " + page);
                    }
                    state.Checkpoint(new PageState { NextPage = page + 1 });
                }
            }
        }
        """;
}
