using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

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
            var lines = node.GetLeadingTrivia()
                .Select(t => t.ToFullString())
                .SelectMany(t => t.Split('\n'))
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("///", StringComparison.Ordinal))
                .Select(l => l.Substring(3))
                .ToList();
            if (lines.Count > 0)
            {
                return "<doc>" + string.Join("\n", lines) + "</doc>";
            }
        }
        return null;
    }

    private static string? Extract(string xml, Func<XElement, XElement?> select)
    {
        try
        {
            var root = XElement.Parse(xml.Trim().StartsWith("<doc>", StringComparison.Ordinal) || xml.Trim().StartsWith("<member", StringComparison.Ordinal) ? xml : "<doc>" + xml + "</doc>");
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
                    var target = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("langword") ?? (string?)reference.Attribute("href");
                    text.Append(reference.Value.Length > 0 ? reference.Value : ShortName(target));
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

    // "T:Faker.User" or "Faker.User.Id" → "Id".
    private static string ShortName(string? cref)
    {
        if (cref is null)
        {
            return "";
        }
        var name = cref.Contains(':') ? cref.Substring(cref.IndexOf(':') + 1) : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
