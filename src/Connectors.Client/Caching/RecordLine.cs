using System;
using System.Text.Json;

namespace Connectors.Client.Caching;

/// <summary>The streams a read writes, found by their UTF-8 names.</summary>
internal interface IStreamLookup
{
    /// <summary>The slot of the stream whose name the reader is on (a string token), or null for a stream not selected.</summary>
    StreamSlot? Find(ref Utf8JsonReader reader);
}

/// <summary>
/// Parses a RECORD line in one pass of a <see cref="Utf8JsonReader"/>: the stream name selects the stream's
/// <see cref="RowParser"/>, which reads <c>data</c> straight into its row; <c>emitted_at</c> completes it. When
/// <c>data</c> comes before <c>stream</c>, its range is kept and parsed after.
/// </summary>
internal static class RecordLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"type\":\"RECORD\",\"record\":"u8;

    /// <summary>Whether the line starts the way the SDK (and most connectors) write records.</summary>
    public static bool HasRecordPrefix(ReadOnlySpan<byte> line) => line.StartsWith(Prefix);

    /// <summary>Parses a line that starts with the record prefix; the stream's slot with its row filled, or null (not selected).</summary>
    public static StreamSlot? ParsePrefixed(ReadOnlySpan<byte> line, IStreamLookup streams)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 512 });
        reader.Read();
        reader.Read();
        reader.Read();
        reader.Read();
        reader.Read();
        return ParseRecord(ref reader, line, streams);
    }

    /// <summary>Parses a <c>record</c> object (the reader on its StartObject; <paramref name="buffer"/> is the reader's).</summary>
    public static StreamSlot? ParseRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, IStreamLookup streams)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The record is not an object.");
        }
        StreamSlot? slot = null;
        var knownStream = false;
        var parsed = false;
        int dataStart = -1, dataEnd = -1;
        long emittedAt = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                slot = reader.TokenType == JsonTokenType.String ? streams.Find(ref reader) : null;
                knownStream = true;
                slot?.Row.Clear();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (knownStream && slot is not null)
                {
                    slot.Parser.Parse(ref reader, buffer);
                    parsed = true;
                }
                else
                {
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataEnd = (int)reader.BytesConsumed;
                }
            }
            else if (reader.ValueTextEquals("emitted_at"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt64(out emittedAt) && reader.TryGetDouble(out var ms))
                {
                    emittedAt = (long)ms;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (slot is null)
        {
            return null;
        }
        if (!parsed)
        {
            if (dataStart < 0)
            {
                throw new JsonException("The record has no data.");
            }
            var data = buffer[dataStart..dataEnd];
            var dataReader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = 512 });
            dataReader.Read();
            slot.Parser.Parse(ref dataReader, data);
        }
        slot.Row.EmittedAt = emittedAt;
        return slot;
    }
}
