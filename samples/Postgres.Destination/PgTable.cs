using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Postgres;

/// <summary>
/// The table of one stream: created or altered at the stream's start, loaded batch by batch with binary COPY (into a
/// staging table when the stream replaces its data, through a temporary table merged on the primary key for
/// append_dedup), and swapped in or pruned of older generations once the stream is complete; left as it is when not.
/// </summary>
internal sealed class PgTable
{
    private const string StagingPrefix = "_airbyte_tmp_";
    private const string Sequence = "_airbyte_load_seq";

    private static int _loadTables;

    private readonly NpgsqlConnection _connection;
    private readonly DestinationStream _stream;
    private readonly PgColumns _columns;
    private readonly string _schema;
    private readonly string _table;
    // Where this sync writes: the table itself, or the staging table of a stream that replaces its data.
    private string _target;
    private readonly string? _load;
    private readonly CopyWriter _rows;
    private NpgsqlRawCopyStream? _copy;
    private CopyRows? _copyRows;

    private PgTable(NpgsqlConnection connection, DestinationStream stream, PgColumns columns, string defaultSchema)
    {
        _connection = connection;
        _stream = stream;
        _columns = columns;
        _schema = stream.Namespace ?? defaultSchema;
        _table = stream.Name;
        _target = _table;
        _load = columns.PrimaryKey.Count > 0 ? "_airbyte_load_" + Interlocked.Increment(ref _loadTables) : null;
        _rows = new CopyWriter(columns, stream.GenerationId, withSequence: _load is not null);
    }

    public static async Task<PgTable> OpenAsync(NpgsqlConnection connection, DestinationStream stream, string defaultSchema, ILogger logger,
        CancellationToken cancellationToken)
    {
        var table = new PgTable(connection, stream, PgColumns.For(stream), defaultSchema);
        await table.PrepareAsync(logger, cancellationToken);
        return table;
    }

    /// <summary>True while a COPY into this table is open (see <see cref="FinishCopyAsync"/>).</summary>
    public bool IsCopying => _copy is not null;

    /// <summary>
    /// Loads a batch inside the destination's open transaction. An append or overwrite leaves its COPY open for the next
    /// batch, so the server loads rows while this side reads the next ones; <see cref="FinishCopyAsync"/> completes it.
    /// append_dedup copies the batch into the load table and merges it at once.
    /// </summary>
    public async Task WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        if (_load is null)
        {
            _copyRows ??= new CopyRows(_copy = await BeginCopyAsync(Sql.Table(_schema, _target), _columns.QuotedNames, cancellationToken));
            _rows.Write(_copyRows, batch);
            // Hand the batch to the server now rather than when the next one fills the buffer.
            _copyRows.Flush();
            await _copy!.FlushAsync(cancellationToken);
            return;
        }
        await using (var copy = await BeginCopyAsync(Sql.Quote(_load), _columns.QuotedNames.Append(Sql.Quote(Sequence)), cancellationToken))
        {
            var rows = new CopyRows(copy);
            _rows.Write(rows, batch);
            rows.Finish();
        }
        await ExecuteAsync(MergeSql(), cancellationToken);
        await ExecuteAsync($"TRUNCATE {Sql.Quote(_load)}", cancellationToken);
    }

    /// <summary>Completes the open COPY, if any: before a commit, or before another table's batch.</summary>
    public async Task FinishCopyAsync()
    {
        if (_copy is null)
        {
            return;
        }
        _copyRows!.Finish();
        // Disposing the stream ends the COPY and waits for the server to confirm it.
        await _copy.DisposeAsync();
        _copy = null;
        _copyRows = null;
    }

    private async Task<NpgsqlRawCopyStream> BeginCopyAsync(string into, IEnumerable<string> columns, CancellationToken cancellationToken) =>
        await _connection.BeginRawBinaryCopyAsync($"COPY {into} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);

    /// <summary>Runs once the source reported the stream COMPLETE, after its last commit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        if (_target != _table)
        {
            // One transaction: readers see the old table until the commit, then the new one.
            await ExecuteAsync($"DROP TABLE IF EXISTS {Sql.Table(_schema, _table)}", cancellationToken);
            await ExecuteAsync($"ALTER TABLE {Sql.Table(_schema, _target)} RENAME TO {Sql.Quote(_table)}", cancellationToken);
            if (_columns.PrimaryKey.Count > 0)
            {
                await ExecuteAsync($"ALTER INDEX {Sql.Table(_schema, IndexName(_target))} RENAME TO {Sql.Quote(IndexName(_table))}", cancellationToken);
            }
        }
        else if (_stream.RemovesOlderGenerations)
        {
            await ExecuteAsync($"DELETE FROM {Sql.Table(_schema, _table)} WHERE {PgColumns.GenerationId} IS NULL OR {PgColumns.GenerationId} < {_stream.MinimumGenerationId}",
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs for a stream that did not complete. It touches no table: the previous data stays visible and what was
    /// committed stays for a retry (the transaction may hold uncommitted work, which closing the connection rolls back).
    /// </summary>
    public void Leave(StreamIncompleteReason reason, ILogger logger)
    {
        if (_target == _table)
        {
            return;
        }
        if (_stream.GenerationId is { } generation)
        {
            logger.LogInformation("Stream {Stream} did not complete ({Reason}): table {Schema}.{Table} keeps its previous rows; the rows this attempt committed wait in {Staging} for a retry of generation {Generation}.",
                _stream, reason, _schema, _table, _target, generation);
        }
        else
        {
            logger.LogInformation("Stream {Stream} did not complete ({Reason}): table {Schema}.{Table} keeps its previous rows; {Staging} is started over by the next sync (the catalog has no generation to resume).",
                _stream, reason, _schema, _table, _target);
        }
    }

    private async Task PrepareAsync(ILogger logger, CancellationToken cancellationToken)
    {
        await using (var transaction = await _connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {Sql.Quote(_schema)}", cancellationToken);
            await CreateOrAlterAsync(_table, logger, cancellationToken);
            if (_stream.ReplacesData)
            {
                _target = await ChooseTargetAsync(logger, cancellationToken);
            }
            if (_columns.PrimaryKey.Count > 0)
            {
                await EnsureUniqueKeyAsync(_target, logger, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (_load is not null)
        {
            // Session-local: the batch to merge. LIKE copies the target's columns and types.
            await ExecuteAsync($"CREATE TEMPORARY TABLE {Sql.Quote(_load)} (LIKE {Sql.Table(_schema, _target)}, {Sql.Quote(Sequence)} bigint)", cancellationToken);
        }
    }

    /// <summary>
    /// Where a stream that replaces its data writes. A staging table left by an earlier attempt at the same generation
    /// holds committed, acknowledged rows the retry resumes after: keep it. Without one, a table that holds nothing but
    /// this generation (an earlier attempt of this sync completed the stream and swapped it in, or it is empty) is
    /// written directly: swapping a new staging table in would replace those rows with only what the retry sends. Anything
    /// else (another generation, no generation) gets a new staging table.
    /// </summary>
    private async Task<string> ChooseTargetAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var staging = StagingPrefix + _table;
        if ((await ExistingColumnsAsync(staging, cancellationToken)).Count > 0)
        {
            if (_stream.GenerationId is { } generation && await OtherGenerationsAsync(staging, generation, cancellationToken) == 0)
            {
                logger.LogInformation("Resuming into the staging table of stream {Stream} (generation {Generation}).", _stream, generation);
                await CreateOrAlterAsync(staging, logger, cancellationToken);
                return staging;
            }
            await ExecuteAsync($"DROP TABLE {Sql.Table(_schema, staging)}", cancellationToken);
        }
        else if (_stream.GenerationId is { } generation && await OtherGenerationsAsync(_table, generation, cancellationToken) == 0)
        {
            logger.LogInformation("Table {Table} holds only generation {Generation} (or nothing): stream {Stream} is written into it directly.", _table, generation, _stream);
            return _table;
        }
        await CreateOrAlterAsync(staging, logger, cancellationToken);
        return staging;
    }

    private Task<long> OtherGenerationsAsync(string table, long generation, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT COUNT(*) FROM {Sql.Table(_schema, table)} WHERE {PgColumns.GenerationId} IS DISTINCT FROM {generation}", cancellationToken);

    /// <summary>Creates the table, or adds the columns a changed schema brought (columns are never dropped or retyped).</summary>
    private async Task CreateOrAlterAsync(string table, ILogger logger, CancellationToken cancellationToken)
    {
        var existing = await ExistingColumnsAsync(table, cancellationToken);
        if (existing.Count == 0)
        {
            await ExecuteAsync($"CREATE TABLE {Sql.Table(_schema, table)} ({string.Join(", ", _columns.Definitions.Select(c => Sql.Quote(c.Name) + " " + c.Type))})",
                cancellationToken);
            return;
        }
        foreach (var (name, type) in _columns.Definitions.Where(c => !existing.Contains(c.Name)))
        {
            logger.LogInformation("Adding column {Column} to table {Table}: the stream's schema has a new field.", name, table);
            await ExecuteAsync($"ALTER TABLE {Sql.Table(_schema, table)} ADD COLUMN {Sql.Quote(name)} {type.Replace(" NOT NULL", "")}", cancellationToken);
        }
    }

    /// <summary>append_dedup merges on a unique index; rows a former append left twice are reduced to one first.</summary>
    private async Task EnsureUniqueKeyAsync(string table, ILogger logger, CancellationToken cancellationToken)
    {
        if (await ScalarAsync($"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '{_schema.Replace("'", "''")}' AND indexname = '{IndexName(table).Replace("'", "''")}'",
                cancellationToken) > 0)
        {
            return;
        }
        var key = string.Join(", ", _columns.PrimaryKey.Select(Sql.Quote));
        var removed = await ExecuteAsync(
            $"DELETE FROM {Sql.Table(_schema, table)} a USING {Sql.Table(_schema, table)} b WHERE ({string.Join(" AND ", _columns.PrimaryKey.Select(k => $"a.{Sql.Quote(k)} = b.{Sql.Quote(k)}"))}) AND a.ctid < b.ctid",
            cancellationToken);
        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} duplicate rows of table {Table} before deduplicating on its primary key.", removed, table);
        }
        await ExecuteAsync($"CREATE UNIQUE INDEX {Sql.Quote(IndexName(table))} ON {Sql.Table(_schema, table)} ({key})", cancellationToken);
    }

    /// <summary>
    /// Upserts the loaded batch: per key its newest row (highest cursor, then the latest arrival), replacing a stored row
    /// only when its cursor is not older (a row without a cursor never replaces one with a cursor).
    /// </summary>
    private string MergeSql()
    {
        var names = _columns.QuotedNames;
        var key = string.Join(", ", _columns.PrimaryKey.Select(Sql.Quote));
        var order = _columns.Cursor is { } cursor ? $"{key}, {Sql.Quote(cursor)} DESC NULLS LAST, {Sql.Quote(Sequence)} DESC" : $"{key}, {Sql.Quote(Sequence)} DESC";
        var sql = $"INSERT INTO {Sql.Table(_schema, _target)} AS t ({string.Join(", ", names)}) "
            + $"SELECT {string.Join(", ", names)} FROM (SELECT DISTINCT ON ({key}) * FROM {Sql.Quote(_load!)} ORDER BY {order}) AS newest "
            + $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", names.Select(n => $"{n} = EXCLUDED.{n}"))}";
        if (_columns.Cursor is { } column)
        {
            sql += $" WHERE t.{Sql.Quote(column)} IS NULL OR EXCLUDED.{Sql.Quote(column)} >= t.{Sql.Quote(column)}";
        }
        return sql;
    }

    private static string IndexName(string table) => table + "_airbyte_pk";

    private async Task<HashSet<string>> ExistingColumnsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2", _connection);
        command.Parameters.AddWithValue(_schema);
        command.Parameters.AddWithValue(table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
