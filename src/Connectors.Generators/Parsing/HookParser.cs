using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Reads the lifecycle hook methods (<c>[OnStart]</c>, <c>[ValidateConfig]</c>, …) of a connector class.</summary>
internal static class HookParser
{
    private static readonly (string Attribute, HookKind Kind)[] Attributes =
    {
        (TypeNames.OnInitializingAttribute, HookKind.OnInitializing),
        (TypeNames.OnInitializedAttribute, HookKind.OnInitialized),
        (TypeNames.OnStartAttribute, HookKind.OnStart),
        (TypeNames.OnStopAttribute, HookKind.OnStop),
        (TypeNames.OnShutdownAttribute, HookKind.OnShutdown),
        (TypeNames.OnConnectorUpdatedAttribute, HookKind.OnConnectorUpdated),
        (TypeNames.OnConnectorDeletedAttribute, HookKind.OnConnectorDeleted),
        (TypeNames.ValidateConfigAttribute, HookKind.ValidateConfig),
    };

    public static EquatableArray<HookModel> Parse(INamedTypeSymbol type, ProblemSink problems, CancellationToken cancellationToken,
        out bool declaresHooks)
    {
        var hooks = new List<HookModel>();
        var first = new Dictionary<HookKind, IMethodSymbol>();
        declaresHooks = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (var (attribute, kind) in Attributes)
            {
                if (method.FindAttribute(attribute) is null)
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                declaresHooks = true;
                if (first.TryGetValue(kind, out var existing))
                {
                    problems.Report(DiagnosticDescriptors.DuplicateLifecycleHook, method.FirstLocation(), DisplayName(kind), existing.Name);
                    continue;
                }
                first[kind] = method;
                if (Hook(method, kind, problems) is { } hook)
                {
                    hooks.Add(hook);
                }
            }
        }
        return hooks.ToEquatableArray();
    }

    /// <summary>The attribute as an author writes it, for messages: <c>[OnStart]</c>.</summary>
    public static string DisplayName(HookKind kind) => "[" + kind + "]";

    private static HookModel? Hook(IMethodSymbol method, HookKind kind, ProblemSink problems)
    {
        var returns = kind == HookKind.ValidateConfig ? MethodSignatures.ReturnsCheckResult(method) : MethodSignatures.ReturnsNothing(method);
        var problem = MethodSignatures.CallProblem(method)
            ?? (returns is null
                ? $"it returns '{method.ReturnType.ToDisplayString()}'; it must return {(kind == HookKind.ValidateConfig ? "CheckResult, Task<CheckResult> or ValueTask<CheckResult>" : "void, Task or ValueTask")}"
                : null);
        var parameters = new List<CommandParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (MethodSignatures.CommandService(parameter) is { } service)
            {
                parameters.Add(new CommandParameterModel(service, parameter.Name));
                continue;
            }
            problem ??= $"the runtime cannot supply parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}'; hooks take only CancellationToken, ILogger, OperatingStatus and ConnectorContext";
        }
        if (problem is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidLifecycleHook, method.FirstLocation(), DisplayName(kind), method.Name, problem);
            return null;
        }
        return new HookModel(kind, method.Name, method.IsStatic, returns!.Value, parameters.ToEquatableArray());
    }
}
