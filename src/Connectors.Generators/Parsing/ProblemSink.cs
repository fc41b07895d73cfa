using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Where the parser reports what it had to skip. The generator passes <see cref="Ignore"/> (it reports nothing and
/// skips invalid input); the analyzer runs the same parser with a collecting sink, so every construct the generator
/// skips is exactly one the analyzer flags.
/// </summary>
internal class ProblemSink
{
    public static readonly ProblemSink Ignore = new();

    /// <summary>False when nothing is collected, so callers can skip computing locations.</summary>
    public virtual bool IsCollecting => false;

    public virtual void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args)
    {
    }

    /// <summary>Reports with properties a code fix reads (a suggested replacement, say).</summary>
    public virtual void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?> properties,
        params object?[] args)
    {
    }
}

/// <summary>A sink that keeps what it is told, as diagnostics.</summary>
internal sealed class CollectingProblemSink : ProblemSink
{
    private readonly List<Diagnostic> _diagnostics = new();

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public override bool IsCollecting => true;

    public override void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, location, args));

    public override void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?> properties,
        params object?[] args) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, location, properties, args));
}
