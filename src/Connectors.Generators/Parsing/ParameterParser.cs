using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Recognises the parameters the runtime can supply to connector methods.</summary>
internal static class ParameterParser
{
    /// <summary>The kind of a service parameter (token, logger, stream context); null for anything else.</summary>
    public static ParameterKind? Service(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }
        var type = parameter.Type;
        if (type.Is(TypeNames.CancellationToken))
        {
            return ParameterKind.CancellationToken;
        }
        if (type.Is(TypeNames.ILogger))
        {
            return ParameterKind.Logger;
        }
        if (type.Is(TypeNames.StreamContext))
        {
            return ParameterKind.StreamContext;
        }
        return null;
    }

    public static ParameterModel Model(ParameterKind kind) => new(kind, "", false, false);
}
