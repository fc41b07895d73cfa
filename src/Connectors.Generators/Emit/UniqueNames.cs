using System.Collections.Generic;
using System.Linq;

namespace Connectors.Generators.Emit;

/// <summary>
/// Hands out identifiers that do not clash within one scope: the wanted name, or the first of <c>Name2</c>,
/// <c>Name3</c>… not yet taken.
/// </summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> _taken;

    /// <param name="taken">Names already used in the scope.</param>
    public UniqueNames(IEnumerable<string>? taken = null) => _taken = taken is null ? new HashSet<string>() : new HashSet<string>(taken);

    public string Take(string wanted)
    {
        var candidate = wanted;
        for (var n = 2; !_taken.Add(candidate); n++)
        {
            candidate = wanted + n;
        }
        return candidate;
    }

    /// <summary>
    /// A stem for a family of names (<paramref name="formats"/>, e.g. <c>Create{0}Stream</c> and <c>{0}Schema</c>):
    /// <paramref name="wanted"/>, or <c>wanted2</c>…, the first for which every name of the family is free. Takes them all.
    /// </summary>
    public string TakeStem(string wanted, params string[] formats)
    {
        var stem = wanted;
        for (var n = 2; formats.Any(f => _taken.Contains(string.Format(f, stem))); n++)
        {
            stem = wanted + n;
        }
        foreach (var format in formats)
        {
            _taken.Add(string.Format(format, stem));
        }
        return stem;
    }
}
