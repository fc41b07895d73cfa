using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators.Parsing;

/// <summary>
/// The rules of a <c>[Stream]</c> method's state of its own (a <c>StreamState&lt;TState&gt;</c> parameter): one such
/// parameter, no cursor parameter beside it, a <c>StateContext</c> that serializes the state type, and an iterator body
/// so that its checkpoints fall between the records they cover.
/// </summary>
internal static class StreamStateRules
{
    /// <summary>TState of a by-value <c>StreamState&lt;TState&gt;</c> parameter; null for any other parameter.</summary>
    public static ITypeSymbol? StateType(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.Is(TypeNames.StreamState)
            ? named.TypeArguments[0]
            : null;

    /// <summary>The stream's state model; null when it keeps none, or when a rule is broken (then reported, and <paramref name="valid"/> cleared).</summary>
    public static StreamStateModel? State(IMethodSymbol method, AttributeData attribute, EquatableArray<ParameterModel> parameters,
        ProblemSink problems, CancellationToken cancellationToken, ref bool valid)
    {
        var context = attribute.Named("StateContext")?.Value as INamedTypeSymbol;
        var stateParameters = method.Parameters.Where(p => StateType(p) is not null).ToList();
        if (stateParameters.Count == 0)
        {
            if (context is not null)
            {
                problems.Report(DiagnosticDescriptors.StreamStateMisused, attribute.ArgumentLocation("StateContext", cancellationToken), method.Name,
                    "names a StateContext but takes no StreamState<TState> parameter; add one, or remove StateContext");
                valid = false;
            }
            return null;
        }
        var parameter = stateParameters[0];
        if (stateParameters.Count > 1)
        {
            problems.Report(DiagnosticDescriptors.StreamStateMisused, stateParameters[1].FirstLocation(), method.Name,
                "takes more than one StreamState<TState> parameter; a stream keeps one state");
            valid = false;
            return null;
        }
        if (parameters.Any(p => p.Kind == ParameterKind.Cursor))
        {
            problems.Report(DiagnosticDescriptors.StreamStateMisused, parameter.FirstLocation(), method.Name,
                "takes both a cursor parameter and a StreamState<TState>; a stream's saved state is one or the other (keep the cursor value in the state)");
            valid = false;
            return null;
        }
        var stateType = StateType(parameter)!;
        if (ContextProblem(context, stateType) is { } problem)
        {
            var location = context is null ? parameter.FirstLocation() : attribute.ArgumentLocation("StateContext", cancellationToken);
            problems.Report(DiagnosticDescriptors.StreamStateWithoutSerializer, location, method.Name, stateType.ToDisplayString(), problem);
            valid = false;
            return null;
        }
        if (!IsIterator(method, cancellationToken))
        {
            problems.Report(DiagnosticDescriptors.StatefulStreamNotIterator, method.FirstLocation(), method.Name, stateType.ToDisplayString());
            valid = false;
            return null;
        }
        return new StreamStateModel(stateType.QualifiedName(), context!.QualifiedName());
    }

    private static string? ContextProblem(INamedTypeSymbol? context, ITypeSymbol stateType)
    {
        if (context is null)
        {
            return "its [Stream] attribute names no StateContext: add StateContext = typeof(…) naming a JsonSerializerContext with [JsonSerializable(typeof(" + stateType.Name + "))]";
        }
        if (!DerivesFrom(context, TypeNames.JsonSerializerContext))
        {
            return $"its StateContext '{context.ToDisplayString()}' is not a System.Text.Json JsonSerializerContext";
        }
        var serializes = context.GetAttributes().Any(a => a.AttributeClass.Is(TypeNames.JsonSerializableAttribute)
            && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is ITypeSymbol listed
            && SymbolEqualityComparer.Default.Equals(listed.WithNullableAnnotation(NullableAnnotation.NotAnnotated),
                stateType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
        return serializes ? null
            : $"its StateContext '{context.ToDisplayString()}' has no [JsonSerializable(typeof({stateType.Name}))]";
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Is(metadataName))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the method's own body yields (a yield inside a lambda or local function does not count).</summary>
    private static bool IsIterator(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax { Body: { } body } && YieldsInOwnBody(body))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when a method body yields (not inside a lambda or local function). The only thing the parsers read of a body,
    /// so <see cref="DeclarationFingerprint"/> hashes it too.
    /// </summary>
    internal static bool YieldsInOwnBody(BlockSyntax body) =>
        body.DescendantNodes(node => node is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            .OfType<YieldStatementSyntax>().Any();
}
