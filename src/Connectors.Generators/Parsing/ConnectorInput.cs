using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// A <c>[Connector]</c> class as the attribute step finds it, before anything is parsed: which class, and the
/// <see cref="DeclarationFingerprint"/> of its compilation. Roslyn re-runs the attribute step on every edit; it only
/// hashes, and an equal input makes every step after it Cached, so the parse (which binds the class's members, record
/// types and attributes) runs only when a declaration changed.
/// </summary>
/// <remarks>
/// Equality is the class's name and the fingerprint. The symbol, its <c>[Connector]</c> attribute and the compilation
/// ride along for the parse steps, outside equality and held weakly: a pipeline value that Roslyn caches must not root
/// a compilation (an old one stays in the driver's tables for as long as the input compares equal). While a run uses
/// them, its compilation (which holds its symbols and their attribute data) is alive.
/// </remarks>
internal sealed class ConnectorInput : IEquatable<ConnectorInput>
{
    private readonly WeakReference<INamedTypeSymbol> _type;
    private readonly WeakReference<AttributeData> _attribute;
    private readonly WeakReference<Compilation> _compilation;

    private ConnectorInput(string typeName, string fingerprint, INamedTypeSymbol type, AttributeData attribute, Compilation compilation)
    {
        TypeName = typeName;
        Fingerprint = fingerprint;
        _type = new WeakReference<INamedTypeSymbol>(type);
        _attribute = new WeakReference<AttributeData>(attribute);
        _compilation = new WeakReference<Compilation>(compilation);
    }

    /// <summary>The class's fully qualified name (with its containers and namespace).</summary>
    public string TypeName { get; }

    /// <summary>The <see cref="DeclarationFingerprint"/> of the compilation the class was found in.</summary>
    public string Fingerprint { get; }

    /// <summary>The input for the attribute step's target; null when it is not a class with the attribute.</summary>
    public static ConnectorInput? From(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
    {
        if (syntax.TargetSymbol is not INamedTypeSymbol type || syntax.Attributes.IsEmpty)
        {
            return null;
        }
        var compilation = syntax.SemanticModel.Compilation;
        return new ConnectorInput(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), DeclarationFingerprint.Of(compilation, cancellationToken),
            type, syntax.Attributes[0], compilation);
    }

    /// <summary>The class, its attribute and its compilation, for the parse steps of the run that made this input.</summary>
    public (INamedTypeSymbol Type, AttributeData Attribute, Compilation Compilation) Resolve()
    {
        if (_type.TryGetTarget(out var type) && _attribute.TryGetTarget(out var attribute) && _compilation.TryGetTarget(out var compilation))
        {
            return (type, attribute, compilation);
        }
        // A parse step runs only on an input its own run made (an equal input is Cached and not parsed again), while
        // that run's compilation is alive; reaching here is a bug, reported by Roslyn as a generator failure.
        throw new InvalidOperationException($"The compilation of the [Connector] class '{TypeName}' is gone before its parse.");
    }

    public bool Equals(ConnectorInput? other) =>
        other is not null && TypeName == other.TypeName && Fingerprint == other.Fingerprint;

    public override bool Equals(object? obj) => Equals(obj as ConnectorInput);

    public override int GetHashCode() => unchecked(TypeName.GetHashCode() * 31 + Fingerprint.GetHashCode());
}
