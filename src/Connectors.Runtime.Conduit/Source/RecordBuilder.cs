using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Conduit.Records;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ConduitWire.Opencdc.V1;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// Makes OpenCDC records of one stream's records: the record's JSON (its generated writer) as payload.after, structured
/// or raw; the primary key as structured data; <c>opencdc.collection</c> (the stream), <c>opencdc.readAt</c>,
/// <c>opencdc.version</c>.
/// </summary>
internal sealed class RecordBuilder<TRecord>
{
    private const string Collection = "opencdc.collection";
    private const string ReadAt = "opencdc.readAt";
    private const string MetadataVersion = "opencdc.version";

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly RecordWriter<TRecord> _write;
    private readonly string _collection;
    private readonly IReadOnlyList<IReadOnlyList<string>> _primaryKey;
    private readonly Operation _operation;
    private readonly bool _raw;

    public RecordBuilder(string collection, RecordWriter<TRecord> write, IReadOnlyList<IReadOnlyList<string>> primaryKey, Operation operation, PayloadFormat format)
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _collection = collection;
        _write = write;
        _primaryKey = primaryKey;
        _operation = operation;
        _raw = format == PayloadFormat.Raw;
    }

    /// <summary>The record, and roughly how many bytes it takes on the wire.</summary>
    public ConduitWire.Opencdc.V1.Record Build(TRecord record, ByteString position, out int size)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _write(_json, record);
        _json.Flush();
        var json = _buffer.WrittenSpan;
        size = json.Length + position.Length + 96;
        Struct? parsed = null;
        Data after;
        if (_raw)
        {
            after = new Data { RawData = ByteString.CopyFrom(json) };
        }
        else
        {
            parsed = JsonStruct.Parse(json);
            after = new Data { StructuredData = parsed };
        }
        var result = new ConduitWire.Opencdc.V1.Record
        {
            Position = position,
            Operation = _operation,
            Payload = new Change { After = after },
        };
        result.Metadata.Add(Collection, _collection);
        result.Metadata.Add(ReadAt, ((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100).ToString(CultureInfo.InvariantCulture));
        result.Metadata.Add(MetadataVersion, "v1");
        if (_primaryKey.Count > 0)
        {
            parsed ??= JsonStruct.Parse(json);
            result.Key = new Data { StructuredData = JsonStruct.Pick(parsed, _primaryKey) };
        }
        return result;
    }
}
