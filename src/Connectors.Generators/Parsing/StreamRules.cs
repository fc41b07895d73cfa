using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;

namespace Connectors.Generators.Parsing;

/// <summary>The authoring checks of a stream that do not stop it from being generated: its name and key suggestions.</summary>
internal static class StreamRules
{
    /// <summary>Why a stream name is not a portable identifier (CONN0038); null when it is one.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty, so the stream is left out";
        }
        if (!(IsAsciiLetter(name![0]) || name[0] == '_'))
        {
            return $"starts with '{name[0]}'";
        }
        var bad = name.FirstOrDefault(c => !(IsAsciiLetter(c) || c is >= '0' and <= '9' or '_' or '-'));
        return bad == default(char) ? null : $"contains '{bad}'";
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>
    /// The properties CONN0006/CONN0007 carry for their code fix: the key as written and the same key with its unknown
    /// segment replaced by the closest member name (C# or JSON name, whichever is closer; ties go to the first member).
    /// </summary>
    public static ImmutableDictionary<string, string?> Suggestion(string key, int segment, ObjectModel? scope)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.KeyProperty, key);
        if (scope is null || scope.Members.IsEmpty)
        {
            return properties;
        }
        var parts = key.Split('.').Select(p => p.Trim()).ToArray();
        var wrong = parts[segment];
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var member in scope.Members)
        {
            foreach (var candidate in new[] { member.Name, member.JsonName })
            {
                var distance = EditDistance.Between(wrong, candidate);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }
        }
        parts[segment] = best!;
        return properties.Add(DiagnosticDescriptors.SuggestionProperty, string.Join(".", parts));
    }
}
