using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>Reads the <c>[Command]</c> methods of a connector class: action, payload parameters and result.</summary>
internal static class CommandParser
{
    /// <summary>
    /// The lifecycle actions the runtime answers itself. The protocol lives in the runtime; the generator only needs the
    /// names to refuse a custom command that would never be reached.
    /// </summary>
    public static readonly string[] BuiltInActions =
    {
        "TetraScience.Connector.Start",
        "TetraScience.Connector.Stop",
        "TetraScience.Connector.Shutdown",
        "TetraScience.Connector.UpdateConfig",
        "TetraScience.Connector.ValidateConfig",
        "TetraScience.Connector.ListCustomCommands",
        "TetraScience.Connector.SetLogLevel",
    };

    public static EquatableArray<CommandModel> Parse(INamedTypeSymbol type, TypeShapeFactory factory, ProblemSink problems,
        CancellationToken cancellationToken, out bool declaresCommands)
    {
        var commands = new List<CommandModel>();
        var actions = new Dictionary<string, string>();
        declaresCommands = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.FindAttribute(TypeNames.CommandAttribute) is not { } attribute)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            declaresCommands = true;
            var action = attribute.ConstructorString();
            if (action is null)
            {
                continue;
            }
            var valid = CheckAction(action, attribute, problems, cancellationToken);
            if (valid && actions.TryGetValue(action, out var other))
            {
                problems.Report(DiagnosticDescriptors.DuplicateCommandAction, attribute.ArgumentLocation(null, cancellationToken), other, action);
                valid = false;
            }
            var command = Command(method, action, attribute, factory, problems, cancellationToken);
            if (valid && command is not null)
            {
                actions[action] = method.Name;
                commands.Add(command);
            }
        }
        return commands.ToEquatableArray();
    }

    private static bool CheckAction(string action, AttributeData attribute, ProblemSink problems, CancellationToken cancellationToken)
    {
        string? problem = action.Length == 0 || action.Any(char.IsWhiteSpace) ? "is empty or contains whitespace"
            : BuiltInActions.Contains(action) ? "is a built-in lifecycle action that the runtime answers itself"
            : null;
        if (problem is null)
        {
            return true;
        }
        problems.Report(DiagnosticDescriptors.InvalidCommandAction, attribute.ArgumentLocation(null, cancellationToken), action, problem);
        return false;
    }

    private static CommandModel? Command(IMethodSymbol method, string action, AttributeData attribute, TypeShapeFactory factory,
        ProblemSink problems, CancellationToken cancellationToken)
    {
        var valid = true;
        var problem = MethodSignatures.CallProblem(method)
            ?? (method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None) is { } byRef
                ? $"parameter '{byRef.Name}' is passed by reference; payload values are passed by value"
                : null);
        if (problem is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidCommandMethod, method.FirstLocation(), method.Name, problem);
            valid = false;
        }

        var returns = MethodSignatures.Return(method, out var valueType);
        var returnLocation = problems.IsCollecting ? StreamParser.ReturnTypeLocation(method, cancellationToken) : null;
        var isJsonText = valueType?.SpecialType == SpecialType.System_String;
        TypeShape? result = null;
        if (valueType is not null && !isJsonText)
        {
            result = factory.ResultValue(valueType, returnLocation, out var reason);
            if (result is null)
            {
                problems.Report(DiagnosticDescriptors.UnsupportedCommandResult, returnLocation, method.Name, method.ReturnType.ToDisplayString(),
                    reason is null ? "" : ": " + reason);
                valid = false;
            }
        }

        var parameters = new List<CommandParameterModel>();
        var members = new List<MemberModel>();
        WholePayloadModel? whole = null;
        ObjectModel? wholeObject = null;
        var wholeParameters = method.Parameters.Where(p => p.FindAttribute(TypeNames.PayloadAttribute) is not null).ToList();
        foreach (var parameter in method.Parameters)
        {
            if (MethodSignatures.CommandService(parameter) is { } service)
            {
                parameters.Add(new CommandParameterModel(service, parameter.Name));
                continue;
            }
            if (parameter.RefKind != RefKind.None)
            {
                continue;
            }
            if (wholeParameters.Count > 0)
            {
                if (WholePayload(method, parameter, wholeParameters, factory, problems, out wholeObject) is not { } bound)
                {
                    valid = false;
                    continue;
                }
                whole = bound;
                parameters.Add(new CommandParameterModel(CommandParameterKind.WholePayload, parameter.Name));
                continue;
            }
            var member = PayloadParameter(method, parameter, factory, members, problems, cancellationToken);
            if (member is null)
            {
                valid = false;
                continue;
            }
            members.Add(member);
            parameters.Add(new CommandParameterModel(CommandParameterKind.Payload, parameter.Name));
        }
        if (!valid)
        {
            return null;
        }
        var description = attribute.NamedString("Description") ?? DocComments.Summary(method, cancellationToken);
        var resultTypeName = valueType is null ? null
            : valueType.QualifiedName() + (valueType.IsReferenceType && valueType.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "");
        return new CommandModel(action, description, method.Name, method.IsStatic, returns, result, resultTypeName, isJsonText,
            parameters.ToEquatableArray(), wholeObject ?? new ObjectModel(method.Name, false, members.ToEquatableArray()), whole);
    }

    /// <summary>
    /// A payload parameter of a method with a <c>[Payload]</c> parameter: it must be that one parameter, and its type an
    /// object the payload's fields bind to (or JsonElement, any object); else CONN0046 on the parameter.
    /// </summary>
    private static WholePayloadModel? WholePayload(IMethodSymbol method, IParameterSymbol parameter, List<IParameterSymbol> wholeParameters,
        TypeShapeFactory factory, ProblemSink problems, out ObjectModel? members)
    {
        members = null;
        string? problem = null;
        TypeShape? shape = null;
        if (!wholeParameters.Contains(parameter, SymbolEqualityComparer.Default))
        {
            problem = $"takes the whole payload, so '{parameter.Name}' has no field left to bind from; make '{parameter.Name}' a member of '{wholeParameters[0].Type.ToDisplayString()}'";
        }
        else if (wholeParameters.Count > 1)
        {
            problem = $"is one of {wholeParameters.Count} [Payload] parameters; only one can take the whole payload";
        }
        else if (parameter.Type.UnwrapNullable().Is(TypeNames.JsonElement))
        {
            return new WholePayloadModel(parameter.Type.UnwrapNullable().QualifiedName(), IsJson: true);
        }
        else
        {
            shape = factory.PayloadValue(parameter.Type, out var reason);
            if (shape is not { Kind: ShapeKind.Object, Object: not null })
            {
                problem = $"has type '{parameter.Type.ToDisplayString()}', which cannot hold a payload object{reason ?? ""}; use a class, struct, record or JsonElement";
            }
        }
        if (problem is not null)
        {
            // Reported on the [Payload] parameter when another parameter is the trouble, so the span points at the choice to revisit.
            var at = wholeParameters.Contains(parameter, SymbolEqualityComparer.Default) ? parameter : wholeParameters[0];
            problems.Report(DiagnosticDescriptors.AmbiguousWholePayload, at.FirstLocation(), at.Name, method.Name, problem);
            return null;
        }
        members = shape!.Object;
        return new WholePayloadModel(shape.TypeName, IsJson: false);
    }

    private static MemberModel? PayloadParameter(IMethodSymbol method, IParameterSymbol parameter, TypeShapeFactory factory,
        List<MemberModel> members, ProblemSink problems, CancellationToken cancellationToken)
    {
        TypeShape? shape;
        string? reason;
        if (parameter.Type.Is(TypeNames.StreamContext))
        {
            // It has a public constructor, so it would bind; but an author asking for one expects the runtime's.
            shape = null;
            reason = ": a StreamContext exists only while a stream is read";
        }
        else
        {
            shape = factory.PayloadValue(parameter.Type, out reason);
        }
        var jsonName = JsonNaming.Apply(factory.Naming, parameter.Name);
        if (shape is not null && !TypeShapeFactory.CanWriteDefault(shape, TypeShapeFactory.DefaultOf(parameter)))
        {
            reason = ": its default value cannot be written as a constant of that type";
            shape = null;
        }
        if (shape is not null && members.FirstOrDefault(m => m.JsonName == jsonName) is { } clash)
        {
            reason = $": its JSON name '{jsonName}' is already used by parameter '{clash.Name}'";
            shape = null;
        }
        if (shape is null)
        {
            problems.Report(DiagnosticDescriptors.UnsupportedPayloadParameter, parameter.FirstLocation(), parameter.Name, method.Name,
                parameter.Type.ToDisplayString(), reason ?? "");
            return null;
        }
        return factory.ParameterMember(parameter, parameter.Name, jsonName, shape, DocComments.Parameter(method, parameter.Name, cancellationToken));
    }
}
