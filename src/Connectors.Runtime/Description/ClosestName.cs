using System;
using System.Collections.Generic;
using Connectors.Generators.Helpers;

namespace Connectors.Runtime;

/// <summary>The "did you mean" of an unknown name: the known name it most likely misspells, if any is close enough.</summary>
internal static class ClosestName
{
    /// <summary>
    /// The known name closest to <paramref name="name"/>: one that differs only in case and separators (<c>RecordsPerSlice</c>
    /// for <c>records_per_slice</c>), or else the nearest by edit distance when at most a third of the shorter name
    /// (at least one edit) differs; ties go to the one written most alike, then to the first. Null when none is close.
    /// </summary>
    public static string? Find(string name, IReadOnlyList<string> known)
    {
        var bare = Bare(name);
        string? best = null;
        var bestDistance = (int.MaxValue, int.MaxValue);
        foreach (var candidate in known)
        {
            var candidateBare = Bare(candidate);
            if (string.Equals(bare, candidateBare, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
            var distance = (EditDistance.Between(bare, candidateBare), EditDistance.Between(name, candidate, ignoreCase: false));
            var allowed = Math.Max(1, Math.Min(bare.Length, candidateBare.Length) / 3);
            if (distance.Item1 <= allowed && distance.CompareTo(bestDistance) < 0)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best;
    }

    /// <summary>The name without the separators naming conventions differ in (<c>_</c>, <c>-</c>, <c>.</c>, spaces).</summary>
    private static string Bare(string name)
    {
        var bare = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                bare.Append(c);
            }
        }
        return bare.ToString();
    }
}
