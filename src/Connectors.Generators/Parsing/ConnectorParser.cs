using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Reads a <c>[Connector]</c> class into a <see cref="ConnectorModel"/>. The generator and the analyzer both call it: the
/// generator ignores the problems and gets null for a class it cannot generate; the analyzer reports them.
/// </summary>
internal static class ConnectorParser
{
    public const string DefaultVersion = "0.1.0";

    /// <summary>The value of <c>ConnectorKind.Destination</c> (Connectors.Abstractions, not referenced; a test ties the two).</summary>
    public const int DestinationKind = 1;

    public static ConnectorModel? Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, ProblemSink problems,
        CancellationToken cancellationToken)
    {
        var valid = CheckClass(type, problems, cancellationToken);
        if (!valid && !problems.IsCollecting)
        {
            return null;
        }

        var name = Name(type, attribute);
        var isDestination = attribute.NamedInt("Kind") == DestinationKind;
        var factory = new TypeShapeFactory(compilation, attribute.NamedInt("Naming") ?? JsonNaming.SnakeCase, problems, cancellationToken);
        var config = factory.ConfigObject(type, type);
        var check = CheckParser.Parse(type, problems, cancellationToken);
        // A destination has no streams of its own; it writes the catalog's.
        var declaresStreams = false;
        var streams = isDestination ? EquatableArray<StreamModel>.Empty : StreamParser.Parse(type, factory, problems, cancellationToken, out declaresStreams);
        var declaresDynamic = false;
        var dynamicStreams = isDestination ? EquatableArray<DynamicStreamFamilyModel>.Empty
            : DynamicStreamParser.Parse(type, problems, cancellationToken, out declaresDynamic);
        declaresStreams |= declaresDynamic;
        var destination = isDestination ? DestinationParser.Parse(type, name, problems, cancellationToken) : null;
        DestinationParser.ReportMisplacedMethods(type, isDestination, problems);
        var commands = Commands(type, factory, problems, cancellationToken);

        if (!isDestination && check is null && !type.GetMembers().Any(m => m.FindAttribute(TypeNames.CheckAttribute) is not null))
        {
            problems.Report(DiagnosticDescriptors.MissingCheck, type.FirstLocation(), name);
        }
        // A connector steered by commands may have nothing to read.
        if (!isDestination && !declaresStreams && commands is null)
        {
            problems.Report(DiagnosticDescriptors.MissingStreams, type.FirstLocation(), name);
        }
        if (!valid)
        {
            return null;
        }
        NoteConnectorMembers(type, factory.Usage);
        return new ConnectorModel(
            Declaration(type),
            name,
            attribute.NamedString("Version") ?? DefaultVersion,
            attribute.NamedString("Title") ?? name,
            attribute.NamedString("DocumentationUrl"),
            isDestination,
            config,
            check,
            streams)
        {
            Destination = destination,
            Commands = commands,
            StrictConfig = attribute.NamedBool("StrictConfig"),
            HasDynamicStreams = !dynamicStreams.IsEmpty,
            UsageDiagnosticIds = factory.Usage.Ids,
        };
    }

    /// <summary>The methods and properties the generated code calls: those with a Connectors attribute.</summary>
    private static void NoteConnectorMembers(INamedTypeSymbol type, UsageDiagnostics usage)
    {
        foreach (var member in type.GetMembers())
        {
            foreach (var attribute in member.GetAttributes())
            {
                if (attribute.AttributeClass?.ContainingNamespace is { Name: "Connectors", ContainingNamespace.IsGlobalNamespace: true })
                {
                    usage.Note(member);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// What a generated Main needs of a <c>[Connector]</c> class, valid or not: an executable whose connector cannot be
    /// generated still gets a (stand-in) Main, so the compiler does not add CS5001 to the analyzers' error.
    /// </summary>
    public static EntryPointModel EntryPoint(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        var usage = new UsageDiagnostics();
        usage.NoteWithContainers(type);
        return new(Declaration(type), Name(type, attribute), attribute.NamedBool("EntryPoint"), Inaccessibility(type) is null,
            CheckClass(type, ProblemSink.Ignore, cancellationToken))
        {
            UsageDiagnosticIds = usage.Ids,
        };
    }

    private static string Name(INamedTypeSymbol type, AttributeData attribute) =>
        attribute.ConstructorString() is { Length: > 0 } given ? given : type.Name;

    /// <summary>The commands and hooks; null when the class declares none (even invalid ones).</summary>
    private static CommandsModel? Commands(INamedTypeSymbol type, TypeShapeFactory factory, ProblemSink problems, CancellationToken cancellationToken)
    {
        var commands = CommandParser.Parse(type, factory, problems, cancellationToken, out var declaresCommands);
        var hooks = HookParser.Parse(type, problems, cancellationToken, out var declaresHooks);
        return declaresCommands || declaresHooks ? new CommandsModel(commands, hooks, factory.PayloadObjects) : null;
    }

    /// <summary>
    /// Why code outside the class (a generated Main) cannot name it: "private", "nested in protected 'Outer'"…; null when
    /// it can.
    /// </summary>
    public static string? Inaccessibility(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var word = current.DeclaredAccessibility switch
            {
                Accessibility.Private => "private",
                Accessibility.Protected => "protected",
                Accessibility.ProtectedAndInternal => "private protected",
                _ => null,
            };
            if (word is not null)
            {
                return SymbolEqualityComparer.Default.Equals(current, type) ? word : $"nested in {word} '{current.Name}'";
            }
        }
        return null;
    }

    /// <summary>Checks that the generator can add to the class and the runtime can create it.</summary>
    private static bool CheckClass(INamedTypeSymbol type, ProblemSink problems, CancellationToken cancellationToken)
    {
        var valid = true;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, cancellationToken))
            {
                problems.Report(DiagnosticDescriptors.NotPartial, type.FirstLocation(), type.Name);
                valid = false;
                break;
            }
        }
        string? invalid = type.IsStatic ? "static"
            : type.IsAbstract ? "abstract"
            : type.Arity > 0 ? "generic"
            : ContainedInGeneric(type) ? "nested in a generic type"
            : null;
        if (invalid is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidConnectorClass, type.FirstLocation(), type.Name, invalid);
            return false;
        }
        if (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0))
        {
            problems.Report(DiagnosticDescriptors.MissingParameterlessConstructor, type.FirstLocation(), type.Name);
            valid = false;
        }
        return valid;
    }

    private static bool ContainedInGeneric(INamedTypeSymbol type)
    {
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsGenericType)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static TypeDeclarationModel Declaration(INamedTypeSymbol type)
    {
        var containers = new System.Collections.Generic.List<ContainerModel>();
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            containers.Insert(0, new ContainerModel(Keyword(container), container.Name));
        }
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } space ? space.ToDisplayString() : "";
        return new TypeDeclarationModel(ns, containers.ToEquatableArray(), Keyword(type), type.Name, type.QualifiedName());
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };
}
