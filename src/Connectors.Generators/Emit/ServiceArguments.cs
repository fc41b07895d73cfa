using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>What a check or stream method gets for each parameter the runtime supplies, read from the runtime's request.</summary>
internal static class ServiceArguments
{
    /// <summary>The expression that supplies a service parameter from a runtime request.</summary>
    public static string Of(ParameterModel parameter) => parameter.Kind switch
    {
        ParameterKind.CancellationToken => "request.CancellationToken",
        ParameterKind.Logger => "request.Logger",
        ParameterKind.StreamContext => "request.Context",
        ParameterKind.State => $"(global::Connectors.Runtime.StreamState<{parameter.TypeName}>)request.State!",
        _ => CursorArgument(parameter),
    };

    private static string CursorArgument(ParameterModel parameter) => (parameter.IsValueType, parameter.IsNullable) switch
    {
        (true, true) => $"({parameter.TypeName}?)request.Since",
        (true, false) => $"request.Since is {parameter.TypeName} since ? since : default",
        (false, true) => $"({parameter.TypeName}?)request.Since",
        (false, false) => $"({parameter.TypeName}?)request.Since ?? \"\"",
    };
}
