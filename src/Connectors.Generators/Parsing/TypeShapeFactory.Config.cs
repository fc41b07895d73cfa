using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators.Parsing;

internal sealed partial class TypeShapeFactory
{
    /// <summary>
    /// The configuration object of a class: its <c>[ConfigProperty]</c> members. Members that cannot be bound are reported
    /// (CONN0009, CONN0014) and left out.
    /// </summary>
    public ObjectModel ConfigObject(INamedTypeSymbol type, INamedTypeSymbol? connector)
    {
        var members = new List<MemberModel>();
        foreach (var property in AllProperties(type))
        {
            if (property.FindAttribute(TypeNames.ConfigPropertyAttribute) is not { } attribute)
            {
                continue;
            }
            if (ConfigMember(property, attribute, connector) is { } member)
            {
                Usage.Note(property);
                members.Add(member);
            }
        }
        Usage.NoteWithContainers(type);
        return new ObjectModel(type.QualifiedName(), type.IsValueType, members.ToEquatableArray());
    }

    private MemberModel? ConfigMember(IPropertySymbol property, AttributeData attribute, INamedTypeSymbol? connector)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var setter = property.SetMethod;
        var ownedByConnector = SymbolEqualityComparer.Default.Equals(property.ContainingType, connector);
        if (property.IsStatic || setter is null || setter.IsInitOnly
            || (!ownedByConnector && setter.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            ReportOnce(property, DiagnosticDescriptors.ConfigPropertyNotSettable, property.FirstLocation(), property.Name);
            return null;
        }
        var shape = ConfigValue(property.Type, out _);
        if (shape is null)
        {
            ReportOnce(property, DiagnosticDescriptors.UnsupportedConfigType, TypeLocation(property), property.Name, property.Type.ToDisplayString());
            return null;
        }

        var jsonName = attribute.NamedString("Name")
            ?? property.FindAttribute(TypeNames.JsonPropertyNameAttribute)?.ConstructorString()
            ?? JsonNaming.Apply(_naming, property.Name);
        var description = attribute.NamedString("Description") ?? DocComments.Summary(property, _cancellationToken);
        var defaultConstant = attribute.Named("Default");
        string? defaultText = null;
        var assignsDefault = false;
        // An array constant has no Value (reading it throws); it fits no config shape, and CONN0042 says so.
        if (defaultConstant is { IsNull: false, Kind: not TypedConstantKind.Array } constant)
        {
            defaultText = ConstantText.Of(shape, constant.Value);
            assignsDefault = defaultText is not null;
        }
        var initializer = Initializer(property);
        if (defaultText is null && initializer is not null)
        {
            var value = _compilation.GetSemanticModel(initializer.SyntaxTree).GetConstantValue(initializer.Value, _cancellationToken);
            if (value.HasValue && value.Value is not null)
            {
                defaultText = ConstantText.Of(shape, value.Value);
            }
        }
        var examples = attribute.Named("Examples") is { Kind: TypedConstantKind.Array, IsNull: false } list
            ? list.Values.Where(v => v.Kind != TypedConstantKind.Array).Select(v => ConstantText.Of(shape, v.Value)).Where(j => j is not null).Select(j => j!).ToEquatableArray()
            : EquatableArray<string>.Empty;
        if (_problems.IsCollecting)
        {
            ConfigRules.Check(property, attribute, shape, jsonName, initializer, _compilation, _problems, _cancellationToken);
        }
        var required = property.IsRequired || (!shape.IsNullable && initializer is null && !assignsDefault);

        var facets = new ConfigFacets(
            Title: attribute.NamedString("Title") ?? JsonNaming.Humanize(property.Name),
            Secret: attribute.NamedBool("Secret"),
            Hidden: attribute.NamedBool("Hidden"),
            Required: required,
            Default: defaultText,
            AssignsDefault: assignsDefault,
            Examples: examples,
            Minimum: Number(attribute.NamedDouble("Minimum")),
            Maximum: Number(attribute.NamedDouble("Maximum")),
            Pattern: attribute.NamedString("Pattern"),
            Order: attribute.NamedInt("Order"),
            Group: attribute.NamedString("Group"),
            IsRequiredMember: property.IsRequired);
        return new MemberModel(property.Name, jsonName, shape, description, facets);
    }

    /// <summary>Shapes a configuration value; null when a config file could not supply it.</summary>
    public TypeShape? ConfigValue(ITypeSymbol declared, out string? reason)
    {
        reason = null;
        var nullable = declared.AcceptsNull();
        var nullableValueType = declared.IsNullableValueType();
        var type = declared.UnwrapNullable();
        if (Scalar(type, nullable, nullableValueType, forConfig: true) is { } scalar)
        {
            return scalar;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return Enum(enumType, nullable, nullableValueType);
        }
        if (ElementOf(type, out var collection) is { } elementType)
        {
            // The binder builds a List<T> or a T[], so the declared type must accept one of them.
            if (collection == CollectionKind.Enumerable && !IsListInterface(type))
            {
                return null;
            }
            var element = ConfigValue(elementType, out reason);
            if (element is null || element.Kind == ShapeKind.Array)
            {
                return null;
            }
            return new TypeShape(ShapeKind.Array, type.QualifiedName(), nullable, false, "", collection == CollectionKind.Array ? CollectionKind.Array : CollectionKind.List,
                element, EquatableArray<EnumMemberModel>.Empty, null);
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } nested
            && nested.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            && AllProperties(nested).Any(p => p.FindAttribute(TypeNames.ConfigPropertyAttribute) is not null))
        {
            if (!Enter(nested, out reason))
            {
                return null;
            }
            try
            {
                // The binder lives in the connector class, so the nested class's private setters are out of its reach.
                var model = ConfigObject(nested, connector: null);
                return new TypeShape(ShapeKind.Object, model.TypeName, nullable, false, "", CollectionKind.None, null,
                    EquatableArray<EnumMemberModel>.Empty, model);
            }
            finally
            {
                Leave();
            }
        }
        return null;
    }

    private static bool IsListInterface(ITypeSymbol type) =>
        type.Is(TypeNames.IEnumerable) || type.Is("System.Collections.Generic.ICollection") || type.Is("System.Collections.Generic.IReadOnlyCollection");

    private static IEnumerable<IPropertySymbol> AllProperties(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }
        return chain.SelectMany(t => t.GetMembers().OfType<IPropertySymbol>());
    }

    private EqualsValueClauseSyntax? Initializer(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { Initializer: { } initializer })
            {
                return initializer;
            }
        }
        return null;
    }

    private Location? TypeLocation(IPropertySymbol property)
    {
        if (!_problems.IsCollecting)
        {
            return null;
        }
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is PropertyDeclarationSyntax declaration)
            {
                return declaration.Type.GetLocation();
            }
        }
        return property.FirstLocation();
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
