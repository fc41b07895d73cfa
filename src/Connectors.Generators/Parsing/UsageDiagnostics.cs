using System.Collections.Generic;
using Connectors.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Collects the diagnostic ids the compiler raises where code names one of the author's types or members that says
/// <c>[Obsolete(DiagnosticId = "…")]</c> or <c>[Experimental("…")]</c>. Generated code names them because the author
/// declared them, not by choice, so the generated files disable these ids (plus CS0612 and CS0618, which plain
/// <c>[Obsolete]</c> raises) instead of breaking a build that treats warnings as errors.
/// </summary>
internal sealed class UsageDiagnostics
{
    private const string ObsoleteAttribute = "System.ObsoleteAttribute";
    private const string ExperimentalAttribute = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";

    private SortedSet<string>? _ids;

    /// <summary>Notes the ids <paramref name="symbol"/>'s own attributes declare.</summary>
    public void Note(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var id = attribute.AttributeClass.Is(ObsoleteAttribute) ? attribute.NamedString("DiagnosticId")
                : attribute.AttributeClass.Is(ExperimentalAttribute) ? attribute.ConstructorString()
                : null;
            if (!string.IsNullOrWhiteSpace(id))
            {
                (_ids ??= new SortedSet<string>(System.StringComparer.Ordinal)).Add(id!.Trim());
            }
        }
    }

    /// <summary>Notes a type and every type that contains it.</summary>
    public void NoteWithContainers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            Note(current);
        }
    }

    /// <summary>The ids noted, in ordinal order.</summary>
    public EquatableArray<string> Ids => _ids is null ? EquatableArray<string>.Empty : new List<string>(_ids).ToEquatableArray();
}
