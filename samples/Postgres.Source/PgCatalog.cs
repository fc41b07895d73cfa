using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Postgres.Source;

/// <summary>A table (or view) of the database, as the catalog describes it.</summary>
internal sealed record PgTable(string Schema, string Name, IReadOnlyList<PgColumn> Columns, IReadOnlyList<string> PrimaryKey)
{
    public string QualifiedName => PgColumn.Quote(Schema) + "." + PgColumn.Quote(Name);
}

/// <summary>Reads the tables of some schemas from pg_catalog: columns with their types, and primary keys.</summary>
internal static class PgCatalog
{
    // Tables, partitioned tables (not their partitions), views, materialized views and foreign tables the user may read.
    private const string ColumnsQuery = """
        SELECT n.nspname, c.relname, a.attname, t.typname, t.typcategory, et.typname, a.attnotnull
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = CASE WHEN (SELECT typtype FROM pg_catalog.pg_type WHERE oid = a.atttypid) = 'd'
                                                  THEN (SELECT typbasetype FROM pg_catalog.pg_type WHERE oid = a.atttypid) ELSE a.atttypid END
        LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
          AND n.nspname = ANY($1) AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname, c.relname, a.attnum
        """;

    private const string PrimaryKeysQuery = """
        SELECT n.nspname, c.relname, a.attname
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE i.indisprimary AND n.nspname = ANY($1)
        ORDER BY n.nspname, c.relname, k.ord
        """;

    public static async Task<List<PgTable>> TablesAsync(NpgsqlConnection connection, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<(string, string), List<PgColumn>>();
        var order = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(ColumnsQuery, connection))
        {
            command.Parameters.AddWithValue(schemas.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!columns.TryGetValue(key, out var list))
                {
                    columns[key] = list = new List<PgColumn>();
                    order.Add(key);
                }
                list.Add(new PgColumn(reader.GetString(2), reader.GetString(3), reader.GetChar(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6)));
            }
        }
        var keys = new Dictionary<(string, string), List<string>>();
        await using (var command = new NpgsqlCommand(PrimaryKeysQuery, connection))
        {
            command.Parameters.AddWithValue(schemas.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!keys.TryGetValue(key, out var list))
                {
                    keys[key] = list = new List<string>();
                }
                list.Add(reader.GetString(2));
            }
        }
        return order.Select(key => new PgTable(key.Item1, key.Item2, columns[key], keys.TryGetValue(key, out var pk) ? pk : [])).ToList();
    }
}
