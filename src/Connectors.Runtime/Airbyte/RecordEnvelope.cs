using System;
using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The bytes of a RECORD message that are the same for every record of a stream, encoded once:
/// <c>{"type":"RECORD","record":{"stream":"users","data":</c>.
/// </summary>
public sealed class RecordEnvelope
{
    /// <summary>Encodes the envelope of a stream's records.</summary>
    public RecordEnvelope(StreamKey stream)
    {
        Stream = stream;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeRecord);
            json.WriteStartObject(AirbyteNames.Record);
            json.WriteString(AirbyteNames.Stream, stream.Name);
            if (stream.Namespace is not null)
            {
                json.WriteString(AirbyteNames.Namespace, stream.Namespace);
            }
            json.Flush();
        }
        Prefix = [.. buffer.WrittenSpan, .. Encoding.UTF8.GetBytes(",\"data\":")];
    }

    /// <summary>The stream the envelope is for.</summary>
    public StreamKey Stream { get; }

    /// <summary>Everything before the data object.</summary>
    public byte[] Prefix { get; }

    /// <summary>Everything between the data object and the emitted_at value.</summary>
    public static byte[] EmittedAtInfix { get; } = Encoding.UTF8.GetBytes(",\"emitted_at\":");

    /// <summary>Closes the record and the message.</summary>
    public static byte[] Suffix { get; } = Encoding.UTF8.GetBytes("}}");

    /// <summary>The most bytes <see cref="FormatEnd"/> writes: the infix, a long's 20 characters, the suffix.</summary>
    public const int MaxEndLength = 14 + 20 + 2;

    /// <summary>
    /// Formats everything after the data object, <c>,"emitted_at":1700000000000}}</c>, so a record's end is one copy.
    /// </summary>
    /// <returns>The bytes written; <paramref name="destination"/> must hold <see cref="MaxEndLength"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatEnd(long emittedAt, Span<byte> destination)
    {
        var infix = ",\"emitted_at\":"u8;
        infix.CopyTo(destination);
        Utf8Formatter.TryFormat(emittedAt, destination[infix.Length..], out var digits);
        var length = infix.Length + digits;
        destination[length++] = (byte)'}';
        destination[length++] = (byte)'}';
        return length;
    }
}
