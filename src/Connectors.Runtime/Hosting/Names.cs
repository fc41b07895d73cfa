using System;
using System.Collections.Generic;
using System.Text;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// Lists of names: for messages ("its streams are: a, b"), with a loop instead of Linq's <c>Select</c>: in a native
/// build every <c>Select</c> over another element type compiles another iterator class into the image that a `spec`
/// rehydrates at start-up (docs/aot.md), for text that only an error message needs.
/// </summary>
internal static class Names
{
    /// <summary>The name of each item, joined with <paramref name="separator"/>.</summary>
    public static string Join<T>(IReadOnlyList<T> items, Func<T, string> name, string separator = ", ")
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }
            text.Append(name(items[i]));
        }
        return text.ToString();
    }

    /// <summary>Whether <paramref name="names"/> holds <paramref name="name"/> (ordinal): a loop, not Linq's <c>Contains</c>.</summary>
    public static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }
        return false;
    }
}
