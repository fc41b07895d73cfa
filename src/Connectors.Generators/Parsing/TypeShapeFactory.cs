using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Maps C# types to <see cref="TypeShape"/>s: the one mapping behind the spec, record schemas, config binders and
/// record serializers, so they cannot drift apart. Configuration and records accept slightly different sets of types
/// (a config value must also be bindable from JSON; a record value only written).
/// </summary>
internal sealed partial class TypeShapeFactory
{
    private const int MaxDepth = 32;

    private readonly Compilation _compilation;
    private readonly int _naming;
    private readonly ProblemSink _problems;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ITypeSymbol> _expanding = new();
    private readonly HashSet<ISymbol> _reported = new(SymbolEqualityComparer.Default);

    public TypeShapeFactory(Compilation compilation, int naming, ProblemSink problems, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _naming = naming;
        _problems = problems;
        _cancellationToken = cancellationToken;
    }

    public int Naming => _naming;

    /// <summary>The obsolete and experimental ids of the types and members shaped so far (generated code names them).</summary>
    public UsageDiagnostics Usage { get; } = new();

    /// <summary>Shapes a scalar (anything that is not a collection or an object); null when the type is not a scalar.</summary>
    private static TypeShape? Scalar(ITypeSymbol type, bool nullable, bool nullableValueType, bool forConfig)
    {
        var name = type.QualifiedName();
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return TypeShape.Simple(ShapeKind.String, name, nullable, false);
            case SpecialType.System_Boolean:
                return TypeShape.Simple(ShapeKind.Boolean, name, nullable, nullableValueType);
            case SpecialType.System_SByte:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "sbyte");
            case SpecialType.System_Byte:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "byte");
            case SpecialType.System_Int16:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "short");
            case SpecialType.System_UInt16:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "ushort");
            case SpecialType.System_Int32:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "int");
            case SpecialType.System_UInt32:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "uint");
            case SpecialType.System_Int64:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "long");
            case SpecialType.System_UInt64:
                return TypeShape.Simple(ShapeKind.Integer, name, nullable, nullableValueType, "ulong");
            case SpecialType.System_Single:
                return TypeShape.Simple(ShapeKind.Number, name, nullable, nullableValueType, "float");
            case SpecialType.System_Double:
                return TypeShape.Simple(ShapeKind.Number, name, nullable, nullableValueType, "double");
            case SpecialType.System_Decimal:
                return TypeShape.Simple(ShapeKind.Number, name, nullable, nullableValueType, "decimal");
            case SpecialType.System_DateTime:
                return TypeShape.Simple(ShapeKind.DateTime, name, nullable, nullableValueType);
        }
        if (type.Is("System.DateTimeOffset"))
        {
            return TypeShape.Simple(ShapeKind.DateTimeOffset, name, nullable, nullableValueType);
        }
        if (type.Is("System.DateOnly"))
        {
            return TypeShape.Simple(ShapeKind.DateOnly, name, nullable, nullableValueType);
        }
        if (type.Is("System.Uri"))
        {
            return TypeShape.Simple(ShapeKind.Uri, name, nullable, false);
        }
        if (forConfig)
        {
            return null;
        }
        if (type.Is("System.TimeOnly"))
        {
            return TypeShape.Simple(ShapeKind.TimeOnly, name, nullable, nullableValueType);
        }
        if (type.Is("System.Guid"))
        {
            return TypeShape.Simple(ShapeKind.Guid, name, nullable, nullableValueType);
        }
        if (type.Is("System.Text.Json.JsonElement"))
        {
            // Any JSON value: the schema says nothing about it, and Undefined is written as null.
            return TypeShape.Simple(ShapeKind.Json, name, true, nullableValueType);
        }
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return TypeShape.Simple(ShapeKind.Bytes, name, nullable, false);
        }
        return null;
    }

    private TypeShape Enum(INamedTypeSymbol type, bool nullable, bool nullableValueType)
    {
        Usage.NoteWithContainers(type);
        var members = new List<EnumMemberModel>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.IsConst)
            {
                continue;
            }
            Usage.Note(field);
            var jsonName = field.FindAttribute(TypeNames.JsonStringEnumMemberNameAttribute)?.ConstructorString()
                ?? field.FindAttribute(TypeNames.EnumMemberAttribute)?.NamedString("Value")
                ?? field.Name;
            var value = System.Convert.ToString(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            members.Add(new EnumMemberModel(field.Name, jsonName, value));
        }
        return new TypeShape(ShapeKind.Enum, type.QualifiedName(), nullable, nullableValueType, "", CollectionKind.None, null,
            members.ToEquatableArray(), null);
    }

    /// <summary>The element type of an enumerable (not string), and how the collection is typed.</summary>
    private static ITypeSymbol? ElementOf(ITypeSymbol type, out CollectionKind kind)
    {
        kind = CollectionKind.None;
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            kind = CollectionKind.Array;
            return array.ElementType;
        }
        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }
        if (named.Is("System.Collections.Generic.List") || named.Is("System.Collections.Generic.IList")
            || named.Is("System.Collections.Generic.IReadOnlyList"))
        {
            kind = CollectionKind.List;
            return named.TypeArguments[0];
        }
        var enumerable = named.Is(TypeNames.IEnumerable) ? named : named.AllInterfaces.FirstOrDefault(i => i.Is(TypeNames.IEnumerable));
        if (enumerable is null)
        {
            return null;
        }
        kind = CollectionKind.Enumerable;
        return enumerable.TypeArguments[0];
    }

    /// <summary>For a string-keyed dictionary: its value type.</summary>
    private static ITypeSymbol? DictionaryValueOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }
        foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
        {
            if ((candidate.Is("System.Collections.Generic.IReadOnlyDictionary") || candidate.Is("System.Collections.Generic.IDictionary"))
                && candidate.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                return candidate.TypeArguments[1];
            }
        }
        return null;
    }

    private bool Enter(ITypeSymbol type, out string? reason)
    {
        reason = null;
        if (_expanding.Count >= MaxDepth)
        {
            reason = "it nests objects more than " + MaxDepth + " levels deep";
            return false;
        }
        if (_expanding.Any(t => SymbolEqualityComparer.Default.Equals(t, type)))
        {
            reason = "it contains itself, which a JSON Schema without $ref cannot describe";
            return false;
        }
        _expanding.Add(type);
        return true;
    }

    private void Leave() => _expanding.RemoveAt(_expanding.Count - 1);

    private void ReportOnce(ISymbol symbol, DiagnosticDescriptor descriptor, Location? location, params object?[] args)
    {
        if (_problems.IsCollecting && _reported.Add(symbol))
        {
            _problems.Report(descriptor, location, args);
        }
    }
}
