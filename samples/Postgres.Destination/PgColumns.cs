using System;
using System.Collections.Generic;
using System.Linq;
using Connectors;

namespace Postgres;

/// <summary>How a field is stored: its PostgreSQL type, and how a JSON value becomes one.</summary>
internal enum PgKind
{
    BigInt,
    Numeric,
    Boolean,
    Text,
    TimestampTz,
    Timestamp,
    Date,
    Jsonb,
}

/// <summary>One data column.</summary>
internal sealed record PgColumn(string Name, PgKind Kind)
{
    public string SqlType => Kind switch
    {
        PgKind.BigInt => "bigint",
        PgKind.Numeric => "numeric",
        PgKind.Boolean => "boolean",
        PgKind.TimestampTz => "timestamp with time zone",
        PgKind.Timestamp => "timestamp without time zone",
        PgKind.Date => "date",
        PgKind.Jsonb => "jsonb",
        _ => "text",
    };

    /// <summary>integer → bigint, number → numeric, date-time strings → timestamps, dates → date, objects, arrays and unions → jsonb.</summary>
    public static PgColumn For(StreamField field) => new(field.Name, field.Type switch
    {
        FieldType.Integer => PgKind.BigInt,
        FieldType.Number => PgKind.Numeric,
        FieldType.Boolean => PgKind.Boolean,
        FieldType.String when field.Format == "date-time" =>
            field.AirbyteType == "timestamp_without_timezone" ? PgKind.Timestamp : PgKind.TimestampTz,
        FieldType.String when field.Format == "date" => PgKind.Date,
        FieldType.String => PgKind.Text,
        _ => PgKind.Jsonb,
    });
}

/// <summary>
/// The columns a stream gets: one per top-level schema field (leaving out names that clash with the Airbyte columns or
/// with each other), then <c>_airbyte_raw_id</c>, <c>_airbyte_extracted_at</c> and <c>_airbyte_generation_id</c>; and
/// the primary key and cursor columns.
/// </summary>
internal sealed class PgColumns
{
    public const string RawId = "_airbyte_raw_id";
    public const string ExtractedAt = "_airbyte_extracted_at";
    public const string GenerationId = "_airbyte_generation_id";

    private PgColumns(IReadOnlyList<PgColumn> fields, IReadOnlyList<string> primaryKey, string? cursor)
    {
        Fields = fields;
        PrimaryKey = primaryKey;
        Cursor = cursor;
    }

    public IReadOnlyList<PgColumn> Fields { get; }

    public IReadOnlyList<string> PrimaryKey { get; }

    public string? Cursor { get; }

    /// <summary>Every column and its type, data columns first.</summary>
    public IEnumerable<(string Name, string Type)> Definitions =>
        Fields.Select(f => (f.Name, f.SqlType))
            .Append((RawId, "uuid NOT NULL"))
            .Append((ExtractedAt, "timestamp with time zone NOT NULL"))
            .Append((GenerationId, "bigint"));

    /// <summary>Every column name, quoted, in <see cref="Definitions"/> order.</summary>
    public IReadOnlyList<string> QuotedNames => Definitions.Select(d => Sql.Quote(d.Name)).ToList();

    /// <exception cref="ConfigException">The primary key of an append_dedup stream is not made of top-level fields.</exception>
    public static PgColumns For(DestinationStream stream)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fields = stream.Fields
            .Where(f => !f.Name.StartsWith("_airbyte_", StringComparison.Ordinal) && names.Add(f.Name))
            .Select(PgColumn.For)
            .ToList();
        var primaryKey = new List<string>();
        if (stream.SyncMode == DestinationSyncMode.AppendDedup)
        {
            foreach (var path in stream.PrimaryKey)
            {
                if (path.Count != 1 || !names.Contains(path[0]))
                {
                    throw new ConfigException(
                        $"Stream '{stream}': the primary key field '{string.Join(".", path)}' is not a top-level field of the stream's schema, which append_dedup into PostgreSQL needs.");
                }
                primaryKey.Add(path[0]);
            }
        }
        var cursor = stream.CursorField is [var single] && names.Contains(single) ? single : null;
        return new PgColumns(fields, primaryKey, cursor);
    }
}

/// <summary>SQL text helpers.</summary>
internal static class Sql
{
    /// <summary>An identifier, quoted.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A schema-qualified table name, quoted.</summary>
    public static string Table(string schema, string table) => Quote(schema) + "." + Quote(table);
}
