using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Connectors.Client.Caching;

/// <summary>One column: the record property it holds, its normalized name and its type.</summary>
/// <param name="Name">The column's name (lower case, <c>[a-z0-9_]</c>).</param>
/// <param name="Property">The record's property.</param>
/// <param name="Type">The type.</param>
public sealed record CacheColumn(string Name, string Property, ColumnType Type)
{
    internal byte[] PropertyUtf8 { get; } = Encoding.UTF8.GetBytes(Property);
}

/// <summary>
/// A stream's table: a column per top-level property of its JSON schema, typed from it, then <c>_airbyte_raw_id</c>,
/// <c>_airbyte_extracted_at</c> and <c>_airbyte_meta</c>. A schema without properties stores each record whole in
/// <c>_airbyte_data</c>. Names are normalized as PyAirbyte does (lower case; anything but letters, digits and <c>_</c>
/// becomes <c>_</c>; a leading digit gets a <c>_</c>); a clash gets a numeric suffix.
/// </summary>
public sealed class TableSchema
{
    /// <summary>The id column: a UUID per row.</summary>
    public const string RawId = "_airbyte_raw_id";

    /// <summary>When the source emitted the record.</summary>
    public const string ExtractedAt = "_airbyte_extracted_at";

    /// <summary>Changes made to the record on the way (<c>{"changes":[…]}</c>): values nulled because they did not fit the column.</summary>
    public const string Meta = "_airbyte_meta";

    /// <summary>The whole record, for a stream whose schema declares no properties.</summary>
    public const string Data = "_airbyte_data";

    private TableSchema(IReadOnlyList<CacheColumn> columns, IReadOnlyList<string> primaryKey, bool wholeRecord)
    {
        Columns = columns;
        PrimaryKey = primaryKey;
        WholeRecord = wholeRecord;
    }

    /// <summary>The data columns, in schema order (without the three <c>_airbyte_</c> columns).</summary>
    public IReadOnlyList<CacheColumn> Columns { get; }

    /// <summary>The primary key's column names (top-level fields only; empty when none).</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>Whether records are stored whole in <c>_airbyte_data</c>.</summary>
    public bool WholeRecord { get; }

    /// <summary>Every column name, data columns first.</summary>
    public IEnumerable<string> AllColumnNames => Columns.Select(c => c.Name).Append(RawId).Append(ExtractedAt).Append(Meta);

    /// <summary>The table of a stream with this JSON schema and primary key (paths of field names).</summary>
    public static TableSchema From(JsonElement jsonSchema, IReadOnlyList<IReadOnlyList<string>> primaryKey)
    {
        var columns = new List<CacheColumn>();
        var used = new HashSet<string>(StringComparer.Ordinal) { RawId, ExtractedAt, Meta };
        if (jsonSchema.ValueKind == JsonValueKind.Object && jsonSchema.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var name = Unique(Normalize(property.Name), used);
                columns.Add(new CacheColumn(name, property.Name, TypeOf(property.Value)));
            }
        }
        var wholeRecord = columns.Count == 0;
        if (wholeRecord)
        {
            columns.Add(new CacheColumn(Data, "", ColumnType.Json));
        }
        var key = primaryKey
            .Where(path => path.Count == 1)
            .Select(path => columns.FirstOrDefault(c => c.Property == path[0])?.Name)
            .ToList();
        // A key on a nested field, or on a field the schema lacks, cannot be a column: no key then (merge falls back to append).
        var usableKey = key.Count == primaryKey.Count && key.All(k => k is not null) && !wholeRecord ? key.Select(k => k!).ToList() : new List<string>();
        return new TableSchema(columns, usableKey, wholeRecord);
    }

    /// <summary>PyAirbyte's normalization: lower case, <c>[a-z0-9_]</c> only, no leading digit.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 1; !used.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }
        return candidate;
    }

    /// <summary>The column type of a property's schema.</summary>
    internal static ColumnType TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return ColumnType.Json;
        }
        string? single = null;
        if (type.ValueKind == JsonValueKind.String)
        {
            single = type.GetString();
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            var types = type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").Distinct().ToList();
            if (types.Count != 1)
            {
                return ColumnType.Json;
            }
            single = types[0];
        }
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var airbyteType = schema.TryGetProperty("airbyte_type", out var a) ? a.GetString() : null;
        return single switch
        {
            "integer" => ColumnType.Integer,
            "number" => airbyteType == "integer" ? ColumnType.Integer : ColumnType.Number,
            "boolean" => ColumnType.Boolean,
            "string" when format == "date-time" => airbyteType == "timestamp_without_timezone"
                ? ColumnType.TimestampWithoutTimeZone
                : ColumnType.TimestampWithTimeZone,
            "string" when format == "date" => ColumnType.Date,
            "string" => ColumnType.String,
            _ => ColumnType.Json,
        };
    }
}
