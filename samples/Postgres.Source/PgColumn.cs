using System.Text;

namespace Postgres.Source;

/// <summary>How a column's values are read and written as JSON.</summary>
internal enum ValueKind
{
    /// <summary>smallint, integer, bigint: a JSON integer.</summary>
    Integer,

    /// <summary>real, double precision: a JSON number (NaN and ±Infinity, which JSON lacks, become null).</summary>
    Float,

    /// <summary>numeric: its exact text as a JSON number (NaN and ±Infinity become null).</summary>
    Numeric,

    /// <summary>boolean.</summary>
    Boolean,

    /// <summary>text, varchar, char, name, citext, uuid: a JSON string.</summary>
    Text,

    /// <summary>bytea: a base64 JSON string.</summary>
    Bytes,

    /// <summary>json, jsonb: the document itself.</summary>
    Json,

    /// <summary>
    /// timestamp, timestamptz, date: read in binary and written by <see cref="PgDateTimeText"/> exactly as the server's
    /// <c>to_json</c> writes them (no text formatting on the server, no string per value on the client).
    /// </summary>
    DateTime,

    /// <summary>Everything else (dates, times, intervals, arrays, enums, network, geometric…): the server's <c>to_json</c> of it.</summary>
    ServerJson,
}

/// <summary>One column of a table, as the catalog describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">The type's name (<c>int4</c>, <c>timestamptz</c>, <c>_text</c>…).</param>
/// <param name="Category">pg_type.typcategory (<c>A</c> array, <c>E</c> enum, <c>S</c> string…).</param>
/// <param name="ElementType">For an array: its element type's name.</param>
/// <param name="NotNull">Declared NOT NULL.</param>
internal sealed record PgColumn(string Name, string Type, char Category, string? ElementType, bool NotNull)
{
    public ValueKind Kind => KindOf(Type);

    /// <summary>True for types ordered in a way a cursor can use (and whose text form casts back exactly).</summary>
    public bool CanBeCursor => Type is "int2" or "int4" or "int8" or "numeric" or "float4" or "float8" or "date" or "timestamp"
        or "timestamptz" or "text" or "varchar" or "bpchar" or "name" or "citext";

    private static ValueKind KindOf(string type) => type switch
    {
        "int2" or "int4" or "int8" or "oid" => ValueKind.Integer,
        "float4" or "float8" => ValueKind.Float,
        "numeric" => ValueKind.Numeric,
        "bool" => ValueKind.Boolean,
        "text" or "varchar" or "bpchar" or "name" or "citext" or "uuid" or "char" => ValueKind.Text,
        "bytea" => ValueKind.Bytes,
        "json" or "jsonb" => ValueKind.Json,
        "timestamp" or "timestamptz" or "date" => ValueKind.DateTime,
        _ => ValueKind.ServerJson,
    };

    /// <summary>The SELECT expression that reads the column for its <see cref="Kind"/>.</summary>
    public string SelectExpression()
    {
        var name = Quote(Name);
        return Kind switch
        {
            ValueKind.Numeric or ValueKind.Json => name + "::text",
            ValueKind.Text when Type is "uuid" or "citext" or "char" => name + "::text",
            ValueKind.Integer when Type == "oid" => name + "::int8",
            ValueKind.ServerJson => "to_json(" + name + ")::text",
            _ => name,
        };
    }

    /// <summary>The column's JSON Schema (the type mapping docs/dynamic-streams.md tabulates).</summary>
    public void WriteSchema(StringBuilder json)
    {
        json.Append('{');
        Append(json, Type, Category, ElementType, NotNull);
        json.Append('}');
    }

    private static void Append(StringBuilder json, string type, char category, string? element, bool notNull)
    {
        string Types(string t) => notNull ? $"\"{t}\"" : $"[\"{t}\",\"null\"]";
        switch (KindOf(type))
        {
            case ValueKind.Integer:
                json.Append("\"type\":").Append(Types("integer"));
                return;
            case ValueKind.Float:
            case ValueKind.Numeric:
                // NaN and ±Infinity become null, so the type admits null even for NOT NULL columns.
                json.Append("\"type\":[\"number\",\"null\"]");
                return;
            case ValueKind.Boolean:
                json.Append("\"type\":").Append(Types("boolean"));
                return;
            case ValueKind.Text:
                json.Append("\"type\":").Append(Types("string"));
                if (type == "uuid")
                {
                    json.Append(",\"format\":\"uuid\"");
                }
                return;
            case ValueKind.Bytes:
                json.Append("\"type\":").Append(Types("string")).Append(",\"contentEncoding\":\"base64\"");
                return;
            case ValueKind.Json:
                // Any JSON value: no type constraint.
                return;
        }
        switch (type)
        {
            case "date":
                json.Append("\"type\":").Append(Types("string")).Append(",\"format\":\"date\"");
                return;
            case "timestamp":
                json.Append("\"type\":").Append(Types("string")).Append(",\"format\":\"date-time\",\"x-timezone\":false");
                return;
            case "timestamptz":
                json.Append("\"type\":").Append(Types("string")).Append(",\"format\":\"date-time\",\"x-timezone\":true");
                return;
            case "time":
                json.Append("\"type\":").Append(Types("string")).Append(",\"format\":\"time\",\"x-timezone\":false");
                return;
            case "timetz":
                json.Append("\"type\":").Append(Types("string")).Append(",\"format\":\"time\",\"x-timezone\":true");
                return;
        }
        if (category == 'A' && element is not null)
        {
            json.Append("\"type\":").Append(Types("array")).Append(",\"items\":{");
            Append(json, element, ' ', null, notNull: false);
            json.Append('}');
            return;
        }
        // Enums, intervals, network and geometric types, money…: to_json writes them as strings. Composite and other
        // user-defined types: whatever to_json makes of them.
        if (category is 'E' or 'S' or 'T' or 'I' or 'G' or 'N' or 'D' or 'V' or 'Z' or 'B')
        {
            json.Append("\"type\":").Append(Types("string"));
        }
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
