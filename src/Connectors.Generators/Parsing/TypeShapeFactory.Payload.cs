using System;
using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

internal sealed partial class TypeShapeFactory
{
    private readonly Dictionary<string, PayloadObjectModel> _payloadObjects = new();

    /// <summary>The payload objects shaped so far, in the order they were first met.</summary>
    public EquatableArray<PayloadObjectModel> PayloadObjects => _payloadObjects.Values.ToEquatableArray();

    /// <summary>
    /// Shapes a value bound from a command payload: what a config value may be, plus <c>JsonElement</c> and classes,
    /// structs and records built through a constructor and their settable or init-only properties. Null, with a reason
    /// when there is one to tell, when it cannot be bound.
    /// </summary>
    public TypeShape? PayloadValue(ITypeSymbol declared, out string? reason)
    {
        reason = null;
        var nullable = declared.AcceptsNull();
        var nullableValueType = declared.IsNullableValueType();
        var type = declared.UnwrapNullable();
        if (type.Is(TypeNames.JsonElement))
        {
            // A JSON null is a JsonElement too; only JsonElement? turns it into null.
            return TypeShape.Simple(ShapeKind.Json, type.QualifiedName(), nullableValueType, nullableValueType);
        }
        if (Scalar(type, nullable, nullableValueType, forConfig: true) is { } scalar)
        {
            return scalar;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return Enum(enumType, nullable, nullableValueType);
        }
        if (DictionaryValueOf(type) is not null)
        {
            reason = ": dictionaries cannot be bound; use JsonElement or a class";
            return null;
        }
        if (ElementOf(type, out var collection) is { } elementType)
        {
            if (collection == CollectionKind.Enumerable && !IsListInterface(type))
            {
                reason = ": collections are bound as arrays, List<T> or an interface List<T> implements";
                return null;
            }
            var element = PayloadValue(elementType, out reason);
            if (element is null || element.Kind == ShapeKind.Array)
            {
                reason ??= ": arrays of arrays cannot be bound";
                return null;
            }
            return new TypeShape(ShapeKind.Array, type.QualifiedName(), nullable, false, "",
                collection == CollectionKind.Array ? CollectionKind.Array : CollectionKind.List, element, EquatableArray<EnumMemberModel>.Empty, null);
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named)
        {
            return PayloadObject(named, nullable, nullableValueType, out reason);
        }
        return null;
    }

    /// <summary>Shapes the value a command returns: anything a record member may be.</summary>
    public TypeShape? ResultValue(ITypeSymbol type, Location? fallbackLocation, out string? reason) =>
        RecordValue(type, fallbackLocation, out reason);

    /// <summary>A payload member: its schema facets say whether it is required and what it defaults to.</summary>
    public MemberModel PayloadMember(string name, string jsonName, TypeShape shape, string? description, bool required, object? defaultValue,
        bool hasDefault)
    {
        var defaultText = hasDefault && defaultValue is not null ? ConstantText.Of(shape, defaultValue) : null;
        var facets = new ConfigFacets(JsonNaming.Humanize(name), false, false, required, defaultText, defaultText is not null,
            EquatableArray<string>.Empty, null, null, null, null, null);
        return new MemberModel(name, jsonName, shape, description, facets);
    }

    /// <summary>A payload member bound from a method or constructor parameter: optional when it has a default or accepts null.</summary>
    public MemberModel ParameterMember(IParameterSymbol parameter, string name, string jsonName, TypeShape shape, string? description) =>
        PayloadMember(name, jsonName, shape, description, !parameter.HasExplicitDefaultValue && !shape.IsNullable, DefaultOf(parameter),
            parameter.HasExplicitDefaultValue);

    /// <summary>A parameter's default value; null when it has none (Roslyn throws when asked for a default that is not there).</summary>
    public static object? DefaultOf(IParameterSymbol parameter) => parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null;

    /// <summary>True when a constant default can be written as C# for the shape (a null default always can).</summary>
    public static bool CanWriteDefault(TypeShape shape, object? value) => value is null || ConstantText.Fits(shape, value);

    private TypeShape? PayloadObject(INamedTypeSymbol type, bool nullable, bool nullableValueType, out string? reason)
    {
        reason = null;
        var typeName = type.QualifiedName();
        if (!_payloadObjects.TryGetValue(typeName, out var built))
        {
            if (type.IsAbstract || type.IsGenericType)
            {
                reason = ": it is abstract or generic";
                return null;
            }
            if (!Enter(type, out var depthReason))
            {
                reason = depthReason is null ? null : ": " + depthReason;
                return null;
            }
            try
            {
                built = BuildPayloadObject(type, out reason);
            }
            finally
            {
                Leave();
            }
            if (built is null)
            {
                return null;
            }
            _payloadObjects[typeName] = built;
        }
        return new TypeShape(ShapeKind.Object, typeName, nullable, nullableValueType, "", CollectionKind.None, null,
            EquatableArray<EnumMemberModel>.Empty, built.Object);
    }

    private PayloadObjectModel? BuildPayloadObject(INamedTypeSymbol type, out string? reason)
    {
        reason = null;
        var constructor = PayloadConstructor(type);
        if (constructor is null)
        {
            reason = ": it needs a public parameterless constructor or exactly one public constructor";
            return null;
        }
        var properties = PublicReadableProperties(type)
            .Where(p => !(p.FindAttribute(TypeNames.JsonIgnoreAttribute) is { } ignore && IgnoresAlways(ignore)))
            .ToList();
        var members = new List<MemberModel>();
        var constructorMembers = new List<string>();
        var initializerMembers = new List<string>();
        foreach (var parameter in constructor.Parameters)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            var shape = PayloadValue(parameter.Type, out var inner);
            if (shape is null || parameter.RefKind != RefKind.None
                || !CanWriteDefault(shape, DefaultOf(parameter)))
            {
                reason = $": its constructor parameter '{parameter.Name}' cannot be bound{inner}";
                return null;
            }
            var name = property?.Name ?? parameter.Name;
            var description = (property is null ? null : DocComments.Summary(property, _cancellationToken))
                ?? DocComments.Parameter(type, parameter.Name, _cancellationToken);
            members.Add(ParameterMember(parameter, name, JsonName(property, name), shape, description));
            constructorMembers.Add(name);
        }
        foreach (var property in properties)
        {
            var setter = property.SetMethod;
            if (constructorMembers.Contains(property.Name) || setter is not { DeclaredAccessibility: Accessibility.Public })
            {
                continue;
            }
            var shape = PayloadValue(property.Type, out var inner);
            if (shape is null)
            {
                reason = $": its property '{property.Name}' cannot be bound{inner}";
                return null;
            }
            var (hasInitializer, isConstant, initialValue) = InitialValue(property);
            var required = property.IsRequired || (!shape.IsNullable && !hasInitializer);
            var inInitializer = property.IsRequired || setter.IsInitOnly;
            if (inInitializer && !required && hasInitializer && (!isConstant || !CanWriteDefault(shape, initialValue)))
            {
                // An optional init-only member can only be set in the object initializer, so its default must be known here.
                reason = $": its init-only property '{property.Name}' has an initializer that is not a constant";
                return null;
            }
            members.Add(PayloadMember(property.Name, JsonName(property, property.Name), shape, DocComments.Summary(property, _cancellationToken),
                required, initialValue, hasInitializer));
            if (inInitializer)
            {
                initializerMembers.Add(property.Name);
            }
        }
        var duplicate = members.GroupBy(m => m.JsonName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            reason = $": two members have the JSON name '{duplicate.Key}'";
            return null;
        }
        Usage.NoteWithContainers(type);
        Usage.Note(constructor);
        foreach (var property in properties)
        {
            Usage.Note(property);
        }
        var model = new ObjectModel(type.QualifiedName(), type.IsValueType, members.ToEquatableArray());
        return new PayloadObjectModel(model.TypeName, model, constructorMembers.ToEquatableArray(), initializerMembers.ToEquatableArray());
    }

    /// <summary>The public parameterless constructor, or else the only public one (a positional record's); never a record's copy constructor.</summary>
    private static IMethodSymbol? PayloadConstructor(INamedTypeSymbol type)
    {
        var candidates = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public
                && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
            .ToList();
        return candidates.FirstOrDefault(c => c.Parameters.Length == 0) ?? (candidates.Count == 1 ? candidates[0] : null);
    }

    private string JsonName(IPropertySymbol? property, string name) =>
        property?.FindAttribute(TypeNames.JsonPropertyNameAttribute)?.ConstructorString() ?? JsonNaming.Apply(_naming, name);

    /// <summary>Whether a property has an initializer, whether that is a constant, and the constant.</summary>
    private (bool HasInitializer, bool IsConstant, object? Value) InitialValue(IPropertySymbol property)
    {
        var initializer = Initializer(property);
        if (initializer is null)
        {
            return (false, false, null);
        }
        var value = _compilation.GetSemanticModel(initializer.SyntaxTree).GetConstantValue(initializer.Value, _cancellationToken);
        return (true, value.HasValue, value.HasValue ? value.Value : null);
    }
}
