using System.Collections.Generic;
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
    /// The properties CONN0006/CONN0007 carry for their code fix: the key as written, the same key with its unknown
    /// segment replaced by the closest member name (C# or JSON name, whichever is closer),
    /// and by the closest C# member name (for a key written with <c>nameof</c>).
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
        var anyName = Closest(wrong, scope.Members.SelectMany(m => new[] { m.Name, m.JsonName }));
        var memberName = Closest(wrong, scope.Members.Select(m => m.Name));
        return properties
            .Add(DiagnosticDescriptors.SuggestionProperty, Replace(parts, segment, anyName))
            .Add(DiagnosticDescriptors.MemberSuggestionProperty, Replace(parts, segment, memberName));
    }

    private static string Closest(string wrong, IEnumerable<string> candidates)
    {
        // Case-insensitive distance first; among equals, the one written most alike ("nmae" → "name" over "Name").
        string? best = null;
        var bestDistance = (int.MaxValue, int.MaxValue);
        foreach (var candidate in candidates)
        {
            var distance = (EditDistance.Between(wrong, candidate), EditDistance.Between(wrong, candidate, ignoreCase: false));
            if (distance.CompareTo(bestDistance) < 0)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best!;
    }

    private static string Replace(string[] parts, int segment, string name)
    {
        var copy = (string[])parts.Clone();
        copy[segment] = name;
        return string.Join(".", copy);
    }
}
