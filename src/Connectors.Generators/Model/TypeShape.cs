using Connectors.Generators.Helpers;

namespace Connectors.Generators.Model;

/// <summary>What JSON a C# type maps to. The spec, record schemas, binders and serializers all read this one mapping.</summary>
internal enum ShapeKind
{
    String,
    Boolean,
    Integer,
    Number,
    DateTimeOffset,
    DateTime,
    DateOnly,
    TimeOnly,
    Guid,
    Uri,
    Bytes,
    Enum,
    Array,
    Dictionary,
    Object,
    Json,
}

/// <summary>How a collection is typed, which decides how it is iterated and built.</summary>
internal enum CollectionKind
{
    None,

    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c> or an interface <c>List&lt;T&gt;</c> implements (indexable: a <c>for</c> loop).</summary>
    List,

    /// <summary>Any other <c>IEnumerable&lt;T&gt;</c> (a <c>foreach</c> loop; not bindable from config).</summary>
    Enumerable,
}

/// <summary>A named value of an enum, its JSON spelling and its underlying value (invariant text).</summary>
internal sealed record EnumMemberModel(string Name, string JsonName, string Value);

/// <summary>
/// The JSON shape of a C# type. Models are immutable and compare by value so the incremental pipeline can cache them;
/// they hold no symbols, syntax or locations.
/// </summary>
/// <param name="Kind">The JSON shape.</param>
/// <param name="TypeName">The <c>global::</c>-qualified type, without the nullable wrapper or annotation.</param>
/// <param name="IsNullable">Null is a valid value.</param>
/// <param name="IsNullableValueType">The type is <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="Primitive">For numbers: the C# keyword (int, long, double…); otherwise empty.</param>
/// <param name="Collection">For arrays: how the collection is typed.</param>
/// <param name="Element">For arrays and dictionaries: the item or value shape.</param>
/// <param name="EnumMembers">For enums: the values.</param>
/// <param name="Object">For objects: the members.</param>
internal sealed record TypeShape(
    ShapeKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsNullableValueType,
    string Primitive,
    CollectionKind Collection,
    TypeShape? Element,
    EquatableArray<EnumMemberModel> EnumMembers,
    ObjectModel? Object)
{
    public static TypeShape Simple(ShapeKind kind, string typeName, bool isNullable, bool isNullableValueType, string primitive = "") =>
        new(kind, typeName, isNullable, isNullableValueType, primitive, CollectionKind.None, null, EquatableArray<EnumMemberModel>.Empty, null);

    /// <summary>The same shape without null.</summary>
    public TypeShape NonNullable() => this with { IsNullable = false, IsNullableValueType = false };
}

/// <summary>A class, record or struct whose members become a JSON object.</summary>
/// <param name="TypeName">The <c>global::</c>-qualified type.</param>
/// <param name="IsValueType">The type is a struct.</param>
/// <param name="Members">The members, in declaration order.</param>
internal sealed record ObjectModel(string TypeName, bool IsValueType, EquatableArray<MemberModel> Members);

/// <summary>One member of an object.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="JsonName">The JSON property name.</param>
/// <param name="Type">The member's JSON shape.</param>
/// <param name="Description">From the XML doc summary (or the attribute, for config), if any.</param>
/// <param name="Config">For configuration properties: the schema facets; null for record members.</param>
internal sealed record MemberModel(string Name, string JsonName, TypeShape Type, string? Description, ConfigFacets? Config);

/// <summary>What a <c>[ConfigProperty]</c> adds to its member's schema and binding.</summary>
/// <param name="Title">The form label.</param>
/// <param name="Secret">A credential: marked <c>x-secret</c> in the schema and masked in output.</param>
/// <param name="Hidden">Not shown in configuration forms: marked <c>x-hidden</c>.</param>
/// <param name="Required">The value must be present.</param>
/// <param name="Default">
/// The default value as <c>Parsing.ConstantText</c> reduced it (a string's characters, digits, true/false, an enum
/// member's C# name), for the schema; null for none.
/// </param>
/// <param name="AssignsDefault">
/// Generated code assigns <paramref name="Default"/> when the value is absent (an attribute or parameter default);
/// false for an initializer's constant, which already ran.
/// </param>
/// <param name="Examples">Examples, as <paramref name="Default"/> is written.</param>
/// <param name="Minimum">The inclusive minimum, as a JSON number.</param>
/// <param name="Maximum">The inclusive maximum, as a JSON number.</param>
/// <param name="Pattern">A regular expression string values must match.</param>
/// <param name="Order">The form position.</param>
/// <param name="Group">The form group.</param>
/// <param name="IsRequiredMember">
/// Declared with C#'s <c>required</c>: creating the object must set it, so generated code sets a placeholder that the
/// binder then overwrites (or reports as missing).
/// </param>
internal sealed record ConfigFacets(
    string Title,
    bool Secret,
    bool Hidden,
    bool Required,
    string? Default,
    bool AssignsDefault,
    EquatableArray<string> Examples,
    string? Minimum,
    string? Maximum,
    string? Pattern,
    int? Order,
    string? Group,
    bool IsRequiredMember = false);
