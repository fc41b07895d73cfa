using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Conduit.Records;
using ConduitWire.Opencdc.V1;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// Encodes one stream's records as OpenCDC <c>Record</c> messages in protobuf wire format, straight from the record's
/// JSON (its generated writer): payload.after structured (a Struct) or raw (the JSON bytes); the primary key as
/// structured data; <c>opencdc.collection</c> (the stream), <c>opencdc.readAt</c>, <c>opencdc.version</c>. No protobuf
/// objects are built per record: the Run stream's throughput is bounded by this loop.
/// </summary>
internal sealed class RecordEncoder<TRecord>
{
    // opencdc.v1.Record
    private const int PositionField = 1;
    private const int OperationField = 2;
    private const int MetadataField = 3;
    private const int KeyField = 4;
    private const int PayloadField = 5;
    // opencdc.v1.Change.after, opencdc.v1.Data.raw_data / structured_data, map entry key / value
    private const int AfterField = 2;
    private const int RawDataField = 1;
    private const int StructuredDataField = 2;
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    private static readonly byte[] ReadAtKey = "opencdc.readAt"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly ProtoWriter _proto = new();
    private readonly RecordWriter<TRecord> _write;
    private readonly byte[] _constantMetadata;
    private readonly byte[][][] _keyPaths;
    private readonly byte[][] _keyNames;
    private readonly Operation _operation;
    private readonly bool _raw;

    public RecordEncoder(string collection, RecordWriter<TRecord> write, IReadOnlyList<IReadOnlyList<string>> primaryKey, Operation operation, PayloadFormat format)
    {
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _write = write;
        _operation = operation;
        _raw = format == PayloadFormat.Raw;
        _keyPaths = primaryKey.Select(path => path.Select(Encoding.UTF8.GetBytes).ToArray()).ToArray();
        _keyNames = primaryKey.Select(path => Encoding.UTF8.GetBytes(string.Join(".", path))).ToArray();
        var constant = new ProtoWriter();
        WriteMetadata(constant, "opencdc.collection"u8, Encoding.UTF8.GetBytes(collection));
        WriteMetadata(constant, "opencdc.version"u8, "v1"u8);
        _constantMetadata = constant.Written.ToArray();
    }

    /// <summary>The record at <paramref name="position"/>, encoded; valid until the next call.</summary>
    public ReadOnlySpan<byte> Encode(TRecord record, ReadOnlySpan<byte> position)
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        _write(_jsonWriter, record);
        _jsonWriter.Flush();
        var json = _json.WrittenSpan;

        var proto = _proto;
        proto.Clear();
        proto.WriteBytesField(PositionField, position);
        proto.WriteVarintField(OperationField, (ulong)_operation);
        proto.WriteRaw(_constantMetadata);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100, digits, out var length);
        WriteMetadata(proto, ReadAtKey, digits[..length]);
        if (_keyPaths.Length > 0)
        {
            var key = proto.BeginMessage(KeyField);
            var structured = proto.BeginMessage(StructuredDataField);
            StructEncoder.WritePicked(proto, json, _keyPaths, _keyNames);
            proto.EndMessage(structured);
            proto.EndMessage(key);
        }
        var payload = proto.BeginMessage(PayloadField);
        var after = proto.BeginMessage(AfterField);
        if (_raw)
        {
            proto.WriteBytesField(RawDataField, json);
        }
        else
        {
            var structured = proto.BeginMessage(StructuredDataField);
            StructEncoder.WriteObject(proto, json);
            proto.EndMessage(structured);
        }
        proto.EndMessage(after);
        proto.EndMessage(payload);
        return proto.Written;
    }

    private static void WriteMetadata(ProtoWriter proto, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var entry = proto.BeginMessage(MetadataField);
        proto.WriteBytesField(EntryKey, key);
        proto.WriteBytesField(EntryValue, value);
        proto.EndMessage(entry);
    }
}
