using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators.Parsing;

/// <summary>Reads the <c>[Stream]</c> methods of a connector class.</summary>
internal static class StreamParser
{
    public static EquatableArray<StreamModel> Parse(INamedTypeSymbol type, TypeShapeFactory factory, ProblemSink problems,
        CancellationToken cancellationToken, out bool declaresStreams)
    {
        var streams = new List<StreamModel>();
        var names = new HashSet<(string, string?)>();
        declaresStreams = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.FindAttribute(TypeNames.StreamAttribute) is not { } attribute)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            declaresStreams = true;
            var stream = Stream(method, attribute, factory, problems, cancellationToken);
            if (stream is null)
            {
                continue;
            }
            if (!names.Add((stream.Name, stream.Namespace)))
            {
                problems.Report(DiagnosticDescriptors.DuplicateStreamName, attribute.ArgumentLocation(null, cancellationToken), stream.Name);
                continue;
            }
            streams.Add(stream);
        }
        return streams.ToEquatableArray();
    }

    private static StreamModel? Stream(IMethodSymbol method, AttributeData attribute, TypeShapeFactory factory, ProblemSink problems,
        CancellationToken cancellationToken)
    {
        var name = attribute.ConstructorString();
        if (problems.IsCollecting && StreamRules.NameProblem(name) is { } nameProblem)
        {
            problems.Report(DiagnosticDescriptors.InvalidStreamName, attribute.ArgumentLocation(null, cancellationToken), name ?? "", nameProblem);
        }
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Report(DiagnosticDescriptors.AsyncVoidMethod, method.FirstLocation(), "Stream", method.Name,
                "a stream returns IAsyncEnumerable<T> (an async iterator) or IEnumerable<T>");
            return null;
        }
        var returnLocation = problems.IsCollecting ? ReturnTypeLocation(method, cancellationToken) : null;
        var recordType = RecordType(method.ReturnType, out var isAsync);
        var record = recordType is null || method.IsGenericMethod ? null : factory.Record(recordType, returnLocation, out _);
        if (record is null)
        {
            if (recordType is { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } && !method.IsGenericMethod
                && !TypeShapeFactory.PublicReadableProperties(recordType).Any())
            {
                problems.Report(DiagnosticDescriptors.RecordWithoutMembers, returnLocation, recordType.ToDisplayString(), method.Name);
                return null;
            }
            problems.Report(DiagnosticDescriptors.InvalidStreamReturnType, returnLocation, method.Name, method.ReturnType.ToDisplayString());
            return null;
        }

        var valid = true;
        var properties = TypeShapeFactory.PublicReadableProperties(recordType!).ToList();
        var cursor = Cursor(attribute, recordType!, properties, record, problems, cancellationToken, ref valid, out var cursorProperty);
        var primaryKey = PrimaryKey(attribute, name!, recordType!, record, problems, cancellationToken, ref valid);
        // A Cursor that names no usable member is CONN0007 or CONN0016 already; the parameter is not judged against it.
        var cursorInvalid = cursor is null && attribute.NamedString("Cursor") is not null;
        var parameters = Parameters(method, cursorInvalid ? null : cursorProperty, cursorInvalid, problems, ref valid);
        var state = valid ? StreamStateRules.State(method, attribute, parameters, problems, cancellationToken, ref valid) : null;
        if (!valid)
        {
            return null;
        }
        return new StreamModel(
            name!,
            attribute.NamedString("Namespace"),
            method.Name,
            method.IsStatic,
            isAsync,
            parameters,
            record,
            primaryKey,
            cursor,
            attribute.NamedBool("SortedByCursor"),
            Math.Max(0, attribute.NamedInt("CheckpointInterval") ?? 0),
            state);
    }

    /// <summary>T of <c>IAsyncEnumerable&lt;T&gt;</c> or of any <c>IEnumerable&lt;T&gt;</c> the method returns.</summary>
    private static ITypeSymbol? RecordType(ITypeSymbol returnType, out bool isAsync)
    {
        isAsync = false;
        if (returnType is not INamedTypeSymbol named || returnType.SpecialType == SpecialType.System_String)
        {
            return null;
        }
        if (named.Is(TypeNames.IAsyncEnumerable) && named.TypeArguments.Length == 1)
        {
            isAsync = true;
            return named.TypeArguments[0];
        }
        var enumerable = named.Is(TypeNames.IEnumerable) && named.TypeArguments.Length == 1
            ? named
            : named.AllInterfaces.FirstOrDefault(i => i.Is(TypeNames.IEnumerable) && i.TypeArguments.Length == 1);
        return enumerable?.TypeArguments[0];
    }

    private static CursorModel? Cursor(AttributeData attribute, ITypeSymbol recordType, List<IPropertySymbol> properties, TypeShape record,
        ProblemSink problems, CancellationToken cancellationToken, ref bool valid, out IPropertySymbol? property)
    {
        property = null;
        var cursorName = attribute.NamedString("Cursor");
        if (cursorName is null)
        {
            return null;
        }
        var member = FindMember(record.Object!, cursorName);
        property = member is null ? null : properties.FirstOrDefault(p => p.Name == member.Name);
        if (member is null || property is null)
        {
            problems.Report(DiagnosticDescriptors.UnknownCursorMember, attribute.ArgumentLocation("Cursor", cancellationToken),
                StreamRules.Suggestion(cursorName.Trim(), 0, record.Object), cursorName, recordType.ToDisplayString());
            valid = false;
            return null;
        }
        var kind = Kind(property.Type);
        if (kind is null)
        {
            problems.Report(DiagnosticDescriptors.UnsupportedCursorType, attribute.ArgumentLocation("Cursor", cancellationToken), property.Name, property.Type.ToDisplayString());
            valid = false;
            return null;
        }
        return new CursorModel(member.Name, member.JsonName, property.Type.QualifiedName(), kind.Value);
    }

    /// <summary>The kind of a cursor type; null when the runtime cannot compare or save it.</summary>
    private static CursorKind? Kind(ITypeSymbol type) => type.IsNullableValueType() ? null : type.SpecialType switch
    {
        SpecialType.System_String => CursorKind.String,
        SpecialType.System_Int32 => CursorKind.Int32,
        SpecialType.System_Int64 => CursorKind.Int64,
        SpecialType.System_Decimal => CursorKind.Decimal,
        SpecialType.System_Double => CursorKind.Double,
        SpecialType.System_DateTime => CursorKind.DateTime,
        _ => type.Is("System.DateTimeOffset") ? CursorKind.DateTimeOffset : type.Is("System.DateOnly") ? CursorKind.DateOnly : null,
    };

    private static EquatableArray<PathModel> PrimaryKey(AttributeData attribute, string stream, ITypeSymbol recordType, TypeShape record,
        ProblemSink problems, CancellationToken cancellationToken, ref bool valid)
    {
        var text = attribute.NamedString("PrimaryKey");
        if (string.IsNullOrWhiteSpace(text))
        {
            return EquatableArray<PathModel>.Empty;
        }
        var paths = new List<PathModel>();
        foreach (var key in text!.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0))
        {
            var segments = new List<string>();
            var current = record.Object;
            string? nullableMember = null;
            var parts = key.Split('.');
            for (var index = 0; index < parts.Length; index++)
            {
                var member = current is null ? null : FindMember(current, parts[index].Trim());
                if (member is null)
                {
                    problems.Report(DiagnosticDescriptors.UnknownPrimaryKeyMember, attribute.ArgumentLocation("PrimaryKey", cancellationToken),
                        StreamRules.Suggestion(key, index, current), key, recordType.ToDisplayString());
                    valid = false;
                    segments = null;
                    break;
                }
                segments.Add(member.JsonName);
                nullableMember ??= member.Type.IsNullable ? member.Name : null;
                current = member.Type.Object;
            }
            if (segments is not null)
            {
                paths.Add(new PathModel(segments.ToEquatableArray()));
                if (nullableMember is not null)
                {
                    problems.Report(DiagnosticDescriptors.NullablePrimaryKey, attribute.ArgumentLocation("PrimaryKey", cancellationToken),
                        key, stream, nullableMember);
                }
            }
        }
        return paths.ToEquatableArray();
    }

    /// <summary>A member by C# name (as <c>nameof</c> gives it) or, failing that, by JSON name.</summary>
    private static MemberModel? FindMember(ObjectModel model, string name) =>
        model.Members.FirstOrDefault(m => m.Name == name) ?? model.Members.FirstOrDefault(m => m.JsonName == name);

    private static EquatableArray<ParameterModel> Parameters(IMethodSymbol method, IPropertySymbol? cursor, bool cursorInvalid,
        ProblemSink problems, ref bool valid)
    {
        var parameters = new List<ParameterModel>();
        var hasCursorParameter = false;
        foreach (var parameter in method.Parameters)
        {
            if (MethodSignatures.Service(parameter) is { } kind)
            {
                parameters.Add(MethodSignatures.Model(kind));
                continue;
            }
            if (StreamStateRules.StateType(parameter) is { } stateType)
            {
                parameters.Add(new ParameterModel(ParameterKind.State, stateType.QualifiedName(), false, stateType.IsValueType));
                continue;
            }
            if (hasCursorParameter || parameter.RefKind != RefKind.None)
            {
                problems.Report(DiagnosticDescriptors.InvalidStreamParameter, parameter.FirstLocation(), parameter.Name, method.Name);
                valid = false;
                continue;
            }
            hasCursorParameter = true;
            if (!cursorInvalid && CursorMismatch(parameter, cursor) is { } mismatch)
            {
                problems.Report(DiagnosticDescriptors.CursorParameterMismatch, parameter.FirstLocation(), parameter.Name, method.Name, mismatch);
                valid = false;
                continue;
            }
            var type = parameter.Type.UnwrapNullable();
            parameters.Add(new ParameterModel(ParameterKind.Cursor, type.QualifiedName(), parameter.Type.AcceptsNull(), type.IsValueType));
        }
        return parameters.ToEquatableArray();
    }

    /// <summary>Why a cursor parameter does not fit the stream's cursor (CONN0015); null when it does.</summary>
    private static string? CursorMismatch(IParameterSymbol parameter, IPropertySymbol? cursor) =>
        cursor is null
            ? "is a cursor parameter, but the stream declares no Cursor"
            : !SymbolEqualityComparer.Default.Equals(parameter.Type.UnwrapNullable().WithNullableAnnotation(NullableAnnotation.NotAnnotated),
                cursor.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))
                ? $"has type '{parameter.Type.ToDisplayString()}', but the cursor '{cursor.Name}' has type '{cursor.Type.ToDisplayString()}'"
                : null;

    internal static Location? ReturnTypeLocation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration.ReturnType.GetLocation();
            }
        }
        return method.FirstLocation();
    }
}
