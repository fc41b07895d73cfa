using System;
using System.Text.Json;

namespace Connectors.Client.Protocol;

/// <summary>Where the parts of one message line are: its type and the byte range of its payload object.</summary>
internal readonly record struct ScannedMessage(MessageType Type, int PayloadStart, int PayloadLength)
{
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> line) => line.Slice(PayloadStart, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> line) => line.Slice(PayloadStart, PayloadLength);
}

/// <summary>
/// Reads a message line's top level with a <see cref="Utf8JsonReader"/>: the <c>type</c>, and the payload object's range,
/// skipping everything else. No string is made. A line that is not a JSON object with a known type scans as
/// <see cref="MessageType.Unknown"/> (the platform treats such lines as logs).
/// </summary>
internal static class MessageScanner
{
    public static ScannedMessage Scan(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] != (byte)'{' && line.TrimStart(" \t"u8).IsEmpty)
        {
            return default;
        }
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 512 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }
            var type = MessageType.Unknown;
            int payloadStart = -1, payloadLength = 0;
            MessageType payloadType = MessageType.Unknown;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? TypeOf(ref reader) : MessageType.Unknown;
                    continue;
                }
                var payload = PayloadOf(ref reader);
                reader.Read();
                if (payload != MessageType.Unknown && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payloadStart = start;
                    payloadLength = (int)reader.BytesConsumed - start;
                    payloadType = payload;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (type == MessageType.Unknown || payloadStart < 0 || payloadType != type)
            {
                return new ScannedMessage(type == payloadType ? type : MessageType.Unknown, 0, 0);
            }
            return new ScannedMessage(type, payloadStart, payloadLength);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static MessageType TypeOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("RECORD"u8)) return MessageType.Record;
        if (reader.ValueTextEquals("STATE"u8)) return MessageType.State;
        if (reader.ValueTextEquals("LOG"u8)) return MessageType.Log;
        if (reader.ValueTextEquals("TRACE"u8)) return MessageType.Trace;
        if (reader.ValueTextEquals("SPEC"u8)) return MessageType.Spec;
        if (reader.ValueTextEquals("CONNECTION_STATUS"u8)) return MessageType.ConnectionStatus;
        if (reader.ValueTextEquals("CATALOG"u8)) return MessageType.Catalog;
        if (reader.ValueTextEquals("CONTROL"u8)) return MessageType.Control;
        if (reader.ValueTextEquals("DESTINATION_CATALOG"u8)) return MessageType.DestinationCatalog;
        return MessageType.Unknown;
    }

    private static MessageType PayloadOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("record"u8)) return MessageType.Record;
        if (reader.ValueTextEquals("state"u8)) return MessageType.State;
        if (reader.ValueTextEquals("log"u8)) return MessageType.Log;
        if (reader.ValueTextEquals("trace"u8)) return MessageType.Trace;
        if (reader.ValueTextEquals("spec"u8)) return MessageType.Spec;
        if (reader.ValueTextEquals("connectionStatus"u8)) return MessageType.ConnectionStatus;
        if (reader.ValueTextEquals("catalog"u8)) return MessageType.Catalog;
        if (reader.ValueTextEquals("control"u8)) return MessageType.Control;
        if (reader.ValueTextEquals("destination_catalog"u8)) return MessageType.DestinationCatalog;
        return MessageType.Unknown;
    }
}
