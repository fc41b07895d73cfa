using System.Linq;
using System.Threading;
using Connectors.Generators.Parsing;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The fingerprint that decides whether a [Connector] class is parsed again: it must change with anything the parsers
/// read (or a stale model would be generated) and keep still for the edits a parser never sees (method bodies), which
/// are most keystrokes.
/// </summary>
public sealed class DeclarationFingerprintTests
{
    private const string Source = """
        using System.Collections.Generic;

        namespace Sample;

        /// <summary>A setting.</summary>
        public partial class Holder
        {
            public int Count { get; set; } = 1;

            public int Doubled => Count * 2;

            public Holder() { Count = 3; }

            public int Add(int value) { return value + Count; }

            public IEnumerable<int> Items() { yield return Count; }

            public IEnumerable<int> Local() { return Inner(); IEnumerable<int> Inner() { yield return 1; } }
        }
        """;

    [Theory]
    [InlineData("{ return value + Count; }", "{ var sum = value + Count; return sum; }")]
    [InlineData("{ Count = 3; }", "{ Count = 4; }")]
    [InlineData("=> Count * 2;", "=> Count * 3;")]
    [InlineData("{ yield return Count; }", "{ yield return Count + 1; yield break; }")]
    [InlineData("yield return 1; }", "yield return 2; }")]
    [InlineData("{ return Inner();", "{ return /* a comment */ Inner();")]
    public void Editing_a_body_keeps_the_fingerprint(string before, string after) =>
        Assert.Equal(Fingerprint(Source), Fingerprint(Edit(before, after)));

    [Theory]
    [InlineData("/// <summary>A setting.</summary>", "/// <summary>Another setting.</summary>")]
    [InlineData("= 1;", "= 2;")]
    [InlineData("public int Add(int value)", "public long Add(int value)")]
    [InlineData("public partial class Holder", "[System.Obsolete] public partial class Holder")]
    [InlineData("namespace Sample;", "namespace Sample.Other;")]
    // The one thing of a body a parser reads: whether a method's own body yields (a stateful stream must).
    [InlineData("{ yield return Count; }", "{ return new[] { Count }; }")]
    [InlineData("{ return Inner();", "{ yield return 0; yield break;")]
    public void Editing_a_declaration_changes_the_fingerprint(string before, string after) =>
        Assert.NotEqual(Fingerprint(Source), Fingerprint(Edit(before, after)));

    [Fact]
    public void The_same_trees_options_and_references_give_the_same_fingerprint_in_a_new_compilation()
    {
        var compilation = TestCompilation.Create(Source);

        Assert.Equal(DeclarationFingerprint.Of(compilation, CancellationToken.None), DeclarationFingerprint.Of(compilation.Clone(), CancellationToken.None));
    }

    [Fact]
    public void Another_file_a_reference_or_options_change_the_fingerprint()
    {
        var compilation = TestCompilation.Create(Source);
        var fingerprint = DeclarationFingerprint.Of(compilation, CancellationToken.None);

        Assert.NotEqual(fingerprint, DeclarationFingerprint.Of(compilation.AddSyntaxTrees(TestCompilation.Parse("class Other { }", "Other.cs")), CancellationToken.None));
        Assert.NotEqual(fingerprint, DeclarationFingerprint.Of(compilation.RemoveReferences(compilation.References.First()), CancellationToken.None));
        Assert.NotEqual(fingerprint, DeclarationFingerprint.Of(compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable)), CancellationToken.None));
        // The same text under another path is another file (hint names and diagnostics follow paths).
        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), TestCompilation.Parse(Source, "Moved.cs"));
        Assert.NotEqual(fingerprint, DeclarationFingerprint.Of(moved, CancellationToken.None));
    }

    private static string Edit(string before, string after)
    {
        Assert.Contains(before, Source);
        return Source.Replace(before, after);
    }

    // A new compilation each time, over the same references and options objects, as an edit in the IDE gives.
    private static readonly CSharpCompilation Base = TestCompilation.Create(Source);

    private static string Fingerprint(string source) =>
        DeclarationFingerprint.Of(Base.ReplaceSyntaxTree(Base.SyntaxTrees.First(), TestCompilation.Parse(source)), CancellationToken.None);
}
