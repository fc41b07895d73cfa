using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace Connectors.Client.Caching;

/// <summary>What differs between the SQL databases a cache can be: types, staging, bulk writers, catalog queries.</summary>
public abstract class SqlCache : Cache
{
    internal override CacheSession BeginSession(IReadOnlyList<CacheStreamPlan> plans) => new(this);

    /// <summary>The column type's SQL name.</summary>
    internal abstract string TypeName(ColumnType type);

    internal abstract string RawIdType { get; }

    internal abstract string TimestampType { get; }

    internal abstract string MetaType { get; }

    /// <summary>Whether staging tables are written inside the session's transaction (else created apart and dropped on failure).</summary>
    internal virtual bool StagingInTransaction => false;

    /// <summary>Whether staging tables hold at most one row per primary key (SQLite upserts into a unique index).</summary>
    internal virtual bool StagingIsDeduplicated => false;

    /// <summary>The rows of <paramref name="staging"/>, keeping the last one read of each key.</summary>
    internal abstract string LatestPerKeySql(string staging, string columns, IEnumerable<string> key);

    /// <summary>The column names of a table; empty when it does not exist.</summary>
    internal abstract IReadOnlyList<string> ColumnsOf(CacheSession session, string table);

    /// <summary>Creates the staging table and the bulk writer into it.</summary>
    internal abstract StreamWriter CreateWriter(CacheSession session, CacheStreamPlan plan, string staging);

    internal string StateTableSql() =>
        $"CREATE TABLE IF NOT EXISTS {Qualify(StateTable)} (source_name VARCHAR NOT NULL, destination_name VARCHAR NOT NULL, stream_name VARCHAR NOT NULL, state_json VARCHAR NOT NULL, updated_at VARCHAR NOT NULL, PRIMARY KEY (source_name, destination_name, stream_name))";

    /// <summary>Replaces one saved state, in the session's transaction.</summary>
    internal void SaveState(CacheSession session, string source, string destination, string stream, string json, string now)
    {
        session.Execute($"DELETE FROM {Qualify(StateTable)} WHERE source_name = {Parameter("source")} AND destination_name = {Parameter("destination")} AND stream_name = {Parameter("stream")}",
            ("source", source), ("destination", destination), ("stream", stream));
        session.Execute($"INSERT INTO {Qualify(StateTable)} (source_name, destination_name, stream_name, state_json, updated_at) VALUES ({Parameter("source")}, {Parameter("destination")}, {Parameter("stream")}, {Parameter("state")}, {Parameter("at")})",
            ("source", source), ("destination", destination), ("stream", stream), ("state", json), ("at", now));
    }

    /// <summary>Saves states in a transaction of their own (a destination's acknowledged progress).</summary>
    internal void SaveStates(string source, string destination, IEnumerable<(string Stream, string Json)> states)
    {
        using var session = new CacheSession(this);
        session.BeginTransaction();
        var now = System.DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (stream, json) in states)
        {
            SaveState(session, source, destination, stream, json, now);
        }
        session.CommitOnly();
    }

    internal string StreamsTableSql() =>
        $"CREATE TABLE IF NOT EXISTS {Qualify(StreamsTable)} (source_name VARCHAR NOT NULL, stream_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, catalog_json VARCHAR NOT NULL, updated_at VARCHAR NOT NULL, PRIMARY KEY (source_name, stream_name))";

    internal string CreateTableSql(string table, TableSchema schema, bool unlogged)
    {
        var columns = schema.Columns.Select(c => $"{Quote(c.Name)} {TypeName(c.Type)}")
            .Append($"{Quote(TableSchema.RawId)} {RawIdType} NOT NULL")
            .Append($"{Quote(TableSchema.ExtractedAt)} {TimestampType} NOT NULL")
            .Append($"{Quote(TableSchema.Meta)} {MetaType} NOT NULL");
        return $"CREATE {(unlogged ? UnloggedKeyword : "")}TABLE {Qualify(table)} ({string.Join(", ", columns)})";
    }

    internal virtual string UnloggedKeyword => "";

    internal IReadOnlyList<string> Query(CacheSession session, string sql, params (string, object?)[] parameters)
    {
        using var command = session.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
