using System;
using System.Collections.Generic;
using System.Linq;
using Connectors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Sqlite;

/// <summary>
/// The table (and, for a stream that replaces its data, the staging table) of one stream: created or altered at the
/// stream's start, written batch by batch, swapped in or pruned of older generations once the stream is complete, and
/// left as it is when it is not.
/// </summary>
internal sealed class SqliteTable : IDisposable
{
    private const string StagingPrefix = "_airbyte_tmp_";

    private readonly SqliteConnection _connection;
    private readonly DestinationStream _stream;
    private readonly Columns _columns;
    private readonly string _table;
    // Where this sync writes: the table itself, or the staging table of a stream that replaces its data.
    private string _target;
    private RowWriter? _rows;

    private SqliteTable(SqliteConnection connection, DestinationStream stream, Columns columns)
    {
        _connection = connection;
        _stream = stream;
        _columns = columns;
        _table = stream.Namespace is null ? stream.Name : stream.Namespace + "_" + stream.Name;
        _target = _table;
    }

    public static SqliteTable Open(SqliteConnection connection, DestinationStream stream, ILogger logger)
    {
        var table = new SqliteTable(connection, stream, Columns.For(stream));
        table.Prepare(logger);
        return table;
    }

    public void Insert(RecordBatch batch) => _rows!.Insert(batch);

    /// <summary>Runs once the source reported the stream COMPLETE, after its last commit.</summary>
    public void Complete()
    {
        _rows?.Dispose();
        _rows = null;
        using var transaction = _connection.BeginTransaction();
        if (_target != _table)
        {
            // One transaction: readers see the old table until the commit, then the new one.
            Execute($"DROP TABLE IF EXISTS {Columns.Quote(_table)}");
            Execute($"DROP INDEX IF EXISTS {Columns.Quote(IndexName(_target))}");
            Execute($"ALTER TABLE {Columns.Quote(_target)} RENAME TO {Columns.Quote(_table)}");
            if (_columns.PrimaryKey.Count > 0)
            {
                Execute(CreateIndex(_table));
            }
        }
        else if (_stream.RemovesOlderGenerations)
        {
            Execute($"DELETE FROM {Columns.Quote(_table)} WHERE {Columns.GenerationId} IS NULL OR {Columns.GenerationId} < {_stream.MinimumGenerationId}");
        }
        transaction.Commit();
    }

    /// <summary>
    /// Runs for a stream that did not complete. It touches no table: the previous data stays visible and what was
    /// committed stays for a retry (the transaction may hold uncommitted work, which disposing rolls back).
    /// </summary>
    public void Leave(StreamIncompleteReason reason, ILogger logger)
    {
        _rows?.Dispose();
        _rows = null;
        if (_target == _table)
        {
            return;
        }
        if (_stream.GenerationId is { } generation)
        {
            logger.LogInformation("Stream {Stream} did not complete ({Reason}): table {Table} keeps its previous rows; the rows this attempt committed wait in {Staging} for a retry of generation {Generation}.",
                _stream, reason, _table, _target, generation);
        }
        else
        {
            logger.LogInformation("Stream {Stream} did not complete ({Reason}): table {Table} keeps its previous rows; {Staging} is started over by the next sync (the catalog has no generation to resume).",
                _stream, reason, _table, _target);
        }
    }

    public void Dispose() => _rows?.Dispose();

    private void Prepare(ILogger logger)
    {
        using (var transaction = _connection.BeginTransaction())
        {
            CreateOrAlter(_table, logger);
            if (_stream.ReplacesData)
            {
                _target = ChooseTarget(logger);
            }
            if (_columns.PrimaryKey.Count > 0)
            {
                EnsureUniqueKey(_target, logger);
            }
            transaction.Commit();
        }
        _rows = new RowWriter(_connection, _target, _columns, _stream.GenerationId);
    }

    /// <summary>
    /// Where a stream that replaces its data writes. A staging table left by an earlier attempt at the same generation
    /// holds committed, acknowledged rows the retry resumes after: keep it. Without one, a table that holds nothing but
    /// this generation (an earlier attempt of this sync completed the stream and swapped it in, or it is empty) is
    /// written directly: swapping a new staging table in would replace those rows with only what the retry sends. Anything
    /// else (another generation, no generation) gets a new staging table.
    /// </summary>
    private string ChooseTarget(ILogger logger)
    {
        var staging = StagingPrefix + _table;
        if (ExistingColumns(staging).Count > 0)
        {
            if (_stream.GenerationId is { } generation && OtherGenerations(staging, generation) == 0)
            {
                logger.LogInformation("Resuming into the staging table of stream {Stream} (generation {Generation}).", _stream, generation);
                CreateOrAlter(staging, logger);
                return staging;
            }
            Execute($"DROP TABLE {Columns.Quote(staging)}");
        }
        else if (_stream.GenerationId is { } generation && OtherGenerations(_table, generation) == 0)
        {
            logger.LogInformation("Table {Table} holds only generation {Generation} (or nothing): stream {Stream} is written into it directly.", _table, generation, _stream);
            return _table;
        }
        CreateOrAlter(staging, logger);
        return staging;
    }

    private long OtherGenerations(string table, long generation) =>
        Scalar($"SELECT COUNT(*) FROM {Columns.Quote(table)} WHERE {Columns.GenerationId} IS NOT {generation}");

    /// <summary>Creates the table, or adds the columns a changed schema brought (columns are never dropped or retyped).</summary>
    private void CreateOrAlter(string table, ILogger logger)
    {
        var existing = ExistingColumns(table);
        if (existing.Count == 0)
        {
            Execute($"CREATE TABLE {Columns.Quote(table)} ({string.Join(", ", _columns.Definitions.Select(c => Columns.Quote(c.Name) + " " + c.Type))})");
            return;
        }
        foreach (var (name, type) in _columns.Definitions.Where(c => !existing.Contains(c.Name)))
        {
            logger.LogInformation("Adding column {Column} to table {Table}: the stream's schema has a new field.", name, table);
            Execute($"ALTER TABLE {Columns.Quote(table)} ADD COLUMN {Columns.Quote(name)} {type.Replace(" NOT NULL", "")}");
        }
    }

    /// <summary>append_dedup upserts on a unique index; rows a former append left twice are reduced to the last one first.</summary>
    private void EnsureUniqueKey(string table, ILogger logger)
    {
        var index = IndexName(table);
        if (Scalar($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '{index.Replace("'", "''")}'") > 0)
        {
            return;
        }
        var key = string.Join(", ", _columns.PrimaryKey.Select(Columns.Quote));
        var removed = Execute($"DELETE FROM {Columns.Quote(table)} WHERE rowid NOT IN (SELECT MAX(rowid) FROM {Columns.Quote(table)} GROUP BY {key})");
        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} duplicate rows of table {Table} before deduplicating on its primary key.", removed, table);
        }
        Execute(CreateIndex(table));
    }

    private string CreateIndex(string table) =>
        $"CREATE UNIQUE INDEX {Columns.Quote(IndexName(table))} ON {Columns.Quote(table)} ({string.Join(", ", _columns.PrimaryKey.Select(Columns.Quote))})";

    private static string IndexName(string table) => table + "_airbyte_pk";

    private HashSet<string> ExistingColumns(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private int Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
