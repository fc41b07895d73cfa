using System;
using System.Linq;
using System.Text;
using Connectors;
using Connectors.Runtime;

namespace Postgres.Source;

/// <summary>A table as a stream: its schema, primary key, cursor candidates and default cursor.</summary>
internal static class TableStreams
{
    // Columns that usually only grow when a row changes: the default cursor when the table has one.
    private static readonly string[] PreferredCursors = ["updated_at", "modified_at", "last_modified", "updated", "modified", "changed_at"];

    public static StreamDescription Describe(PgTable table)
    {
        var candidates = table.Columns.Where(c => c.CanBeCursor).Select(c => c.Name).ToList();
        return new StreamDescription
        {
            Name = table.Name,
            Namespace = table.Schema,
            JsonSchema = Schema(table),
            PrimaryKey = table.PrimaryKey.Select(k => (System.Collections.Generic.IReadOnlyList<string>)new[] { k }).ToList(),
            CursorCandidates = candidates,
            DefaultCursor = DefaultCursor(table, candidates),
        };
    }

    private static string? DefaultCursor(PgTable table, System.Collections.Generic.List<string> candidates)
    {
        if (candidates.Count == 0)
        {
            return null;
        }
        var preferred = PreferredCursors.FirstOrDefault(p => candidates.Contains(p, StringComparer.Ordinal));
        if (preferred is not null)
        {
            return preferred;
        }
        var timestamp = table.Columns.FirstOrDefault(c => c.CanBeCursor && c.Type is "timestamptz" or "timestamp");
        if (timestamp is not null)
        {
            return timestamp.Name;
        }
        return table.PrimaryKey.Count == 1 && candidates.Contains(table.PrimaryKey[0]) ? table.PrimaryKey[0] : candidates[0];
    }

    private static string Schema(PgTable table)
    {
        var json = new StringBuilder("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }
            json.Append(System.Text.Json.JsonSerializer.Serialize(table.Columns[i].Name, StringJson.Default.String)).Append(':');
            table.Columns[i].WriteSchema(json);
        }
        return json.Append("}}").ToString();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class StringJson : System.Text.Json.Serialization.JsonSerializerContext;
