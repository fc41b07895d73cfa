using System;
using System.Linq;
using System.Text.Json;
using Connectors;

namespace Postgres;

/// <summary>
/// Writes records as rows of a binary COPY: each JSON value converted to its column's type straight from the record's
/// UTF-8 bytes. A value that does not fit its column (a word in a bigint column, a malformed date) is written as NULL.
/// </summary>
internal sealed class CopyWriter
{
    private readonly PgColumns _columns;
    private readonly RecordFieldReader _fields;
    private readonly long? _generationId;
    private readonly bool _withSequence;
    // Raw ids need to be unique, not unpredictable: Guid.CreateVersion7 reads /dev/urandom once per id, about 30x the
    // cost of this (bench/Uuid7.Bench: 5.8 us against 0.19 us per id), which is seconds per million rows.
    private readonly Random _random = new();

    /// <param name="withSequence">Also write each row's position in the batch (the merge of append_dedup orders by it).</param>
    public CopyWriter(PgColumns columns, long? generationId, bool withSequence)
    {
        _columns = columns;
        _fields = new RecordFieldReader(columns.Fields.Select(f => f.Name).ToList());
        _generationId = generationId;
        _withSequence = withSequence;
    }

    public void Write(CopyRows rows, RecordBatch batch)
    {
        var fields = _columns.Fields;
        var count = fields.Count + (_withSequence ? 4 : 3);
        Span<byte> rawId = stackalloc byte[16];
        var sequence = 0L;
        foreach (var record in batch)
        {
            _fields.Read(record);
            rows.StartRow(count);
            for (var i = 0; i < fields.Count; i++)
            {
                WriteValue(rows, fields[i].Kind, i);
            }
            NewRawId(rawId);
            rows.Bytes(rawId);
            rows.Timestamp(DateTime.UnixEpoch.AddMilliseconds(record.EmittedAt));
            if (_generationId is { } generation)
            {
                rows.Int64(generation);
            }
            else
            {
                rows.Null();
            }
            if (_withSequence)
            {
                rows.Int64(sequence++);
            }
        }
    }

    private void WriteValue(CopyRows rows, PgKind column, int field)
    {
        var kind = _fields.Kind(field);
        if (kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            rows.Null();
            return;
        }
        switch (column)
        {
            case PgKind.BigInt when _fields.TryGetInt64(field, out var whole):
                rows.Int64(whole);
                break;
            case PgKind.Numeric when _fields.TryGetDecimal(field, out var number):
                rows.Numeric(number);
                break;
            case PgKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                rows.Boolean(kind == JsonValueKind.True);
                break;
            case PgKind.TimestampTz when kind == JsonValueKind.String && Timestamps.TryParseUtc(_fields.Utf8(field), out var utc):
                rows.Timestamp(utc);
                break;
            case PgKind.Timestamp when kind == JsonValueKind.String && Timestamps.TryParseLocal(_fields.Utf8(field), out var local):
                rows.Timestamp(local);
                break;
            case PgKind.Date when kind == JsonValueKind.String && Timestamps.TryParseDate(_fields.Utf8(field), out var date):
                rows.Date(date);
                break;
            case PgKind.Text:
                // A string as its text; any other JSON value as its JSON text.
                rows.Text(kind == JsonValueKind.String ? _fields.Utf8(field) : _fields.Raw(field));
                break;
            case PgKind.Jsonb:
                rows.Jsonb(_fields.Raw(field));
                break;
            default:
                rows.Null();
                break;
        }
    }

    /// <summary>A version 7 UUID in network byte order: the current Unix milliseconds, then 74 random bits.</summary>
    private void NewRawId(Span<byte> bytes)
    {
        _random.NextBytes(bytes);
        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, milliseconds >>= 8)
        {
            bytes[i] = (byte)milliseconds;
        }
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
    }
}
