using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Npgsql;

namespace Postgres.Source;

/// <summary>
/// Reads one table into a row writer: one query, its rows read as they arrive (sequential access, nothing buffered
/// beyond Npgsql's socket buffer) and written field by field. Incremental reads go in cursor order from the saved cursor
/// value on (inclusive, so rows tied with the last one written are read again rather than lost) and checkpoint the
/// cursor of the last row written every <c>checkpointRows</c> rows and at the end.
/// </summary>
internal sealed class TableReader
{
    private readonly PgTable _table;
    private readonly DynamicStreamRequest _request;
    private readonly int _checkpointRows;
    private readonly PgColumn[] _columns;
    private readonly JsonEncodedText[] _names;
    private readonly PgColumn? _cursor;

    public TableReader(PgTable table, DynamicStreamRequest request, int checkpointRows)
    {
        _table = table;
        _request = request;
        _checkpointRows = checkpointRows;
        _columns = table.Columns.Where(c => request.IsSelected(c.Name)).ToArray();
        _names = _columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();
        if (request.SyncMode == SyncMode.Incremental)
        {
            var name = request.Cursor ?? throw new ConfigException($"Stream '{table.Schema}.{table.Name}' is read incrementally but no cursor field was chosen.");
            _cursor = table.Columns.FirstOrDefault(c => c.Name == name && c.CanBeCursor)
                ?? throw new ConfigException($"Stream '{table.Schema}.{table.Name}' cannot be read by cursor '{name}': it is not an orderable column of the table.");
        }
    }

    public async Task ReadAsync(NpgsqlConnection connection, RowWriter rows, CancellationToken cancellationToken)
    {
        var since = SavedCursor();
        await using var command = new NpgsqlCommand(Query(since is not null), connection);
        if (since is not null)
        {
            command.Parameters.AddWithValue(since);
        }
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        // Rows are read synchronously: an await per buffer refill hands the read to another thread each time, which on a
        // busy machine costs more than the wait itself. A stop request cancels the query, which ends the blocking read.
        await using var cancel = cancellationToken.Register(static state => ((NpgsqlCommand)state!).Cancel(), command);
        string? lastCursor = null;
        var sinceCheckpoint = 0;
        while (reader.Read())
        {
            WriteRow(reader, rows.BeginRow());
            rows.EndRow();
            if (_cursor is null)
            {
                continue;
            }
            var cursorIndex = _columns.Length;
            if (!reader.IsDBNull(cursorIndex))
            {
                lastCursor = reader.GetString(cursorIndex);
            }
            // Rows with a null cursor come first on a first read; a checkpoint needs a value to resume from.
            if (++sinceCheckpoint >= _checkpointRows && lastCursor is not null)
            {
                Checkpoint(rows, lastCursor);
                sinceCheckpoint = 0;
            }
        }
        if (lastCursor is not null)
        {
            Checkpoint(rows, lastCursor);
        }
    }

    private void Checkpoint(RowWriter rows, string cursor) =>
        rows.Checkpoint(new TableState { CursorField = _cursor!.Name, Cursor = cursor }, StateJson.Default.TableState);

    /// <summary>The cursor value to resume from, or null; a state of another cursor or shape is a config error naming its path.</summary>
    private string? SavedCursor()
    {
        if (_cursor is null || _request.ReadState(StateJson.Default.TableState) is not { } state)
        {
            return null;
        }
        if (state.CursorField != _cursor.Name)
        {
            throw _request.InvalidState(".cursor_field",
                $"the state was saved reading by '{state.CursorField}', but the catalog reads by '{_cursor.Name}'; reset the stream to change its cursor");
        }
        return state.Cursor;
    }

    private string Query(bool resume)
    {
        var select = string.Join(", ", _columns.Select(c => c.SelectExpression()));
        if (_cursor is null)
        {
            return $"SELECT {(select.Length == 0 ? "" : select)} FROM {_table.QualifiedName}";
        }
        // Qualified, so ORDER BY and WHERE name the table's column, never a SELECT output of the same name.
        var cursor = "source_table." + PgColumn.Quote(_cursor.Name);
        var columns = (select.Length == 0 ? "" : select + ", ") + cursor + "::text AS cursor_text";
        var from = _table.QualifiedName + " AS source_table";
        return resume
            ? $"SELECT {columns} FROM {from} WHERE {cursor} >= $1::{_cursor.Type} ORDER BY {cursor}"
            : $"SELECT {columns} FROM {from} ORDER BY {cursor} NULLS FIRST";
    }

    private static void WriteDateTime(NpgsqlDataReader reader, int ordinal, string type, Utf8JsonWriter json)
    {
        // Digits, '-', ':', 'T', '.', '+', ' BC' or 'infinity': nothing to escape, so the quoted text goes out as it is
        // (WriteStringValue would escape the '+' of the offset).
        Span<byte> text = stackalloc byte[PgDateTimeText.MaxLength + 2];
        text[0] = (byte)'"';
        var length = type == "date"
            ? PgDateTimeText.FormatDate(reader.GetFieldValue<int>(ordinal), text[1..])
            : PgDateTimeText.FormatTimestamp(reader.GetFieldValue<long>(ordinal), type == "timestamptz", text[1..]);
        text[length + 1] = (byte)'"';
        json.WriteRawValue(text[..(length + 2)], skipInputValidation: true);
    }

    private void WriteRow(NpgsqlDataReader reader, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        for (var i = 0; i < _columns.Length; i++)
        {
            json.WritePropertyName(_names[i]);
            if (reader.IsDBNull(i))
            {
                json.WriteNullValue();
                continue;
            }
            var column = _columns[i];
            switch (column.Kind)
            {
                case ValueKind.Integer:
                    json.WriteNumberValue(column.Type switch
                    {
                        "int2" => reader.GetInt16(i),
                        "int4" => reader.GetInt32(i),
                        _ => reader.GetInt64(i),
                    });
                    break;
                case ValueKind.Float:
                    var value = column.Type == "float4" ? reader.GetFloat(i) : reader.GetDouble(i);
                    if (double.IsFinite(value))
                    {
                        json.WriteNumberValue(value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                    break;
                case ValueKind.Numeric:
                    var text = reader.GetString(i);
                    if (text is "NaN" or "Infinity" or "-Infinity")
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteRawValue(text, skipInputValidation: true);
                    }
                    break;
                case ValueKind.Boolean:
                    json.WriteBooleanValue(reader.GetBoolean(i));
                    break;
                case ValueKind.Text:
                    json.WriteStringValue(reader.GetString(i));
                    break;
                case ValueKind.DateTime:
                    WriteDateTime(reader, i, column.Type, json);
                    break;
                case ValueKind.Bytes:
                    json.WriteBase64StringValue(reader.GetFieldValue<byte[]>(i));
                    break;
                default:
                    // json/jsonb text and to_json output are JSON already.
                    json.WriteRawValue(reader.GetString(i), skipInputValidation: true);
                    break;
            }
        }
        json.WriteEndObject();
    }
}
