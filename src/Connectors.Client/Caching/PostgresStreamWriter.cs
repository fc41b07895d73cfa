using System;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Client.Caching;

/// <summary>Streams rows into a staging table with binary COPY on the stream's own connection.</summary>
internal sealed class PostgresStreamWriter : StreamWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly CacheColumn[] _columns;
    private long _extractedAtMs = long.MinValue;
    private DateTime _extractedAt;
    private bool _completed;

    public PostgresStreamWriter(NpgsqlConnection connection, NpgsqlBinaryImporter importer, TableSchema schema)
    {
        _connection = connection;
        _importer = importer;
        _columns = [.. schema.Columns];
    }

    public override void Write(Row row)
    {
        var importer = _importer;
        importer.StartRow();
        var cells = row.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            ref var cell = ref cells[i];
            switch (cell.Kind)
            {
                case CellKind.Integer:
                    importer.Write(cell.Integer, NpgsqlDbType.Bigint);
                    break;
                case CellKind.Boolean:
                    importer.Write(cell.Integer != 0, NpgsqlDbType.Boolean);
                    break;
                case CellKind.Number:
                    importer.Write(cell.Number, NpgsqlDbType.Double);
                    break;
                case CellKind.Text:
                    importer.Write(row.TextString(i), _columns[i].Type == ColumnType.Json ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text);
                    break;
                case CellKind.Temporal:
                    switch (_columns[i].Type)
                    {
                        case ColumnType.Date:
                            importer.Write(DateOnly.FromDateTime(cell.Temporal.DateTime), NpgsqlDbType.Date);
                            break;
                        case ColumnType.TimestampWithoutTimeZone:
                            importer.Write(DateTime.SpecifyKind(cell.Temporal.DateTime, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
                            break;
                        default:
                            importer.Write(cell.Temporal.UtcDateTime, NpgsqlDbType.TimestampTz);
                            break;
                    }
                    break;
                default:
                    importer.WriteNull();
                    break;
            }
        }
        importer.Write(RawIds.Next(), NpgsqlDbType.Uuid);
        if (row.EmittedAt != _extractedAtMs)
        {
            _extractedAtMs = row.EmittedAt;
            _extractedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.EmittedAt).UtcDateTime;
        }
        importer.Write(_extractedAt, NpgsqlDbType.TimestampTz);
        importer.Write(row.MetaString(), NpgsqlDbType.Jsonb);
    }

    public override void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _importer.Complete();
            _importer.Dispose();
        }
    }

    public override void Dispose()
    {
        try
        {
            _importer.Dispose();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
        }
        _connection.Dispose();
    }
}
