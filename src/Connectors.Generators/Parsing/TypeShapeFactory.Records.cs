using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

internal sealed partial class TypeShapeFactory
{
    /// <summary>
    /// Shapes a stream's record type, which must become a JSON object. Members the serializer cannot write are reported
    /// (CONN0011) and left out, so one bad member does not take the whole connector's generated code with it.
    /// </summary>
    public TypeShape? Record(ITypeSymbol type, Location? fallbackLocation, out string? reason)
    {
        reason = null;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || Scalar(type, false, false, forConfig: false) is not null
            || ElementOf(type, out _) is not null || DictionaryValueOf(type) is not null || type.SpecialType != SpecialType.None)
        {
            reason = "is not a class, record or struct with properties";
            return null;
        }
        return RecordValue(type, fallbackLocation, out reason);
    }

    /// <summary>Shapes a type written inside a record.</summary>
    private TypeShape? RecordValue(ITypeSymbol declared, Location? fallbackLocation, out string? reason)
    {
        reason = null;
        _cancellationToken.ThrowIfCancellationRequested();
        var nullable = declared.AcceptsNull();
        var nullableValueType = declared.IsNullableValueType();
        var type = declared.UnwrapNullable();
        if (Scalar(type, nullable, nullableValueType, forConfig: false) is { } scalar)
        {
            return scalar;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return Enum(enumType, nullable, nullableValueType);
        }
        if (DictionaryValueOf(type) is { } valueType)
        {
            var value = RecordValue(valueType, fallbackLocation, out reason);
            return value is null ? null : new TypeShape(ShapeKind.Dictionary, type.QualifiedName(), nullable, false, "",
                CollectionKind.Enumerable, value, EquatableArray<EnumMemberModel>.Empty, null);
        }
        if (ElementOf(type, out var collection) is { } elementType)
        {
            var element = RecordValue(elementType, fallbackLocation, out reason);
            return element is null ? null : new TypeShape(ShapeKind.Array, type.QualifiedName(), nullable, false, "",
                collection, element, EquatableArray<EnumMemberModel>.Empty, null);
        }
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.SpecialType != SpecialType.None
            || type is INamedTypeSymbol { IsGenericType: true } && type.AllInterfaces.Any(i => i.Is("System.Runtime.CompilerServices.ITuple")))
        {
            reason = null;
            return null;
        }
        if (!Enter(type, out reason))
        {
            return null;
        }
        try
        {
            var members = RecordMembers(type, fallbackLocation);
            if (members.Count == 0)
            {
                reason = "it has no public readable properties";
                return null;
            }
            if (type is INamedTypeSymbol named)
            {
                Usage.NoteWithContainers(named);
            }
            var model = new ObjectModel(type.QualifiedName(), type.IsValueType, members.ToEquatableArray());
            return new TypeShape(ShapeKind.Object, model.TypeName, nullable, nullableValueType, "", CollectionKind.None, null,
                EquatableArray<EnumMemberModel>.Empty, model);
        }
        finally
        {
            Leave();
        }
    }

    private List<MemberModel> RecordMembers(ITypeSymbol type, Location? fallbackLocation)
    {
        var members = new List<MemberModel>();
        var names = new Dictionary<string, string>();
        foreach (var property in PublicReadableProperties(type))
        {
            if (property.FindAttribute(TypeNames.JsonIgnoreAttribute) is { } ignore && IgnoresAlways(ignore))
            {
                continue;
            }
            var location = property.FirstLocation() is { IsInSource: true } own ? own : fallbackLocation;
            var shape = RecordValue(property.Type, fallbackLocation, out var reason);
            if (shape is null)
            {
                ReportOnce(property, DiagnosticDescriptors.UnsupportedRecordMemberType, location,
                    property.Name, type.ToDisplayString(), property.Type.ToDisplayString(), reason is null ? "" : ": " + reason);
                continue;
            }
            var jsonName = property.FindAttribute(TypeNames.JsonPropertyNameAttribute)?.ConstructorString()
                ?? JsonNaming.Apply(_naming, property.Name);
            if (names.TryGetValue(jsonName, out var other))
            {
                ReportOnce(property, DiagnosticDescriptors.UnsupportedRecordMemberType, location,
                    property.Name, type.ToDisplayString(), property.Type.ToDisplayString(), $": its JSON name '{jsonName}' is already used by '{other}'");
                continue;
            }
            names[jsonName] = property.Name;
            Usage.Note(property);
            members.Add(new MemberModel(property.Name, jsonName, shape, DocComments.Summary(property, _cancellationToken), null));
        }
        return members;
    }

    /// <summary>Public instance properties with a public getter, base types first, in declaration order.</summary>
    public static IEnumerable<IPropertySymbol> PublicReadableProperties(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Insert(0, current);
        }
        var seen = new HashSet<string>();
        foreach (var declaring in chain)
        {
            foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || !seen.Add(property.Name))
                {
                    continue;
                }
                yield return property;
            }
        }
    }

    /// <summary>The value of <c>JsonIgnoreCondition.Always</c> (System.Text.Json; a test ties the two).</summary>
    internal const int JsonIgnoreConditionAlways = 1;

    // [JsonIgnore] without a condition, or with JsonIgnoreCondition.Always, removes the member.
    private static bool IgnoresAlways(AttributeData ignore) => ignore.Named("Condition")?.Value is null or JsonIgnoreConditionAlways;
}
