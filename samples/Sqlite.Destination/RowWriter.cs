using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Connectors;
using Microsoft.Data.Sqlite;

namespace Sqlite;

/// <summary>
/// Inserts (or, for append_dedup, upserts) records with one prepared statement, binding each value straight from the
/// record's UTF-8 bytes: no string or boxed number per value.
/// </summary>
internal sealed unsafe class RowWriter : IDisposable
{
    private readonly NativeStatement _statement;
    private readonly RecordFieldReader _fields;
    private readonly long? _generationId;
    // Raw ids need to be unique, not unpredictable: Guid.CreateVersion7 reads /dev/urandom once per id, about 30x the
    // cost of this (bench/Uuid7.Bench: 5.8 us against 0.19 us per id), which is seconds per million rows.
    private readonly Random _random = new();
    // Pinned, so they can be bound without a copy.
    private readonly byte[] _rawId = GC.AllocateArray<byte>(36, pinned: true);
    private readonly byte[] _extractedAt = GC.AllocateArray<byte>(24, pinned: true);
    private long _extractedAtMilliseconds = long.MinValue;
    private int _extractedAtLength;

    public RowWriter(SqliteConnection connection, string table, Columns columns, long? generationId)
    {
        _statement = new NativeStatement(connection, Sql(table, columns));
        _fields = new RecordFieldReader(columns.Fields.Select(f => f.Name).ToList());
        _generationId = generationId;
    }

    public void Insert(RecordBatch batch)
    {
        var count = _fields.FieldCount;
        foreach (var record in batch)
        {
            _fields.Read(record);
            var data = record.Data.Span;
            // The record stays pinned until its row is stepped: its values are bound in place.
            fixed (byte* pinned = data)
            {
                for (var i = 0; i < count; i++)
                {
                    Bind(i + 1, i, data);
                }
                NewRawId().TryFormat(_rawId, out var rawIdLength);
                fixed (byte* rawId = _rawId)
                {
                    _statement.BindPinnedText(count + 1, rawId, rawIdLength);
                }
                FormatExtractedAt(record.EmittedAt);
                fixed (byte* extractedAt = _extractedAt)
                {
                    _statement.BindPinnedText(count + 2, extractedAt, _extractedAtLength);
                }
                if (_generationId is { } generation)
                {
                    _statement.BindInt64(count + 3, generation);
                }
                else
                {
                    _statement.BindNull(count + 3);
                }
                _statement.Step();
            }
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// <c>INSERT</c>; for append_dedup an upsert that replaces a row only with a record whose cursor is not older (a record
    /// without a cursor never replaces one with a cursor; without a cursor field, the last record wins).
    /// </summary>
    private static string Sql(string table, Columns columns)
    {
        var names = columns.Definitions.Select(c => Columns.Quote(c.Name)).ToList();
        var sql = $"INSERT INTO {Columns.Quote(table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(_ => "?"))})";
        if (columns.PrimaryKey.Count == 0)
        {
            return sql;
        }
        sql += $" ON CONFLICT ({string.Join(", ", columns.PrimaryKey.Select(Columns.Quote))}) DO UPDATE SET "
            + string.Join(", ", names.Select(n => $"{n} = excluded.{n}"));
        if (columns.Cursor is { } cursor)
        {
            var column = Columns.Quote(cursor);
            sql += $" WHERE {Columns.Quote(table)}.{column} IS NULL OR excluded.{column} >= {Columns.Quote(table)}.{column}";
        }
        return sql;
    }

    /// <summary>Binds a value by its JSON kind; the column's type affinity does the rest (objects and arrays as JSON text).</summary>
    private void Bind(int parameter, int field, ReadOnlySpan<byte> record)
    {
        switch (_fields.Kind(field))
        {
            case JsonValueKind.String:
                BindText(parameter, _fields.Utf8(field), record);
                break;
            case JsonValueKind.Number when _fields.TryGetInt64(field, out var whole):
                _statement.BindInt64(parameter, whole);
                break;
            case JsonValueKind.Number when _fields.TryGetDouble(field, out var number):
                _statement.BindDouble(parameter, number);
                break;
            case JsonValueKind.Number:
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                BindText(parameter, _fields.Raw(field), record);
                break;
            case JsonValueKind.True:
                _statement.BindInt64(parameter, 1);
                break;
            case JsonValueKind.False:
                _statement.BindInt64(parameter, 0);
                break;
            default:
                _statement.BindNull(parameter);
                break;
        }
    }

    /// <summary>Text inside the (pinned) record is bound in place; unescaped text lives in a reused buffer, so SQLite copies it.</summary>
    private void BindText(int parameter, ReadOnlySpan<byte> text, ReadOnlySpan<byte> record)
    {
        if (text.Overlaps(record))
        {
            fixed (byte* bytes = text)
            {
                _statement.BindPinnedText(parameter, bytes, text.Length);
            }
        }
        else
        {
            _statement.BindText(parameter, text);
        }
    }

    /// <summary>A version 7 UUID: the current Unix milliseconds, then 74 random bits.</summary>
    private Guid NewRawId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, milliseconds >>= 8)
        {
            bytes[i] = (byte)milliseconds;
        }
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>emitted_at as ISO 8601 UTC; records of one batch mostly share it, so it is formatted once per value.</summary>
    private void FormatExtractedAt(long milliseconds)
    {
        if (milliseconds != _extractedAtMilliseconds)
        {
            DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime
                .TryFormat(_extractedAt, out _extractedAtLength, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            _extractedAtMilliseconds = milliseconds;
        }
    }
}
