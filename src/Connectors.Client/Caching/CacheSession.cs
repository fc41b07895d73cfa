using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;

namespace Connectors.Client.Caching;

/// <summary>What a finished stream leaves: its plan, whether rows were written, and its last state (null: none received).</summary>
internal sealed record StreamOutcome(CacheStreamPlan Plan, StreamWriter? Writer, string? StagingTable, IReadOnlyList<(string Key, string Json)> States);

/// <summary>
/// One read's writes into a cache: staging tables (<c>_airbyte_tmp_TABLE_RUN</c>) filled by stream writers, then in one
/// transaction the swap (replace), copy (append) or delete-and-insert (merge) into the final tables and the new states.
/// Disposing without <see cref="Commit"/> rolls everything back and drops the staging tables.
/// </summary>
internal sealed class CacheSession : IDisposable
{
    private readonly SqlCache _cache;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _externalStaging = new();
    private bool _committed;

    public CacheSession(SqlCache cache)
    {
        _cache = cache;
        Connection = cache.OpenConnection();
        Execute(cache.StateTableSql());
        Execute(cache.StreamsTableSql());
        if (cache.StagingInTransaction)
        {
            Transaction = Connection.BeginTransaction();
        }
    }

    public DbConnection Connection { get; }

    /// <summary>
    /// The session's transaction: from the start where staging tables are written inside it (SQLite; DuckDB, which writes
    /// a large transaction's row groups to the file as they fill), else only for the final swap (PostgreSQL, whose
    /// streams load on connections of their own). Staging tables written outside it are dropped when the read fails.
    /// </summary>
    public DbTransaction? Transaction { get; private set; }

    public string StagingName(CacheStreamPlan plan) => Cache.StagingPrefix + plan.Table + "_" + _run;

    /// <summary>Creates the stream's staging table and a writer into it.</summary>
    public StreamWriter OpenWriter(CacheStreamPlan plan) => _cache.CreateWriter(this, plan, StagingName(plan));

    /// <summary>A staging table made outside the session's transaction (PostgreSQL's per-stream connections): dropped on failure.</summary>
    public void AddExternalStaging(string table)
    {
        lock (_externalStaging)
        {
            _externalStaging.Add(table);
        }
    }

    /// <summary>Moves every stream's rows into its final table and stores the states, in the session's transaction.</summary>
    public void Commit(string source, IReadOnlyList<StreamOutcome> outcomes, IEnumerable<(string Key, string Json)> sharedStates,
        IEnumerable<Catalog.StreamInfo> streams)
    {
        foreach (var outcome in outcomes)
        {
            outcome.Writer?.Complete();
        }
        Transaction ??= Connection.BeginTransaction();
        foreach (var outcome in outcomes)
        {
            Finalize(outcome);
        }
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var (key, json) in outcomes.SelectMany(o => o.States).Concat(sharedStates))
        {
            _cache.SaveState(this, source, "", key, json, now);
        }
        foreach (var stream in streams)
        {
            Execute($"DELETE FROM {_cache.Qualify(Cache.StreamsTable)} WHERE source_name = {_cache.Parameter("source")} AND stream_name = {_cache.Parameter("stream")}",
                ("source", source), ("stream", stream.Name));
            Execute($"INSERT INTO {_cache.Qualify(Cache.StreamsTable)} (source_name, stream_name, table_name, catalog_json, updated_at) VALUES ({_cache.Parameter("source")}, {_cache.Parameter("stream")}, {_cache.Parameter("table")}, {_cache.Parameter("json")}, {_cache.Parameter("at")})",
                ("source", source), ("stream", stream.Name), ("table", _cache.TableName(stream.Name)), ("json", stream.Json.GetRawText()), ("at", now));
        }
        Transaction.Commit();
        _committed = true;
    }

    public void BeginTransaction() => Transaction ??= Connection.BeginTransaction();

    /// <summary>Commits what was executed, without any stream to finalize.</summary>
    public void CommitOnly()
    {
        Transaction?.Commit();
        _committed = true;
    }

    private void Finalize(StreamOutcome outcome)
    {
        var plan = outcome.Plan;
        var final = plan.Table;
        var staging = outcome.StagingTable;
        var exists = _cache.ColumnsOf(this, final).Count > 0;
        if (staging is null)
        {
            // No record arrived: a replace empties the table; otherwise the table only has to exist.
            if (plan.Strategy == WriteStrategy.Replace && exists)
            {
                Execute($"DELETE FROM {_cache.Qualify(final)}");
            }
            else if (!exists)
            {
                Execute(_cache.CreateTableSql(final, plan.Schema, unlogged: false));
            }
            return;
        }
        var strategy = plan.Strategy == WriteStrategy.Merge && plan.Schema.PrimaryKey.Count == 0 ? WriteStrategy.Append : plan.Strategy;
        var columns = string.Join(", ", plan.Schema.AllColumnNames.Select(Cache.Quote));
        switch (strategy)
        {
            case WriteStrategy.Replace:
                if (exists)
                {
                    Execute($"DROP TABLE {_cache.Qualify(final)}");
                }
                Rename(staging, final);
                break;
            case WriteStrategy.Append when !exists:
            case WriteStrategy.Merge when !exists && (_cache.StagingIsDeduplicated || !HasDuplicateKeys(staging, plan.Schema.PrimaryKey)):
                Rename(staging, final);
                break;
            case WriteStrategy.Append:
                AddMissingColumns(final, plan.Schema);
                Execute($"INSERT INTO {_cache.Qualify(final)} ({columns}) SELECT {columns} FROM {_cache.Qualify(staging)}");
                Execute($"DROP TABLE {_cache.Qualify(staging)}");
                break;
            default:
                if (exists)
                {
                    AddMissingColumns(final, plan.Schema);
                    var matches = string.Join(" AND ", plan.Schema.PrimaryKey.Select(k => $"s.{Cache.Quote(k)} = {_cache.Qualify(final)}.{Cache.Quote(k)}"));
                    Execute($"DELETE FROM {_cache.Qualify(final)} WHERE EXISTS (SELECT 1 FROM {_cache.Qualify(staging)} s WHERE {matches})");
                }
                else
                {
                    Execute(_cache.CreateTableSql(final, plan.Schema, unlogged: false));
                }
                var rows = _cache.StagingIsDeduplicated
                    ? $"SELECT {columns} FROM {_cache.Qualify(staging)}"
                    : _cache.LatestPerKeySql(_cache.Qualify(staging), columns, plan.Schema.PrimaryKey.Select(Cache.Quote));
                Execute($"INSERT INTO {_cache.Qualify(final)} ({columns}) {rows}");
                Execute($"DROP TABLE {_cache.Qualify(staging)}");
                break;
        }
    }

    private bool HasDuplicateKeys(string staging, IReadOnlyList<string> key)
    {
        var keys = string.Join(", ", key.Select(Cache.Quote));
        using var command = Command($"SELECT COUNT(*) FROM (SELECT 1 FROM {_cache.Qualify(staging)} GROUP BY {keys} HAVING COUNT(*) > 1 LIMIT 1) d");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private void AddMissingColumns(string table, TableSchema schema)
    {
        var existing = _cache.ColumnsOf(this, table).ToHashSet(StringComparer.Ordinal);
        foreach (var column in schema.Columns.Where(c => !existing.Contains(c.Name)))
        {
            Execute($"ALTER TABLE {_cache.Qualify(table)} ADD COLUMN {Cache.Quote(column.Name)} {_cache.TypeName(column.Type)}");
        }
    }

    private void Rename(string from, string to) => Execute($"ALTER TABLE {_cache.Qualify(from)} RENAME TO {Cache.Quote(to)}");

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            _cache.AddParameter(command, name, value);
        }
        return command;
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (!_committed)
        {
            try
            {
                Transaction?.Rollback();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
            }
            foreach (var table in _externalStaging)
            {
                try
                {
                    using var command = Connection.CreateCommand();
                    command.CommandText = $"DROP TABLE IF EXISTS {_cache.Qualify(table)}";
                    command.ExecuteNonQuery();
                }
                catch (DbException)
                {
                }
            }
        }
        Transaction?.Dispose();
        Connection.Dispose();
    }
}
