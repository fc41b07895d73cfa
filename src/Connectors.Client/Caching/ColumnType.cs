namespace Connectors.Client.Caching;

/// <summary>A cache column's type, from the stream's JSON schema.</summary>
public enum ColumnType
{
    /// <summary><c>integer</c> (or <c>number</c> with <c>airbyte_type: integer</c>): a 64-bit integer.</summary>
    Integer,
    /// <summary><c>number</c>: a double.</summary>
    Number,
    /// <summary><c>boolean</c>.</summary>
    Boolean,
    /// <summary><c>string</c> (and <c>format: time</c>): text.</summary>
    String,
    /// <summary><c>string</c> with <c>format: date</c>.</summary>
    Date,
    /// <summary><c>string</c> with <c>format: date-time</c>: a timestamp with time zone (the Airbyte default).</summary>
    TimestampWithTimeZone,
    /// <summary><c>date-time</c> with <c>airbyte_type: timestamp_without_timezone</c>.</summary>
    TimestampWithoutTimeZone,
    /// <summary>Objects, arrays, unions of several types, and anything else: JSON text.</summary>
    Json,
}
