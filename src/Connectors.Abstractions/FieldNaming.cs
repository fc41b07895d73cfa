namespace Connectors;

/// <summary>How C# member names become JSON property names.</summary>
public enum FieldNaming
{
    /// <summary><c>UpdatedAt</c> becomes <c>updated_at</c> (the Airbyte convention, and the default).</summary>
    SnakeCase = 0,

    /// <summary><c>UpdatedAt</c> becomes <c>updatedAt</c>.</summary>
    CamelCase = 1,

    /// <summary><c>UpdatedAt</c> stays <c>UpdatedAt</c>.</summary>
    AsDeclared = 2,

    /// <summary><c>UpdatedAt</c> becomes <c>updated-at</c>.</summary>
    KebabCase = 3,
}
