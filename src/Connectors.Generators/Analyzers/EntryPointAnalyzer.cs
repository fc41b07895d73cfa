using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Model;
using Connectors.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Connectors.Generators.Analyzers;

/// <summary>
/// Checks what the generated <c>Main</c> of an executable needs: one connector to run (CONN0045) that it can name
/// (CONN0044). It applies the generator's own choice (<see cref="EntryPointModel.Choose{T}"/>) over the whole
/// compilation, so it reports at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EntryPointAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InaccessibleEntryPointConnector,
        DiagnosticDescriptors.AmbiguousEntryPoint);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            {
                return;
            }
            var connectors = new ConcurrentBag<Candidate>();
            start.RegisterSymbolAction(symbol =>
            {
                var type = (INamedTypeSymbol)symbol.Symbol;
                if (type.FindAttribute(TypeNames.ConnectorAttribute) is { } attribute)
                {
                    connectors.Add(new Candidate(type, attribute.NamedBool("EntryPoint")));
                }
            }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, connectors.ToArray()));
        });
    }

    private static void Report(CompilationAnalysisContext context, Candidate[] connectors)
    {
        if (connectors.Length == 0)
        {
            return;
        }
        var options = ConnectorGenerator.ReadEntryPointOptions(context.Compilation, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken);
        if (!options.Wanted)
        {
            return;
        }
        // Source order, so messages and locations do not depend on the order symbols were analyzed in.
        var ordered = connectors.OrderBy(c => c.Type.FirstLocation()?.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(c => c.Type.FirstLocation()?.SourceSpan.Start ?? 0)
            .ToArray();
        var chosen = EntryPointModel.Choose(ordered, static c => c.IsMarked);
        if (chosen is null)
        {
            var marked = ordered.Count(c => c.IsMarked);
            var names = string.Join(", ", ordered.Select(c => c.Type.Name));
            var problem = marked == 0 ? "none says EntryPoint = true" : $"{marked} of them say EntryPoint = true";
            foreach (var connector in ordered.Where(c => marked == 0 || c.IsMarked))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AmbiguousEntryPoint, connector.Type.FirstLocation(),
                    ordered.Length, names, problem));
            }
            return;
        }
        if (ConnectorParser.Inaccessibility(chosen.Type) is { } inaccessible)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InaccessibleEntryPointConnector, chosen.Type.FirstLocation(),
                chosen.Type.Name, inaccessible));
        }
    }

    private sealed class Candidate
    {
        public Candidate(INamedTypeSymbol type, bool isMarked) => (Type, IsMarked) = (type, isMarked);

        public INamedTypeSymbol Type { get; }

        public bool IsMarked { get; }
    }
}
