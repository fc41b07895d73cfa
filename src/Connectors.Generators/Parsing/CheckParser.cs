using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Reads the <c>[Check]</c> method.</summary>
internal static class CheckParser
{
    public static CheckModel? Parse(INamedTypeSymbol type, ProblemSink problems, CancellationToken cancellationToken)
    {
        CheckModel? check = null;
        IMethodSymbol? first = null;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.FindAttribute(TypeNames.CheckAttribute) is null)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (first is not null)
            {
                problems.Report(DiagnosticDescriptors.DuplicateCheck, method.FirstLocation(), first.Name);
                continue;
            }
            first = method;
            check = Method(method, problems);
        }
        return check;
    }

    private static CheckModel? Method(IMethodSymbol method, ProblemSink problems)
    {
        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Report(DiagnosticDescriptors.AsyncVoidMethod, method.FirstLocation(), "Check", method.Name,
                "a check returns Task<CheckResult> or ValueTask<CheckResult> when it is async");
            return null;
        }
        var returns = MethodSignatures.ReturnsCheckResult(method);
        string? problem = method.IsGenericMethod ? "it is generic"
            : returns is null ? $"it returns '{method.ReturnType.ToDisplayString()}'"
            : null;
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            var kind = MethodSignatures.Service(parameter);
            if (kind is not (ParameterKind.CancellationToken or ParameterKind.Logger))
            {
                problem ??= $"the runtime cannot supply parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}'";
                continue;
            }
            parameters.Add(MethodSignatures.Model(kind.Value));
        }
        if (problem is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidCheckSignature, method.FirstLocation(), method.Name, problem);
            return null;
        }
        return new CheckModel(method.Name, method.IsStatic, returns!.Value, parameters.ToEquatableArray());
    }
}
