using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Generators.Emit;
using Connectors.Generators.Schema;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Connectors.Generators.Tests.Emit;

/// <summary>
/// The author's text (descriptions, titles, patterns, defaults) reaches the generated spec and code unchanged: every
/// string the generator quotes as JSON parses back to itself, every C# literal it writes compiles to the same string,
/// and characters that would break a line or a file (controls, line separators, lone surrogates) are escaped.
/// </summary>
public sealed class LiteralEscapingTests
{
    /// <summary>Every control character, the characters with short escapes, line separators, and text beyond ASCII.</summary>
    private static readonly string Awkward = new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray())
        + "\"\\/'\u007f\u0085\u00a0é\u2028\u2029😀 plain";

    [Fact]
    public void A_JSON_string_parses_back_to_the_text_it_quotes()
    {
        var quoted = JsonText.Quote(Awkward);

        Assert.Equal(Awkward, JsonDocument.Parse(quoted).RootElement.GetString());
        Assert.DoesNotContain(quoted, c => c < ' ' || c == '\u2028' || c == '\u2029');
    }

    [Fact]
    public void A_JSON_string_uses_the_short_escapes_where_JSON_has_them()
    {
        Assert.Equal("""
            "q\"b\\n\nr\rt\tb\bf\f\u0001\u001f\u2028\u2029é/"
            """, JsonText.Quote("q\"b\\n\nr\rt\tb\bf\f\u0001\u001f\u2028\u2029é/"));
    }

    [Fact]
    public void A_CSharp_string_literal_compiles_to_the_text_it_quotes()
    {
        var text = Awkward + "\ud800 lone high, lone low \udc00";
        var literal = CSharpLiterals.String(text);

        var expression = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal));
        Assert.Empty(expression.GetDiagnostics());
        Assert.Equal(text, expression.Token.ValueText);
        // One line, and nothing a file's encoding could mangle.
        Assert.DoesNotContain(literal, c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029');
    }

    [Fact]
    public void A_CSharp_string_literal_uses_the_short_escapes_where_CSharp_has_them()
    {
        Assert.Equal("""
            "q\"b\\n\nr\rt\t0\0\u0001\u007f\u2028\u2029\ud83d\ude00é"
            """, CSharpLiterals.String("q\"b\\n\nr\rt\t0\0\u0001\u007f\u2028\u2029😀é"));
    }

    [Fact]
    public void Text_in_a_doc_comment_escapes_what_XML_reserves()
    {
        Assert.Equal("a &lt;b&gt; &amp;amp; \"c\"", CSharpLiterals.Xml("a <b> &amp; \"c\""));
    }

    [Fact]
    public void JSON_nodes_render_indented_with_literal_arrays_on_one_line()
    {
        var schema = new JsonObject()
            .Add("type", "object")
            .Add("required", new JsonArray([JsonLiteral.String("a"), JsonLiteral.String("b")]))
            .Add("empty", new JsonObject())
            .Add("none", new JsonArray([]))
            .Add("allOf", new JsonArray([new JsonObject().Add("minimum", JsonLiteral.Number(-3)), JsonLiteral.Bool(false)]))
            .Add("x-secret", JsonLiteral.Bool(true));

        Assert.Equal("""
            {
              "type": "object",
              "required": ["a", "b"],
              "empty": {},
              "none": [],
              "allOf": [
                {
                  "minimum": -3
                },
                false
              ],
              "x-secret": true
            }
            """.Replace("\r\n", "\n"), schema.ToString());
        Assert.Equal(6, schema.Count);
    }
}
