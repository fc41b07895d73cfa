using System;
using System.Buffers;
using System.Collections.Generic;

namespace Connectors.Runtime.Secrets;

/// <summary>
/// An immutable set of strings to find, searched in one pass: on .NET 9 and later with <c>SearchValues&lt;string&gt;</c>
/// (vectorized multi-string search), on .NET 8 with a vectorized search for the strings' first characters. At a hit,
/// the strings starting with that character are tried longest first. A string marked whole-word matches only where no
/// letter or digit touches it on either side.
/// </summary>
internal sealed class MaskPatterns
{
    public static readonly MaskPatterns Empty = new([]);

    private readonly Dictionary<char, Pattern[]> _byFirstChar;
#if NET9_0_OR_GREATER
    private readonly SearchValues<string> _search;
#else
    private readonly SearchValues<char> _search;
#endif

    /// <param name="patterns">The strings; each non-empty, each once.</param>
    public MaskPatterns(IReadOnlyCollection<Pattern> patterns)
    {
        // Plain loops and one sort, not Linq's GroupBy/OrderBy: every command builds a masker, and a native build would
        // compile Linq's iterators, lookups and sorters over Pattern into the image a `spec` rehydrates (docs/aot.md).
        var sorted = new Pattern[patterns.Count];
        var count = 0;
        foreach (var pattern in patterns)
        {
            sorted[count++] = pattern;
        }
        Array.Sort(sorted, ByFirstCharLongestFirst);
        Count = count;
        var texts = new string[count];
        var firsts = new char[count];
        var groups = 0;
        _byFirstChar = new Dictionary<char, Pattern[]>();
        for (var start = 0; start < count;)
        {
            var first = sorted[start].Text[0];
            var end = start;
            for (; end < count && sorted[end].Text[0] == first; end++)
            {
                var length = sorted[end].Text.Length;
                ShortestLength = end == 0 ? length : Math.Min(ShortestLength, length);
                LongestLength = Math.Max(LongestLength, length);
                texts[end] = sorted[end].Text;
            }
            _byFirstChar[first] = sorted.AsSpan(start, end - start).ToArray();
            firsts[groups++] = first;
            start = end;
        }
#if NET9_0_OR_GREATER
        _search = SearchValues.Create(texts, StringComparison.Ordinal);
#else
        _search = SearchValues.Create(firsts.AsSpan(0, groups));
#endif
    }

    /// <summary>Grouped by first character; within a group longest first, then ordinal (the order <see cref="LongestAt"/> tries).</summary>
    private static int ByFirstCharLongestFirst(Pattern a, Pattern b) =>
        a.Text[0] != b.Text[0] ? a.Text[0].CompareTo(b.Text[0])
        : a.Text.Length != b.Text.Length ? b.Text.Length.CompareTo(a.Text.Length)
        : string.CompareOrdinal(a.Text, b.Text);

    public int Count { get; }

    public int ShortestLength { get; }

    public int LongestLength { get; }

    /// <summary>The index of the first place in <paramref name="text"/> where a pattern may start (-1: none does).</summary>
    public int IndexOfCandidate(ReadOnlySpan<char> text) => text.IndexOfAny(_search);

    /// <summary>The length of the longest pattern that starts at <paramref name="position"/>, or 0.</summary>
    public int LongestAt(ReadOnlySpan<char> text, int position)
    {
        if (!_byFirstChar.TryGetValue(text[position], out var candidates))
        {
            return 0;
        }
        var rest = text.Slice(position);
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Text, StringComparison.Ordinal)
                && (!candidate.WholeWord || (!IsWordChar(text, position - 1) && !IsWordChar(text, position + candidate.Text.Length))))
            {
                return candidate.Text.Length;
            }
        }
        return 0;
    }

    private static bool IsWordChar(ReadOnlySpan<char> text, int index) =>
        index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]);

    /// <summary>
    /// The ranges of <paramref name="text"/> covered by patterns, overlapping and adjacent matches merged, in order. Every
    /// start position is tried, so a match that begins inside another one and reaches further extends the range.
    /// </summary>
    public List<(int Start, int End)>? Matches(ReadOnlySpan<char> text)
    {
        if (Count == 0 || text.Length < ShortestLength)
        {
            return null;
        }
        List<(int Start, int End)>? ranges = null;
        var from = 0;
        while (from < text.Length)
        {
            var found = IndexOfCandidate(text.Slice(from));
            if (found < 0)
            {
                break;
            }
            var position = from + found;
            var length = LongestAt(text, position);
            if (length > 0)
            {
                ranges ??= new List<(int, int)>();
                var end = position + length;
                if (ranges.Count > 0 && position <= ranges[^1].End)
                {
                    var last = ranges[^1];
                    ranges[^1] = (last.Start, Math.Max(last.End, end));
                }
                else
                {
                    ranges.Add((position, end));
                }
            }
            from = position + 1;
        }
        return ranges;
    }
}

/// <summary>A string to find; a whole-word one only where no letter or digit touches it.</summary>
internal readonly record struct Pattern(string Text, bool WholeWord);
