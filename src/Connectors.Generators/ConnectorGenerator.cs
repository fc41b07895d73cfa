using System;
using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Emit;
using Connectors.Generators.Model;
using Connectors.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators;

/// <summary>
/// Generates, for every <c>[Connector]</c> class: its description (spec, config binder, catalog, record serializers,
/// stream dispatch) and, for an executable without its own entry point, a <c>Main</c> (a stand-in that fails, when the
/// class cannot be completed, so the compiler adds no CS5001 to the analyzers' error). The pipeline is parse → equatable
/// model → emit; the generator reports nothing (the analyzers do) and skips what it cannot model.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConnectorGenerator : IIncrementalGenerator
{
    /// <summary>The MSBuild property that switches the generated Main off.</summary>
    public const string EntryPointProperty = "build_property.ConnectorsGenerateEntryPoint";

    /// <summary>Test hook: called with the models the source output receives.</summary>
    internal Action<ImmutableArray<object>>? OnModelsBuilt { get; init; }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The one attribute step: Roslyn re-runs it on every edit, so it only finds the class and fingerprints the
        // compilation's declarations; the parse steps below run only when that input changed (DeclarationFingerprint).
        var inputs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.ConnectorAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) => ConnectorInput.From(syntax, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.ConnectorInputs);

        var models = inputs
            .Select(static (input, cancellationToken) => Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.ConnectorModels);

        var connectors = models
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ValidConnectors);

        context.RegisterSourceOutput(connectors, static (output, connector) => EmitConnector(output, connector));

        var commandConnectors = connectors
            .Where(static connector => connector.Commands is not null)
            .WithTrackingName(TrackingNames.CommandConnectors);

        context.RegisterSourceOutput(commandConnectors, static (output, connector) =>
            output.AddSource(connector.Type.HintName + ".Commands.g.cs", CommandsEmitter.Emit(connector, GeneratedNames.For(connector))));

        // Its own model, so editing a [DiscoverStreams] family regenerates only its file (and the other way round).
        var dynamicStreams = inputs
            .Select(static (input, cancellationToken) => DynamicStreams(input, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.DynamicStreamConnectors);

        context.RegisterSourceOutput(dynamicStreams, static (output, model) =>
            output.AddSource(model.Type.HintName + ".DynamicStreams.g.cs", DynamicStreamsEmitter.Emit(model)));

        var entryPointOptions = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadEntryPointOptions(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.EntryPointOptions);

        // Not derived from the valid models: a class the generator cannot complete still gets a stand-in Main.
        var entryPointCandidates = inputs
            .Select(static (input, cancellationToken) => EntryPointCandidate(input, cancellationToken))
            .Where(static candidate => candidate is not null)
            .Select(static (candidate, _) => candidate!)
            .WithTrackingName(TrackingNames.EntryPointCandidates);

        var entryPoint = entryPointCandidates
            .Collect()
            .Combine(entryPointOptions)
            .Select(static (pair, _) => pair.Right.Wanted && EntryPointModel.Choose(pair.Left, static c => c.IsMarked) is { IsAccessible: true } chosen
                ? chosen
                : null)
            .WithTrackingName(TrackingNames.EntryPointTarget);

        context.RegisterSourceOutput(entryPoint, static (output, connector) =>
        {
            if (connector is not null)
            {
                var source = connector.IsGenerated ? EntryPointEmitter.Emit(connector) : EntryPointEmitter.EmitStandIn(connector);
                output.AddSource(connector.Type.HintName + ".Program.g.cs", source);
            }
        });

        if (OnModelsBuilt is { } hook)
        {
            context.RegisterSourceOutput(connectors.Collect(), (_, all) => hook(all.Cast<object>().ToImmutableArray()));
        }
    }

    private static ConnectorModel? Parse(ConnectorInput input, System.Threading.CancellationToken cancellationToken)
    {
        var (type, attribute, compilation) = input.Resolve();
        try
        {
            return ConnectorParser.Parse(type, attribute, compilation, ProblemSink.Ignore, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never break the editor: code the parser cannot make sense of (half-typed, say) generates nothing, and the
            // analyzer, which runs the same parser, surfaces the problem.
            return null;
        }
    }

    private static DynamicStreamsModel? DynamicStreams(ConnectorInput input, System.Threading.CancellationToken cancellationToken)
    {
        var (type, attribute, _) = input.Resolve();
        try
        {
            return DynamicStreamParser.Model(type, attribute, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As in Parse: never break the editor.
            return null;
        }
    }

    private static EntryPointModel? EntryPointCandidate(ConnectorInput input, System.Threading.CancellationToken cancellationToken)
    {
        var (type, attribute, _) = input.Resolve();
        try
        {
            return ConnectorParser.EntryPoint(type, attribute, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As in Parse: never break the editor.
            return null;
        }
    }

    private static void EmitConnector(SourceProductionContext output, ConnectorModel connector)
    {
        var hint = connector.Type.HintName;
        var names = GeneratedNames.For(connector);
        output.AddSource(hint + ".Connector.g.cs", ConnectorEmitter.Emit(connector, names));
        output.AddSource(hint + ".Spec.g.cs", SpecEmitter.Emit(connector));
        output.AddSource(hint + ".ConfigBinder.g.cs", ConfigBinderEmitter.Emit(connector, names));
        if (!connector.Streams.IsEmpty)
        {
            output.AddSource(hint + ".Streams.g.cs", StreamsEmitter.Emit(connector, names));
        }
        if (RecordWritersEmitter.HasWriters(connector))
        {
            output.AddSource(hint + ".RecordWriters.g.cs", RecordWritersEmitter.Emit(connector, names));
        }
        if (connector.Destination is { } destination)
        {
            output.AddSource(hint + ".Destination.g.cs", DestinationEmitter.Emit(connector, destination));
        }
    }

    internal static EntryPointOptions ReadEntryPointOptions(Compilation compilation,
        Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        var isExecutable = compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;
        var disabled = options.GlobalOptions.TryGetValue(EntryPointProperty, out var value)
            && string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        return new EntryPointOptions(isExecutable, isExecutable && !disabled && HasOwnEntryPoint(compilation, cancellationToken), disabled);
    }

    /// <summary>Top-level statements or a static Main anywhere: cheap declaration-level checks, no binding.</summary>
    private static bool HasOwnEntryPoint(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax))
            {
                return true;
            }
        }
        return compilation.GetSymbolsWithName("Main", SymbolFilter.Member, cancellationToken)
            .OfType<IMethodSymbol>()
            .Any(m => m.IsStatic && m.DeclaringSyntaxReferences.Length > 0);
    }
}
