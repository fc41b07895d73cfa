using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using DuckDB.NET.Data;

namespace Connectors.Client.Caching;

/// <summary>
/// Loads rows into a DuckDB staging table through files: rows are formatted as CSV (<see cref="CsvRows"/>) into a file
/// beside the database, and each file of <see cref="FileBytes"/> is loaded with DuckDB's own parallel CSV reader
/// (<c>COPY … FROM</c>) on another thread while the next one is written; then deleted. DuckDB.NET's appender costs about
/// 8 µs a row on one core; the CSV reader loads several times faster, and each load commits, so DuckDB's memory stays
/// within its <c>memory_limit</c> whatever the row count. At most two files exist at a time (one written, one loading).
/// </summary>
internal sealed class DuckDbStreamWriter : StreamWriter
{
    /// <summary>The size at which a file is handed to DuckDB.</summary>
    public const int FileBytes = 32 << 20;

    private const int FlushBytes = 1 << 20;

    private readonly DuckDBConnection _connection;
    private readonly string _table;
    private readonly string _filePrefix;
    private readonly CsvRows _csv;
    private FileStream? _file;
    private long _fileLength;
    private int _files;
    private Task? _load;
    private bool _completed;

    /// <param name="connection">The session's connection; every use of it during the read locks it.</param>
    /// <param name="table">The staging table.</param>
    /// <param name="filePrefix">Where the files go, and the start of their names.</param>
    /// <param name="schema">The table's columns.</param>
    public DuckDbStreamWriter(DuckDBConnection connection, string table, string filePrefix, TableSchema schema)
    {
        _connection = connection;
        _table = table;
        _filePrefix = filePrefix;
        _csv = new CsvRows(schema);
    }

    public override void Write(Row row)
    {
        _csv.Append(row);
        if (_csv.Length >= FlushBytes)
        {
            Flush();
            if (_fileLength >= FileBytes)
            {
                Load();
            }
        }
    }

    /// <summary>Loads what is left and waits for every load: the staging table is then complete.</summary>
    public override void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        Flush();
        Load();
        _load?.GetAwaiter().GetResult();
    }

    private void Flush()
    {
        if (_csv.Length == 0)
        {
            return;
        }
        _file ??= new FileStream(_filePrefix + _files.ToString(CultureInfo.InvariantCulture) + ".csv", FileMode.CreateNew, FileAccess.Write,
            FileShare.Read, bufferSize: 0);
        _file.Write(_csv.Written);
        _fileLength += _csv.Length;
        _csv.Clear();
    }

    /// <summary>Hands the current file to DuckDB, after the previous load finished (its error is thrown here).</summary>
    private void Load()
    {
        if (_file is null)
        {
            return;
        }
        var path = _file.Name;
        _file.Dispose();
        _file = null;
        _fileLength = 0;
        _files++;
        _load?.GetAwaiter().GetResult();
        var longest = _csv.LongestRow;
        _load = Task.Run(() => Copy(path, longest));
    }

    private void Copy(string path, int longestRow)
    {
        try
        {
            // Every option given: no sniffing. A quoted empty field is an empty string, an unquoted one NULL.
            var sql = $"COPY {Cache.Quote(_table)} FROM '{path.Replace("'", "''")}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', " +
                $"NEW_LINE '\\n', NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false, MAX_LINE_SIZE {Math.Max(longestRow + 1, 2_097_152)})";
            lock (_connection)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    public override void Dispose()
    {
        try
        {
            _load?.Wait();
        }
        catch (AggregateException)
        {
            // The read failed already; its error is reported.
        }
        if (_file is not null)
        {
            var path = _file.Name;
            _file.Dispose();
            File.Delete(path);
        }
    }
}
