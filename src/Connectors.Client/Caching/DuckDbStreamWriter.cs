using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Caching;

/// <summary>
/// Writes a stream's rows into its DuckDB staging table in bulk: each parsed row becomes one line of a staging file of
/// newline-delimited JSON (values as the parser typed them: numbers, escaped text, JSON kept as it came, dates and
/// timestamps as day and microsecond counts; null values left out), and every <c>fileRows</c> rows or <c>fileBytes</c>
/// bytes the file is loaded with one <c>INSERT … SELECT … FROM read_json(…)</c> (DuckDB's own JSON reader, typed by the
/// column list: no detection) inside the read's transaction, then deleted. DuckDB makes <c>_airbyte_raw_id</c> (a random
/// UUID) and <c>_airbyte_extracted_at</c>. Files live in a directory of their own beside the database (0700, files 0600),
/// removed when the writer is disposed, whether the read succeeded or not.
/// </summary>
internal sealed class DuckDbStreamWriter : StreamWriter
{
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        Enumerable.Range(0, 0x20).Select(b => (byte)b).Append((byte)'"').Append((byte)'\\').ToArray());
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly CacheSession _session;
    private readonly CacheColumn[] _columns;
    private readonly byte[][] _keys;
    private readonly string _directory;
    private readonly int _fileRows;
    private readonly long _fileBytes;
    private readonly string _insertSql;
    private byte[] _buffer = new byte[1 << 16];
    private int _used;
    private FileStream? _file;
    private string? _path;
    private int _rowsInFile;
    private long _bytesInFile;
    private int _files;
    private int _longestLine;
    private Task? _loading;
    private readonly FileStream _claim;

    public DuckDbStreamWriter(CacheSession session, string staging, TableSchema schema, string directory, int fileRows, long fileBytes)
    {
        _session = session;
        _columns = [.. schema.Columns];
        _keys = _columns.Select((_, i) => Encoding.UTF8.GetBytes($"\"c{i}\":")).ToArray();
        _directory = directory;
        _fileRows = fileRows;
        _fileBytes = fileBytes;
        _insertSql = InsertSql(staging, schema);
        CreatePrivateDirectory(directory);
        _claim = DuckDbStagingClaims.Claim(directory);
    }

    public override void Write(Row row)
    {
        _file ??= OpenFile();
        var lineStart = _used;
        var cells = row.Cells;
        Put((byte)'{');
        for (var i = 0; i < cells.Length; i++)
        {
            ref var cell = ref cells[i];
            if (cell.Kind == CellKind.Null)
            {
                continue;
            }
            Put(_keys[i]);
            switch (cell.Kind)
            {
                case CellKind.Integer:
                    PutInteger(cell.Integer);
                    break;
                case CellKind.Boolean:
                    Put(cell.Integer != 0 ? "true"u8 : "false"u8);
                    break;
                case CellKind.Number:
                    Reserve(32);
                    if (!Utf8Formatter.TryFormat(cell.Number, _buffer.AsSpan(_used), out var written))
                    {
                        throw new InvalidOperationException("A number did not format.");
                    }
                    _used += written;
                    break;
                case CellKind.Temporal:
                    PutInteger(_columns[i].Type switch
                    {
                        ColumnType.Date => DateOnly.FromDateTime(cell.Temporal.DateTime).DayNumber - UnixEpochDay,
                        ColumnType.TimestampWithoutTimeZone => Microseconds(cell.Temporal.DateTime.Ticks),
                        _ => Microseconds(cell.Temporal.UtcTicks),
                    });
                    break;
                case CellKind.Text when _columns[i].Type == ColumnType.Json:
                    Put(row.Text(i)); // the value's own JSON, as it came
                    break;
                default:
                    PutString(row.Text(i));
                    break;
            }
            Put((byte)',');
        }
        Put("\"t\":"u8);
        PutInteger(row.EmittedAt);
        if (row.Nulled.Count > 0)
        {
            Put(",\"m\":"u8);
            Put(row.Meta());
        }
        Put("}\n"u8);
        _longestLine = Math.Max(_longestLine, _used - lineStart);
        _rowsInFile++;
        if (_used >= 1 << 16)
        {
            Drain();
        }
        if (_rowsInFile >= _fileRows || _bytesInFile >= _fileBytes)
        {
            Load();
        }
    }

    /// <summary>Loads what is written and not yet loaded; called once, before the session finalizes.</summary>
    public override void Complete()
    {
        if (_rowsInFile > 0)
        {
            Load();
        }
        WaitForLoad();
    }

    public override void Dispose()
    {
        try
        {
            _loading?.Wait();
        }
        catch (AggregateException)
        {
            // The read failed (or its load did): the transaction is rolled back, the files go.
        }
        CloseFile();
        _claim.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>The staging files' directory for one read's stream: beside the database, named after the staging table.</summary>
    internal static string DirectoryFor(string databasePath, string staging) => databasePath + "." + staging;

    /// <summary>
    /// Closes the file and loads it on another thread, while the next file is written: DuckDB's load, the writing of
    /// files and the parsing of the source's output run at once. One load at a time (the previous one is awaited first), so
    /// at most two files are on disk per stream.
    /// </summary>
    private void Load()
    {
        Drain();
        _file!.Dispose();
        _file = null;
        // DuckDB's reader buffers maximum_object_size (default 16 MB) per read: raised only for a file with a longer line.
        var size = Math.Max(16L << 20, 2L * _longestLine + 1024);
        var sql = _insertSql.Replace("{FILE}", _path!.Replace("'", "''"), StringComparison.Ordinal)
            .Replace("{SIZE}", size.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var path = _path!;
        _path = null;
        _rowsInFile = 0;
        _bytesInFile = 0;
        _longestLine = 0;
        WaitForLoad();
        _loading = Task.Factory.StartNew(() =>
        {
            try
            {
                // The session's connection is shared by the read's streams: one statement at a time.
                lock (_session)
                {
                    _session.Execute(sql);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits for the load under way, and throws its error.</summary>
    private void WaitForLoad()
    {
        var loading = _loading;
        _loading = null;
        loading?.GetAwaiter().GetResult();
    }

    private FileStream OpenFile()
    {
        _path = System.IO.Path.Combine(_directory, $"{_files++:D6}.jsonl");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(_path, options);
    }

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
        if (_path is not null)
        {
            File.Delete(_path);
            _path = null;
        }
    }

    private void Drain()
    {
        _file!.Write(_buffer, 0, _used);
        _bytesInFile += _used;
        _used = 0;
    }

    private static long Microseconds(long ticks) => Math.DivRem(ticks - UnixEpochTicks, TimeSpan.TicksPerMicrosecond) switch
    {
        var (quotient, remainder) when remainder < 0 => quotient - 1,
        var (quotient, _) => quotient,
    };

    private void Reserve(int length)
    {
        if (_used + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + length));
        }
    }

    private void Put(byte value)
    {
        Reserve(1);
        _buffer[_used++] = value;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void PutInteger(long value)
    {
        Reserve(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    /// <summary>A JSON string of UTF-8 text: quotes, backslashes and control characters escaped.</summary>
    private void PutString(ReadOnlySpan<byte> text)
    {
        Reserve(text.Length * 6 + 2);
        var target = _buffer.AsSpan();
        target[_used++] = (byte)'"';
        while (true)
        {
            var next = text.IndexOfAny(NeedsEscape);
            if (next < 0)
            {
                text.CopyTo(target[_used..]);
                _used += text.Length;
                break;
            }
            text[..next].CopyTo(target[_used..]);
            _used += next;
            var b = text[next];
            target[_used++] = (byte)'\\';
            switch (b)
            {
                case (byte)'"' or (byte)'\\':
                    target[_used++] = b;
                    break;
                case (byte)'\n':
                    target[_used++] = (byte)'n';
                    break;
                case (byte)'\r':
                    target[_used++] = (byte)'r';
                    break;
                case (byte)'\t':
                    target[_used++] = (byte)'t';
                    break;
                default:
                    target[_used++] = (byte)'u';
                    target[_used++] = (byte)'0';
                    target[_used++] = (byte)'0';
                    target[_used++] = (byte)"0123456789abcdef"[b >> 4];
                    target[_used++] = (byte)"0123456789abcdef"[b & 15];
                    break;
            }
            text = text[(next + 1)..];
        }
        target[_used++] = (byte)'"';
    }

    /// <summary>
    /// The load of one file: the file's keys typed as the staging table's columns (dates as days, timestamps as
    /// microseconds since 1970), raw id and extracted-at made by DuckDB, <c>_airbyte_meta</c> empty where the row has none.
    /// </summary>
    private static string InsertSql(string staging, TableSchema schema)
    {
        var columns = schema.Columns.Select((column, i) => (column, key: $"c{i}")).ToList();
        var types = columns.Select(c => $"{c.key}: '{FileType(c.column.Type)}'").Append("t: 'BIGINT'").Append("m: 'JSON'");
        var values = columns.Select(c => c.column.Type switch
        {
            ColumnType.Date => $"CAST(DATE '1970-01-01' + {c.key} AS DATE)",
            ColumnType.TimestampWithoutTimeZone => $"make_timestamp({c.key})",
            ColumnType.TimestampWithTimeZone => $"make_timestamptz({c.key})",
            _ => c.key,
        })
            .Append("uuid()")
            .Append("make_timestamptz(t * 1000)")
            .Append("COALESCE(m, '{\"changes\":[]}')");
        var names = string.Join(", ", schema.AllColumnNames.Select(Cache.Quote));
        return $"INSERT INTO {Cache.Quote(staging)} ({names}) SELECT {string.Join(", ", values)} FROM read_json('{{FILE}}', "
            + $"format = 'newline_delimited', records = true, maximum_object_size = {{SIZE}}, columns = {{{string.Join(", ", types)}}})";
    }

    private static string FileType(ColumnType type) => type switch
    {
        ColumnType.Integer or ColumnType.TimestampWithTimeZone or ColumnType.TimestampWithoutTimeZone => "BIGINT",
        ColumnType.Date => "INTEGER",
        ColumnType.Number => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.String => "VARCHAR",
        _ => "JSON",
    };

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
