using System.Linq;
using Connectors.Generators.Parsing;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// A doc comment's summary becomes a property's description in the spec and the catalog: references read as the name
/// they point to, whitespace collapses to single spaces, and a project that does not generate documentation files (the
/// compiler then keeps doc comments as plain trivia) gets the same text.
/// </summary>
public sealed class DocCommentsTests
{
    private const string Source = """
        namespace Sample;

        public sealed class User
        {
            public long Id { get; set; }
        }

        public sealed class Settings
        {
            /// <summary>
            ///   Reads <see cref="User"/> rows by <see cref="User.Id"/>
            ///   through <see cref="Fetch(int)"/>, or <see langword="null"/>;
            ///   see <see href="https://example.com/docs">the docs</see>, <paramref name="count"/> and <c>code</c>.
            /// </summary>
            public string Plain { get; set; } = "";

            /// <summary>   </summary>
            public string Blank { get; set; } = "";

            /// <remarks>Only remarks.</remarks>
            public string NoSummary { get; set; } = "";

            public string Undocumented { get; set; } = "";

            /// <summary>Fetches rows.</summary>
            /// <param name="count">How many
            /// rows to fetch.</param>
            /// <param name="skip">  </param>
            public void Fetch(int count, int skip = 0) { }

            public void Fetch(int count) { }
        }
        """;

    private const string Expected =
        "Reads User rows by Id through Fetch, or null; see the docs, count and code.";

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void A_summary_reads_as_plain_text_with_references_by_name(DocumentationMode mode) =>
        Assert.Equal(Expected, DocComments.Summary(Member(mode, "Plain"), default));

    [Theory]
    [InlineData(DocumentationMode.Parse, "Blank")]
    [InlineData(DocumentationMode.Parse, "NoSummary")]
    [InlineData(DocumentationMode.Parse, "Undocumented")]
    [InlineData(DocumentationMode.None, "Blank")]
    [InlineData(DocumentationMode.None, "NoSummary")]
    [InlineData(DocumentationMode.None, "Undocumented")]
    public void No_summary_text_is_no_description(DocumentationMode mode, string member) =>
        Assert.Null(DocComments.Summary(Member(mode, member), default));

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void A_parameter_reads_its_own_param_element(DocumentationMode mode)
    {
        var fetch = Settings(mode).GetMembers("Fetch").OfType<IMethodSymbol>().Single(m => m.Parameters.Length == 2);

        Assert.Equal("How many rows to fetch.", DocComments.Parameter(fetch, "count", default));
        Assert.Null(DocComments.Parameter(fetch, "skip", default));
        Assert.Null(DocComments.Parameter(fetch, "other", default));
        Assert.Equal("Fetches rows.", DocComments.Summary(fetch, default));
    }

    [Fact]
    public void A_comment_that_is_not_XML_is_no_description()
    {
        var source = """
            public sealed class Settings
            {
                /// <summary>Unclosed <b>bold</summary>
                public string Broken { get; set; } = "";
            }
            """;
        foreach (var mode in new[] { DocumentationMode.Parse, DocumentationMode.None })
        {
            Assert.Null(SummaryOf(source, mode, "Broken"));
        }
    }

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void An_empty_reference_reads_as_the_short_name_of_what_it_names(DocumentationMode mode)
    {
        var source = """
            public sealed class Root { }

            namespace Sample
            {
                public sealed class Box<T>
                {
                    public T Get(int index) => default!;
                    public void Put<TItem>(TItem item) { }
                }

                public sealed class Docs<T>
                {
                    /// <summary>
                    /// <see cref="Root"/>, <see cref="Box{T}"/>, <see cref="Box&lt;T&gt;"/>, <see cref="Box{T}.Get(int)"/>,
                    /// <see cref="Box{T}.Put{TItem}(TItem)"/>, <seealso cref="Box{T}"/>, <typeparamref name="T"/>,
                    /// <see langword="true"/>, <see href="https://example.com/docs"/>.
                    /// </summary>
                    public string References { get; set; } = "";
                }
            }
            """;
        var docs = Compile(source, mode).GetTypeByMetadataName("Sample.Docs`1")!;

        Assert.Equal(
            "Root, Box, Box, Get, Put, Box, T, true, https://example.com/docs.",
            DocComments.Summary(docs.GetMembers("References").Single(), default));
    }

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void A_line_break_separates_words(DocumentationMode mode)
    {
        var source = """
            public sealed class Settings
            {
                ///<summary>Rows per
                ///page.</summary>
                public int PageSize { get; set; }
            }
            """;
        Assert.Equal("Rows per page.", SummaryOf(source, mode, "PageSize"));
    }

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void A_doc_comment_in_a_disabled_block_is_not_read(DocumentationMode mode)
    {
        var source = """
            public sealed class Settings
            {
            #if NEVER
                /// <summary>The old text.</summary>
            #endif
                /// <summary>The current text.</summary>
                public int PageSize { get; set; }
            }
            """;
        Assert.Equal("The current text.", SummaryOf(source, mode, "PageSize"));
    }

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void A_partial_type_reads_the_part_that_has_the_comment(DocumentationMode mode)
    {
        var source = """
            public sealed partial class Settings
            {
            }

            /// <summary>The documented part.</summary>
            public sealed partial class Settings
            {
            }
            """;

        Assert.Equal("The documented part.", DocComments.Summary(Compile(source, mode).GetTypeByMetadataName("Settings")!, default));
    }

    [Fact]
    public void A_delimited_doc_comment_reads_when_the_compiler_parses_doc_comments()
    {
        var source = """
            public sealed class Settings
            {
                /** <summary>Rows per page.</summary> */
                public int PageSize { get; set; }
            }
            """;
        Assert.Equal("Rows per page.", SummaryOf(source, DocumentationMode.Parse, "PageSize"));
    }

    private static string? SummaryOf(string source, DocumentationMode mode, string member) =>
        DocComments.Summary(Compile(source, mode).GetTypeByMetadataName("Settings")!.GetMembers(member).Single(), default);

    private static ISymbol Member(DocumentationMode mode, string name) => Settings(mode).GetMembers(name).Single();

    private static INamedTypeSymbol Settings(DocumentationMode mode) => Compile(Source, mode).GetTypeByMetadataName("Sample.Settings")!;

    private static CSharpCompilation Compile(string source, DocumentationMode mode) =>
        TestCompilation.Create(source).RemoveAllSyntaxTrees()
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions.WithDocumentationMode(mode), "Program.cs"));
}
