using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The shell commands a document gives, read from its marked code blocks, so that a test runs what the reader is told
/// to type. A block is marked by an HTML comment on the line before its opening fence:
/// <code>
/// &lt;!-- test: first-ten-minutes, in: repository --&gt;     run in the clone of this repository
/// &lt;!-- test: first-ten-minutes, in: empty-folder --&gt;   run in a new, empty folder
/// &lt;!-- test: first-ten-minutes --&gt;                     run where the previous block left off (its cd's included)
/// </code>
/// (docs/contributing.md describes the convention.)
/// </summary>
internal sealed partial record DocumentedCommands(string Document, string Walkthrough, IReadOnlyList<DocumentedCommands.Block> Blocks)
{
    /// <summary>Where a block starts: <see cref="Repository"/>, <see cref="EmptyFolder"/>, or null (where the last one ended).</summary>
    public const string Repository = "repository";

    public const string EmptyFolder = "empty-folder";

    /// <summary>One marked code block: its line in the document, where it runs, and its text.</summary>
    public sealed record Block(int Line, string? In, string Text)
    {
        /// <summary>The block's commands: continuation lines joined, comments and blank lines dropped, spaces collapsed.</summary>
        public IEnumerable<string> Commands()
        {
            var command = new StringBuilder();
            foreach (var line in Text.Split('\n'))
            {
                var code = TrailingComment().Replace(line, "").Trim();
                if (code.EndsWith('\\'))
                {
                    command.Append(code[..^1]).Append(' ');
                    continue;
                }
                command.Append(code);
                var text = Spaces().Replace(command.ToString(), " ").Trim();
                command.Clear();
                if (text.Length > 0)
                {
                    yield return text;
                }
            }
        }
    }

    /// <summary>Reads the blocks of <paramref name="walkthrough"/> from a document of the repository, in order.</summary>
    public static DocumentedCommands Read(string document, string walkthrough)
    {
        var lines = File.ReadAllLines(Path.Combine(SdkFeed.RepoRoot, document));
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = Marker().Match(lines[i]);
            if (!marker.Success || marker.Groups["name"].Value != walkthrough)
            {
                continue;
            }
            var place = marker.Groups["in"].Success ? marker.Groups["in"].Value : null;
            if (place is not (null or Repository or EmptyFolder))
            {
                throw new FormatException($"{document}:{i + 1}: 'in: {place}' is neither '{Repository}' nor '{EmptyFolder}'.");
            }
            var fence = i + 1;
            if (fence >= lines.Length || !lines[fence].StartsWith("```", StringComparison.Ordinal))
            {
                throw new FormatException($"{document}:{i + 1}: the test marker is not followed by a ``` code block.");
            }
            var end = Array.FindIndex(lines, fence + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new FormatException($"{document}:{fence + 1}: the code block is not closed.");
            }
            blocks.Add(new Block(fence + 2, place, string.Join("\n", lines[(fence + 1)..end])));
            i = end;
        }
        return new DocumentedCommands(document, walkthrough, blocks);
    }

    /// <summary>
    /// The walkthrough as one bash script: each block after a <c>cd</c> to where it starts, preceded by an echo that
    /// names the document and line, so a failure points at the block to fix.
    /// </summary>
    public string Script(string repository, string emptyFolder)
    {
        var script = new StringBuilder();
        foreach (var block in Blocks)
        {
            script.Append($": '{Document}:{block.Line}'\n");
            if (block.In is not null)
            {
                script.Append($"cd '{(block.In == Repository ? repository : emptyFolder)}'\n");
            }
            script.Append(block.Text).Append('\n');
        }
        return script.ToString();
    }

    /// <summary>
    /// The walkthrough's commands in order, each block's starting place as a pseudo-command (<c>cd &lt;repository&gt;</c>),
    /// to compare one document's walkthrough with another's.
    /// </summary>
    public IReadOnlyList<string> Sequence() =>
        Blocks.SelectMany(block => (block.In is null ? [] : new[] { $"cd <{block.In}>" }).Concat(block.Commands())).ToList();

    /// <summary>
    /// Why <paramref name="abridged"/> is not this walkthrough with some commands left out (null when it is): every
    /// command of the abridgement must come, in order, among this one's, and it may skip no change of directory before
    /// its last command, so each of its commands runs in the same place as here.
    /// </summary>
    public string? WhyNotAbridgedBy(DocumentedCommands abridged)
    {
        var full = Sequence();
        var shorter = abridged.Sequence();
        var next = 0;
        foreach (var command in full)
        {
            if (next == shorter.Count)
            {
                return null;
            }
            if (command == shorter[next])
            {
                next++;
            }
            else if (command.StartsWith("cd ", StringComparison.Ordinal))
            {
                return $"{abridged.Document}'s '{shorter[next]}' is not among {Document}'s commands run in the same place: "
                    + $"{Document} reaches '{command}' first.";
            }
        }
        return next == shorter.Count ? null
            : $"{abridged.Document} runs '{shorter[next]}', which is not among {Document}'s commands at that point (or comes in another order).";
    }

    [GeneratedRegex(@"^<!--\s*test:\s*(?<name>[\w-]+)\s*(?:,\s*in:\s*(?<in>[\w-]+)\s*)?-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(^|\s)#.*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
