namespace Connectors;

/// <summary>The JSON type of a top-level field, as the stream's <c>json_schema</c> declares it.</summary>
public enum FieldType
{
    /// <summary>No single type: a union, <c>oneOf</c>/<c>anyOf</c>, or no <c>type</c> at all.</summary>
    Any = 0,

    /// <summary><c>"type": "string"</c> (dates and times too; see <see cref="StreamField.Format"/>).</summary>
    String,

    /// <summary><c>"type": "integer"</c>, or a number with <c>"airbyte_type": "integer"</c>.</summary>
    Integer,

    /// <summary><c>"type": "number"</c>.</summary>
    Number,

    /// <summary><c>"type": "boolean"</c>.</summary>
    Boolean,

    /// <summary><c>"type": "object"</c>.</summary>
    Object,

    /// <summary><c>"type": "array"</c>.</summary>
    Array,
}
