using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// A Dockerfile read as Docker reads it: comments dropped, backslash continuations joined, one instruction per entry.
/// Enough of the syntax to check Airbyte's image contract without Docker (ENV, LABEL, ENTRYPOINT, USER, RUN, FROM).
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    /// <summary>Every instruction, keyword upper-cased, in order.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage (after the last FROM): what the image is made of.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage =>
        Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n).ToList();

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<(string, string)>();
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }
            current.Append(line);
            var instruction = current.ToString().Trim();
            current.Clear();
            if (instruction.Length > 0)
            {
                var space = instruction.IndexOfAny([' ', '\t']);
                instructions.Add(space < 0
                    ? (instruction.ToUpperInvariant(), "")
                    : (instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim()));
            }
        }
        return new Dockerfile(instructions);
    }

    /// <summary>The final stage's ENTRYPOINT in exec (JSON array) form; null when absent or in shell form.</summary>
    public string[]? Entrypoint()
    {
        var entrypoint = FinalStage.LastOrDefault(i => i.Keyword == "ENTRYPOINT").Arguments;
        if (entrypoint is null || !entrypoint.StartsWith('['))
        {
            return null;
        }
        return JsonSerializer.Deserialize<string[]>(entrypoint);
    }

    /// <summary>The final stage's ENV values (<c>ENV k=v k2="v 2"</c> and the legacy <c>ENV k v</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment() => Pairs("ENV", legacyForm: true);

    /// <summary>The final stage's LABEL values.</summary>
    public IReadOnlyDictionary<string, string> Labels() => Pairs("LABEL", legacyForm: false);

    /// <summary>The user the image runs as (the final stage's last USER), null when it never says (root).</summary>
    public string? User() => FinalStage.LastOrDefault(i => i.Keyword == "USER").Arguments;

    /// <summary>The final stage's RUN commands, continuation lines joined.</summary>
    public IEnumerable<string> RunCommands() => FinalStage.Where(i => i.Keyword == "RUN").Select(i => i.Arguments);

    private Dictionary<string, string> Pairs(string keyword, bool legacyForm)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, arguments) in FinalStage.Where(i => i.Keyword == keyword))
        {
            var pairs = Pair().Matches(arguments);
            if (pairs.Count == 0 && legacyForm && arguments.IndexOf(' ') is > 0 and var space)
            {
                values[arguments[..space]] = arguments[(space + 1)..].Trim();
                continue;
            }
            foreach (Match pair in pairs)
            {
                values[Unquote(pair.Groups["key"].Value)] = Unquote(pair.Groups["value"].Value);
            }
        }
        return values;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"") : value;

    [GeneratedRegex("""(?<key>"[^"]*"|[^\s=]+)=(?<value>"(?:[^"\\]|\\.)*"|\S*)""")]
    private static partial Regex Pair();
}
