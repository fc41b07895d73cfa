using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Conduit.Records;

/// <summary>
/// JSON → <c>google.protobuf.Struct</c> in wire format, written straight from a <see cref="Utf8JsonReader"/>: the same
/// bytes Google.Protobuf writes for <see cref="JsonStruct.Parse"/>'s result, without a <c>Value</c> object per field.
/// Numbers become doubles (as in <see cref="JsonStruct"/>).
/// </summary>
internal static class StructEncoder
{
    // google.protobuf.Struct: map<string, Value> fields = 1 (entries: key = 1, value = 2).
    private const int StructFields = 1;
    private const int EntryKey = 1;
    private const int EntryValue = 2;
    // google.protobuf.Value: the oneof kind.
    private const int NullValue = 1;
    private const int NumberValue = 2;
    private const int StringValue = 3;
    private const int BoolValue = 4;
    private const int StructValue = 5;
    private const int ListValue = 6;
    // google.protobuf.ListValue: repeated Value values = 1.
    private const int ListValues = 1;

    /// <summary>Writes the fields of the JSON object <paramref name="json"/> (the content of a Struct message).</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static void WriteObject(ProtoWriter writer, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object.");
        }
        WriteFields(writer, ref reader);
    }

    /// <summary>
    /// Writes a Struct holding the values at the given field paths of the JSON object (its primary key), keyed by the
    /// paths joined with dots; a path that names no value gets null (as <see cref="JsonStruct.Pick"/>).
    /// </summary>
    public static void WritePicked(ProtoWriter writer, ReadOnlySpan<byte> json, IReadOnlyList<byte[][]> paths, IReadOnlyList<byte[]> names)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            var entry = writer.BeginMessage(StructFields);
            writer.WriteBytesField(EntryKey, names[i]);
            var value = writer.BeginMessage(EntryValue);
            if (TryFind(json, paths[i], out var reader))
            {
                WriteValue(writer, ref reader);
            }
            else
            {
                writer.WriteVarintField(NullValue, 0);
            }
            writer.EndMessage(value);
            writer.EndMessage(entry);
        }
    }

    private static void WriteFields(ProtoWriter writer, ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var entry = writer.BeginMessage(StructFields);
            WriteString(writer, EntryKey, ref reader);
            reader.Read();
            var value = writer.BeginMessage(EntryValue);
            WriteValue(writer, ref reader);
            writer.EndMessage(value);
            writer.EndMessage(entry);
        }
    }

    /// <summary>Writes the content of a Value message for the token the reader is on.</summary>
    private static void WriteValue(ProtoWriter writer, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var nested = writer.BeginMessage(StructValue);
                WriteFields(writer, ref reader);
                writer.EndMessage(nested);
                break;
            case JsonTokenType.StartArray:
                var list = writer.BeginMessage(ListValue);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var item = writer.BeginMessage(ListValues);
                    WriteValue(writer, ref reader);
                    writer.EndMessage(item);
                }
                writer.EndMessage(list);
                break;
            case JsonTokenType.String:
                WriteString(writer, StringValue, ref reader);
                break;
            case JsonTokenType.Number:
                writer.WriteDoubleField(NumberValue, reader.GetDouble());
                break;
            case JsonTokenType.True:
                writer.WriteVarintField(BoolValue, 1);
                break;
            case JsonTokenType.False:
                writer.WriteVarintField(BoolValue, 0);
                break;
            default:
                writer.WriteVarintField(NullValue, 0);
                break;
        }
    }

    /// <summary>A property name or string value, unescaped, as a UTF-8 field.</summary>
    private static void WriteString(ProtoWriter writer, int field, ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteBytesField(field, reader.ValueSpan);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            writer.WriteBytesField(field, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Positions a reader on the value at <paramref name="path"/> (UTF-8 names) of a JSON object.</summary>
    private static bool TryFind(ReadOnlySpan<byte> json, byte[][] path, out Utf8JsonReader found)
    {
        var reader = new Utf8JsonReader(json);
        found = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        for (var depth = 0; depth < path.Length; depth++)
        {
            var matched = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var hit = reader.ValueTextEquals(path[depth]);
                reader.Read();
                if (hit)
                {
                    matched = true;
                    break;
                }
                reader.Skip();
            }
            if (!matched)
            {
                return false;
            }
            if (depth < path.Length - 1 && reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
        }
        found = reader;
        return true;
    }
}
