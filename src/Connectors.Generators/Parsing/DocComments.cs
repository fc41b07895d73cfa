using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Reads the text of a member's XML doc <c>&lt;summary&gt;</c> (or of a <c>&lt;param&gt;</c>). Projects that do not generate documentation files parse
/// doc comments as plain comments, so when the compiler has no XML for the symbol the comment trivia is read directly.
/// </summary>
internal static class DocComments
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    public static string? Summary(ISymbol symbol, CancellationToken cancellationToken) =>
        Extract(symbol, root => root.Descendants("summary").FirstOrDefault(), cancellationToken);

    /// <summary>The text of a <c>&lt;param name="…"&gt;</c> of a method's (or a positional record's) doc comment.</summary>
    public static string? Parameter(ISymbol symbol, string name, CancellationToken cancellationToken) =>
        Extract(symbol, root => root.Descendants("param").FirstOrDefault(p => (string?)p.Attribute("name") == name), cancellationToken);

    private static string? Extract(ISymbol symbol, Func<XElement, XElement?> select, CancellationToken cancellationToken)
    {
        var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            xml = FromTrivia(symbol, cancellationToken);
        }
        return string.IsNullOrWhiteSpace(xml) ? null : Extract(xml!, select);
    }

    private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            // Comments only: a doc comment in a disabled #if block is text the compiler does not read either.
            var lines = node.GetLeadingTrivia()
                .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                .Select(t => t.ToFullString())
                .SelectMany(t => t.Split('\n'))
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("///", StringComparison.Ordinal))
                .Select(l => l.Substring(3))
                .ToList();
            if (lines.Count > 0)
            {
                return string.Join("\n", lines);
            }
        }
        return null;
    }

    private static string? Extract(string xml, Func<XElement, XElement?> select)
    {
        try
        {
            // The compiler's XML is one <member> element, the trivia's a fragment: a root around either parses both.
            var root = XElement.Parse("<doc>" + xml + "</doc>");
            var element = select(root);
            if (element is null)
            {
                return null;
            }
            var text = new StringBuilder();
            AppendText(element, text);
            var result = Whitespace.Replace(text.ToString(), " ").Trim();
            return result.Length == 0 ? null : result;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static void AppendText(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText content:
                    text.Append(content.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } reference:
                    text.Append(reference.Value.Length > 0 ? reference.Value : Target(reference));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name"));
                    break;
                case XElement nested:
                    AppendText(nested, text);
                    break;
            }
        }
    }

    // What an empty <see/> reads as: a cref by its short name, a keyword or a link as written.
    private static string Target(XElement reference) =>
        (string?)reference.Attribute("cref") is { } cref
            ? ShortName(cref)
            : (string?)reference.Attribute("langword") ?? (string?)reference.Attribute("href") ?? "";

    // "T:Faker.User", "Faker.User.Id", "M:Faker.Box`1.Get(System.Int32)", "IReadOnlyList{T}" → "User", "Id", "Get",
    // "IReadOnlyList": the ID's kind prefix, the parameters and the type arguments (which have dots of their own) go.
    private static string ShortName(string cref)
    {
        var name = new StringBuilder();
        var depth = 0;
        foreach (var c in cref.Substring(cref.IndexOf(':') + 1).Split('(')[0])
        {
            if (c is '{' or '<')
            {
                depth++;
            }
            else if (c is '}' or '>')
            {
                depth--;
            }
            else if (depth == 0)
            {
                name.Append(c);
            }
        }
        var simple = name.ToString();
        simple = simple.Substring(simple.LastIndexOf('.') + 1);
        return simple.Split('`')[0];
    }
}
