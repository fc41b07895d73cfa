using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Recognises the parameters the runtime supplies to command and hook methods, and how they return.</summary>
internal static class CommandParameterParser
{
    /// <summary>The kind of a runtime-supplied parameter; null for anything else (a payload parameter, for commands).</summary>
    public static CommandParameterKind? Service(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }
        var type = parameter.Type;
        return type.Is(TypeNames.CancellationToken) ? CommandParameterKind.CancellationToken
            : type.Is(TypeNames.ILogger) ? CommandParameterKind.Logger
            : type.Is(TypeNames.OperatingStatus) ? CommandParameterKind.OperatingStatus
            : type.Is(TypeNames.ConnectorContext) ? CommandParameterKind.ConnectorContext
            : null;
    }

    /// <summary>
    /// How a method returns: <see cref="ReturnKind.Task"/>/<see cref="ReturnKind.ValueTask"/> for awaitables, otherwise
    /// <see cref="ReturnKind.Value"/>; <paramref name="value"/> is the awaited or returned type, null for none (void).
    /// </summary>
    public static ReturnKind Return(IMethodSymbol method, out ITypeSymbol? value)
    {
        value = null;
        if (method.ReturnsVoid)
        {
            return ReturnKind.Value;
        }
        if (method.ReturnType is INamedTypeSymbol named && (named.Is(TypeNames.Task) || named.Is(TypeNames.ValueTask)))
        {
            if (named.TypeArguments.Length == 1)
            {
                value = named.TypeArguments[0];
            }
            return named.Is(TypeNames.Task) ? ReturnKind.Task : ReturnKind.ValueTask;
        }
        value = method.ReturnType;
        return ReturnKind.Value;
    }

    /// <summary>Why the runtime cannot call a method at all, or null.</summary>
    public static string? CallProblem(IMethodSymbol method) =>
        method.IsGenericMethod ? "it is generic"
        : method.IsAsync && method.ReturnsVoid ? "it is async void, so its outcome cannot be awaited"
        : null;
}
