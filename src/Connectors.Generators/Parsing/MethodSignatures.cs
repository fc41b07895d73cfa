using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// What the runtime can pass to and take back from the connector's methods: the parameters it supplies (services) and
/// how a method returns. Shared by every method parser (check, streams, destination methods, commands, hooks).
/// </summary>
internal static class MethodSignatures
{
    /// <summary>A service a check, stream or destination method can take (token, logger, stream context); null for anything else.</summary>
    public static ParameterKind? Service(IParameterSymbol parameter) => ServiceType(parameter) switch
    {
        TypeNames.CancellationToken => ParameterKind.CancellationToken,
        TypeNames.ILogger => ParameterKind.Logger,
        TypeNames.StreamContext => ParameterKind.StreamContext,
        _ => null,
    };

    /// <summary>A service a command or hook can take; null for anything else (a payload parameter, for commands).</summary>
    public static CommandParameterKind? CommandService(IParameterSymbol parameter) => ServiceType(parameter) switch
    {
        TypeNames.CancellationToken => CommandParameterKind.CancellationToken,
        TypeNames.ILogger => CommandParameterKind.Logger,
        TypeNames.OperatingStatus => CommandParameterKind.OperatingStatus,
        TypeNames.ConnectorContext => CommandParameterKind.ConnectorContext,
        _ => null,
    };

    public static ParameterModel Model(ParameterKind kind) => new(kind, "", false, false);

    /// <summary>The metadata name of a by-value parameter's type when it is a service the runtime supplies to some method.</summary>
    private static string? ServiceType(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }
        var type = parameter.Type;
        return type.Is(TypeNames.CancellationToken) ? TypeNames.CancellationToken
            : type.Is(TypeNames.ILogger) ? TypeNames.ILogger
            : type.Is(TypeNames.StreamContext) ? TypeNames.StreamContext
            : type.Is(TypeNames.OperatingStatus) ? TypeNames.OperatingStatus
            : type.Is(TypeNames.ConnectorContext) ? TypeNames.ConnectorContext
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

    /// <summary>void, Task or ValueTask; null for a method that returns a value.</summary>
    public static ReturnKind? ReturnsNothing(IMethodSymbol method)
    {
        var kind = Return(method, out var value);
        return value is null ? kind : null;
    }

    /// <summary>CheckResult, Task&lt;CheckResult&gt; or ValueTask&lt;CheckResult&gt;; null for anything else.</summary>
    public static ReturnKind? ReturnsCheckResult(IMethodSymbol method)
    {
        var kind = Return(method, out var value);
        return value.Is(TypeNames.CheckResult) ? kind : null;
    }

    /// <summary>Why the runtime cannot call a command or hook at all, or null.</summary>
    public static string? CallProblem(IMethodSymbol method) =>
        method.IsGenericMethod ? "it is generic"
        : method.IsAsync && method.ReturnsVoid ? "it is async void, so its outcome cannot be awaited"
        : null;
}
