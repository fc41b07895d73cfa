using System.Collections.Generic;

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
}
