using System.Collections.Immutable;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Connectors.Generators.Analyzers;

/// <summary>
/// Reports every problem that makes the generator skip part of a <c>[Connector]</c> class. It runs the generator's own
/// parser with a collecting sink, so what the generator skips and what the analyzer flags cannot drift apart.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectorAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.MissingCheck,
        DiagnosticDescriptors.MissingStreams,
        DiagnosticDescriptors.InvalidStreamReturnType,
        DiagnosticDescriptors.InvalidStreamParameter,
        DiagnosticDescriptors.UnknownPrimaryKeyMember,
        DiagnosticDescriptors.UnknownCursorMember,
        DiagnosticDescriptors.DuplicateStreamName,
        DiagnosticDescriptors.UnsupportedConfigType,
        DiagnosticDescriptors.InvalidCheckSignature,
        DiagnosticDescriptors.UnsupportedRecordMemberType,
        DiagnosticDescriptors.InvalidConnectorClass,
        DiagnosticDescriptors.MissingParameterlessConstructor,
        DiagnosticDescriptors.ConfigPropertyNotSettable,
        DiagnosticDescriptors.CursorParameterMismatch,
        DiagnosticDescriptors.UnsupportedCursorType,
        DiagnosticDescriptors.DuplicateCheck,
        DiagnosticDescriptors.MissingWriteMethod,
        DiagnosticDescriptors.InvalidWriteSignature,
        DiagnosticDescriptors.UnimplementableSyncMode,
        DiagnosticDescriptors.InvalidDestinationHookSignature,
        DiagnosticDescriptors.DuplicateDestinationMethod,
        DiagnosticDescriptors.MemberNotForConnectorKind,
        DiagnosticDescriptors.InvalidCommandMethod,
        DiagnosticDescriptors.UnsupportedPayloadParameter,
        DiagnosticDescriptors.UnsupportedCommandResult,
        DiagnosticDescriptors.DuplicateCommandAction,
        DiagnosticDescriptors.InvalidCommandAction,
        DiagnosticDescriptors.InvalidLifecycleHook,
        DiagnosticDescriptors.DuplicateLifecycleHook,
        DiagnosticDescriptors.AmbiguousWholePayload,
        DiagnosticDescriptors.AsyncVoidMethod,
        DiagnosticDescriptors.NullablePrimaryKey,
        DiagnosticDescriptors.InvalidStreamName,
        DiagnosticDescriptors.SecretNotMarked,
        DiagnosticDescriptors.SecretOnNonString,
        DiagnosticDescriptors.DefaultViolatesConstraints,
        DiagnosticDescriptors.ConfigValueTypeMismatch,
        DiagnosticDescriptors.RecordWithoutMembers,
        DiagnosticDescriptors.StreamEndAndIncompleteOnOneMethod,
        DiagnosticDescriptors.InvalidDiscoverMethod,
        DiagnosticDescriptors.UnknownStreamReadMethod,
        DiagnosticDescriptors.InvalidStreamReadMethod,
        DiagnosticDescriptors.StreamStateWithoutSerializer,
        DiagnosticDescriptors.StreamStateMisused,
        DiagnosticDescriptors.StatefulStreamNotIterator);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.FindAttribute(TypeNames.ConnectorAttribute) is not { } attribute)
        {
            return;
        }
        var problems = new CollectingProblemSink();
        ConnectorParser.Parse(type, attribute, context.Compilation, problems, context.CancellationToken);
        foreach (var diagnostic in problems.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
