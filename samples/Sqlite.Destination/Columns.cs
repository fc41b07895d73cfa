using System;
using System.Collections.Generic;
using System.Linq;
using Connectors;

namespace Sqlite;

/// <summary>
/// The columns a stream gets: one per top-level schema field (names that SQLite would see twice, or that clash with
/// the <c>_airbyte_*</c> columns, are left out), then the Airbyte columns; and which of them hold the primary key and
/// the cursor.
/// </summary>
internal sealed class Columns
{
    public const string RawId = "_airbyte_raw_id";
    public const string ExtractedAt = "_airbyte_extracted_at";
    public const string GenerationId = "_airbyte_generation_id";

    private Columns(IReadOnlyList<StreamField> fields, IReadOnlyList<string> primaryKey, string? cursor)
    {
        Fields = fields;
        PrimaryKey = primaryKey;
        Cursor = cursor;
    }

    /// <summary>The data columns, in schema order.</summary>
    public IReadOnlyList<StreamField> Fields { get; }

    /// <summary>The primary key columns (append_dedup).</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>The cursor column, when the cursor is a top-level field.</summary>
    public string? Cursor { get; }

    /// <summary>Every column with its type: the data columns, then the Airbyte columns.</summary>
    public IEnumerable<(string Name, string Type)> Definitions =>
        Fields.Select(f => (f.Name, TypeOf(f.Type)))
            .Append((RawId, "TEXT NOT NULL"))
            .Append((ExtractedAt, "TEXT NOT NULL"))
            .Append((GenerationId, "INTEGER"));

    /// <exception cref="ConfigException">The primary key of an append_dedup stream is not made of top-level fields.</exception>
    public static Columns For(DestinationStream stream)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var fields = stream.Fields.Where(f => !f.Name.StartsWith("_airbyte_", StringComparison.OrdinalIgnoreCase) && names.Add(f.Name)).ToList();
        var primaryKey = new List<string>();
        if (stream.SyncMode == DestinationSyncMode.AppendDedup)
        {
            foreach (var path in stream.PrimaryKey)
            {
                if (path.Count != 1 || !fields.Any(f => f.Name == path[0]))
                {
                    throw new ConfigException(
                        $"Stream '{stream}': the primary key field '{string.Join(".", path)}' is not a top-level field of the stream's schema, which append_dedup into SQLite needs.");
                }
                primaryKey.Add(path[0]);
            }
        }
        var cursor = stream.CursorField is [var single] && fields.Any(f => f.Name == single) ? single : null;
        return new Columns(fields, primaryKey, cursor);
    }

    /// <summary>SQLite column types: integers and booleans INTEGER, numbers REAL, everything else TEXT (objects and arrays as JSON).</summary>
    public static string TypeOf(FieldType type) => type switch
    {
        FieldType.Integer or FieldType.Boolean => "INTEGER",
        FieldType.Number => "REAL",
        _ => "TEXT",
    };

    /// <summary>An identifier, quoted.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
