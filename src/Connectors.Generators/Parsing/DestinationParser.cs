using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Reads a destination's <c>[Write]</c>, <c>[StreamStart]</c>, <c>[StreamEnd]</c>, <c>[StreamIncomplete]</c> and
/// <c>[Commit]</c> methods and the sync modes it declares; reports methods that belong to the other kind of connector.
/// </summary>
internal static class DestinationParser
{
    /// <summary>A kind of destination method: its attribute, the parameters it must take and how messages describe them.</summary>
    private sealed record HookKind(string Attribute, string ShortName, bool NeedsStream, bool NeedsBatch, string Takes, bool TakesReason = false);

    private static readonly HookKind Write = new(TypeNames.WriteAttribute, "Write", true, true, "");
    private static readonly HookKind StreamStart = new(TypeNames.StreamStartAttribute, "StreamStart", true, false,
        "a DestinationStream, and optionally CancellationToken and ILogger");
    private static readonly HookKind StreamEnd = new(TypeNames.StreamEndAttribute, "StreamEnd", true, false,
        "a DestinationStream, and optionally CancellationToken and ILogger");
    private static readonly HookKind StreamIncomplete = new(TypeNames.StreamIncompleteAttribute, "StreamIncomplete", true, false,
        "a DestinationStream, and optionally StreamIncompleteReason, CancellationToken and ILogger", TakesReason: true);
    private static readonly HookKind Commit = new(TypeNames.CommitAttribute, "Commit", false, false, "only CancellationToken and ILogger");
    private static readonly HookKind[] Kinds = { Write, StreamStart, StreamEnd, StreamIncomplete, Commit };

    /// <summary>The destination's model; null when it has no callable <c>[Write]</c> method.</summary>
    public static DestinationModel? Parse(INamedTypeSymbol type, string connectorName, ProblemSink problems, CancellationToken cancellationToken)
    {
        var first = new Dictionary<HookKind, IMethodSymbol>();
        var hooks = new Dictionary<HookKind, DestinationMethodModel>();
        AttributeData? writeAttribute = null;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var endsBothWays = method.FindAttribute(StreamEnd.Attribute) is not null && method.FindAttribute(StreamIncomplete.Attribute) is not null;
            if (endsBothWays)
            {
                problems.Report(DiagnosticDescriptors.StreamEndAndIncompleteOnOneMethod, method.FirstLocation(), method.Name);
            }
            foreach (var kind in Kinds)
            {
                var attribute = method.FindAttribute(kind.Attribute);
                if (attribute is null || (endsBothWays && kind == StreamIncomplete))
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (first.TryGetValue(kind, out var earlier))
                {
                    problems.Report(DiagnosticDescriptors.DuplicateDestinationMethod, method.FirstLocation(), kind.ShortName, earlier.Name);
                    continue;
                }
                first[kind] = method;
                if (kind == Write)
                {
                    writeAttribute = attribute;
                }
                if (Hook(method, kind, problems) is { } hook)
                {
                    hooks[kind] = hook;
                }
            }
        }
        if (writeAttribute is null)
        {
            problems.Report(DiagnosticDescriptors.MissingWriteMethod, type.FirstLocation(), connectorName);
            return null;
        }
        var modes = SyncModes(writeAttribute, connectorName, first.ContainsKey(StreamEnd), problems, cancellationToken);
        if (!hooks.TryGetValue(Write, out var write))
        {
            return null;
        }
        return new DestinationModel(
            modes,
            System.Math.Max(0, writeAttribute.NamedInt("MaxBatchRecords") ?? 0),
            System.Math.Max(0, writeAttribute.NamedInt("MaxBatchBytes") ?? 0),
            write,
            hooks.TryGetValue(StreamStart, out var start) ? start : null,
            hooks.TryGetValue(StreamEnd, out var end) ? end : null,
            hooks.TryGetValue(StreamIncomplete, out var incomplete) ? incomplete : null,
            hooks.TryGetValue(Commit, out var commit) ? commit : null);
    }

    /// <summary>Reports methods a connector of this kind does not use: <c>[Stream]</c> in a destination, destination methods in a source.</summary>
    public static void ReportMisplacedMethods(INamedTypeSymbol type, bool isDestination, ProblemSink problems)
    {
        if (!problems.IsCollecting)
        {
            return;
        }
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (isDestination && SourceStreamAttribute(method) is { } attribute)
            {
                problems.Report(DiagnosticDescriptors.MemberNotForConnectorKind, method.FirstLocation(), method.Name, attribute, "destination",
                    "a destination receives its streams from the catalog and writes them in its [Write] method");
            }
            if (!isDestination && Kinds.FirstOrDefault(k => method.FindAttribute(k.Attribute) is not null) is { } kind)
            {
                problems.Report(DiagnosticDescriptors.MemberNotForConnectorKind, method.FirstLocation(), method.Name, kind.ShortName, "source",
                    "set Kind = ConnectorKind.Destination on [Connector] to make the class a destination");
            }
        }
    }

    /// <summary>
    /// The source attribute that declares streams on the method, if any: a destination's parse reads neither [Stream] nor
    /// [DiscoverStreams], so without CONN0023 such a method would be ignored silently.
    /// </summary>
    private static string? SourceStreamAttribute(IMethodSymbol method) =>
        method.FindAttribute(TypeNames.StreamAttribute) is not null ? "Stream"
        : method.FindAttribute(DynamicStreamParser.DiscoverStreamsAttribute) is not null ? "DiscoverStreams"
        : null;

    /// <summary>The declared sync modes that the class can implement; reports the others.</summary>
    private static int SyncModes(AttributeData write, string connectorName, bool hasStreamEnd, ProblemSink problems, CancellationToken cancellationToken)
    {
        var declared = write.NamedInt("SyncModes") ?? SyncModeFlags.Append;
        var modes = declared & SyncModeFlags.All;
        string? problem = null;
        if ((declared & ~SyncModeFlags.All) != 0)
        {
            problem = $"declares the sync mode value {declared & ~SyncModeFlags.All}, which is not a DestinationSyncModes flag";
        }
        else if (modes == 0)
        {
            problem = "declares no destination sync mode; set SyncModes on [Write] to Append, Overwrite and/or AppendDedup";
        }
        else if ((modes & SyncModeFlags.Overwrite) != 0 && !hasStreamEnd)
        {
            problem = "declares Overwrite but has no [StreamEnd] method, where the new data would replace the old once the stream is complete";
            modes &= ~SyncModeFlags.Overwrite;
        }
        if (problem is not null)
        {
            problems.Report(DiagnosticDescriptors.UnimplementableSyncMode, write.ArgumentLocation("SyncModes", cancellationToken), connectorName, problem);
        }
        return modes;
    }

    private static DestinationMethodModel? Hook(IMethodSymbol method, HookKind kind, ProblemSink problems)
    {
        var returns = MethodSignatures.ReturnsNothing(method);
        string? problem = method.IsGenericMethod ? "it is generic"
            : method.IsAsync && method.ReturnsVoid ? "it is async void, so the runtime cannot wait for it"
            : returns is null ? $"it returns '{method.ReturnType.ToDisplayString()}'"
            : null;
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            var parameterKind = ParameterKindOf(parameter);
            var allowed = parameterKind is ParameterKind.CancellationToken or ParameterKind.Logger
                || (parameterKind == ParameterKind.DestinationStream && kind.NeedsStream)
                || (parameterKind == ParameterKind.RecordBatch && kind.NeedsBatch)
                || (parameterKind == ParameterKind.IncompleteReason && kind.TakesReason);
            if (!allowed)
            {
                problem ??= $"the runtime cannot supply parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}'";
                continue;
            }
            parameters.Add(MethodSignatures.Model(parameterKind!.Value));
        }
        if (problem is null && kind.NeedsStream && !parameters.Any(p => p.Kind == ParameterKind.DestinationStream))
        {
            problem = "it takes no DestinationStream, so it cannot tell which stream it handles";
        }
        if (problem is null && kind.NeedsBatch && !parameters.Any(p => p.Kind == ParameterKind.RecordBatch))
        {
            problem = "it takes no RecordBatch, so it cannot receive records";
        }
        if (problem is not null)
        {
            if (kind == Write)
            {
                problems.Report(DiagnosticDescriptors.InvalidWriteSignature, method.FirstLocation(), method.Name, problem);
            }
            else
            {
                problems.Report(DiagnosticDescriptors.InvalidDestinationHookSignature, method.FirstLocation(), kind.ShortName, method.Name, problem, kind.Takes);
            }
            return null;
        }
        return new DestinationMethodModel(method.Name, method.IsStatic, returns!.Value, parameters.ToEquatableArray());
    }

    private static ParameterKind? ParameterKindOf(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }
        if (parameter.Type.Is(TypeNames.DestinationStream))
        {
            return ParameterKind.DestinationStream;
        }
        if (parameter.Type.Is(TypeNames.RecordBatch))
        {
            return ParameterKind.RecordBatch;
        }
        if (parameter.Type.Is(TypeNames.StreamIncompleteReason))
        {
            return ParameterKind.IncompleteReason;
        }
        return MethodSignatures.Service(parameter);
    }
}
