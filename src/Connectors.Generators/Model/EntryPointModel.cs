using System.Collections.Generic;

namespace Connectors.Generators.Model;

/// <summary>
/// What the generated <c>Main</c> needs of a connector: only its declaration and name, so editing a connector's streams
/// or configuration does not regenerate the entry point. Every <c>[Connector]</c> class is a candidate, as for the
/// analyzer, even one the generator cannot complete.
/// </summary>
/// <param name="Type">Where the connector class is declared.</param>
/// <param name="ConnectorName">The connector's name, for the doc comment.</param>
/// <param name="IsMarked">The class says <c>[Connector(..., EntryPoint = true)]</c>.</param>
/// <param name="IsAccessible">Code outside the class (the generated Main) can name it: no private or protected nesting.</param>
/// <param name="IsGenerated">
/// The generator completes the class (it is partial, creatable, not generic); when not, the Main is a stand-in that says so.
/// </param>
internal sealed record EntryPointModel(TypeDeclarationModel Type, string ConnectorName, bool IsMarked = false, bool IsAccessible = true,
    bool IsGenerated = true)
{
    /// <summary>The <c>[Obsolete(DiagnosticId = …)]</c> and <c>[Experimental(…)]</c> ids of the connector class and its containers.</summary>
    public Helpers.EquatableArray<string> UsageDiagnosticIds { get; init; } = Helpers.EquatableArray<string>.Empty;

    /// <summary>
    /// The connector an executable's Main runs: the only one, or else the only one marked EntryPoint; null when that is
    /// ambiguous (CONN0045) or the chosen class cannot be named from outside (CONN0044). The analyzer applies the same rule.
    /// </summary>
    public static T? Choose<T>(IReadOnlyList<T> connectors, System.Func<T, bool> isMarked) where T : class
    {
        if (connectors.Count == 1)
        {
            return connectors[0];
        }
        T? chosen = null;
        foreach (var connector in connectors)
        {
            if (isMarked(connector))
            {
                if (chosen is not null)
                {
                    return null;
                }
                chosen = connector;
            }
        }
        return chosen;
    }
}
