using System;

namespace Connectors.Generators.Helpers;

/// <summary>
/// Levenshtein distance, ignoring case unless asked not to: how the "did you mean" suggestions of the analyzers pick a
/// member name, and those of the runtime's config reader a property name (the runtime compiles this file too).
/// </summary>
internal static class EditDistance
{
    public static int Between(string a, string b, bool ignoreCase = true)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = ignoreCase ? char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) : a[i - 1] == b[j - 1];
                var substitution = same ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
