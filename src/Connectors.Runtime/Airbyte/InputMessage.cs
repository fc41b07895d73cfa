using System;
using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>The kinds of input message the <c>write</c> command acts on; everything else is ignored.</summary>
internal enum InputKind
{
    Ignored,
    Record,
    State,
}

/// <summary>
/// What the <c>write</c> command needs from one input line, as byte ranges of that line: a RECORD's stream, namespace,
/// data and emitted_at, or a STATE's object. Parsing reads the whole line once with <see cref="Utf8JsonReader"/>, so a
/// line that is not JSON is always noticed, and copies nothing.
/// </summary>
internal struct InputMessage
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    public InputKind Kind;
    public Slice Stream;
    public Slice Namespace;
    public Slice Data;
    public JsonTokenType DataToken;
    public long? EmittedAt;
    public Slice State;
    public bool HasRecordObject;

    /// <summary>A range of the line; <see cref="Escaped"/> for a string holding escape sequences.</summary>
    public readonly record struct Slice(int Start, int Length, bool Escaped = false)
    {
        public bool IsEmpty => Length == 0;

        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> line) => line.Slice(Start, Length);
    }

    /// <summary>What is wrong with a line <see cref="Parse"/> rejected, and where in it (JSON path, byte).</summary>
    public static string Describe(ReadOnlySpan<byte> line, JsonException error) => Json.JsonSyntax.Describe(line, error, Options, singleLine: true);

    /// <summary>Parses a line.</summary>
    /// <exception cref="JsonException">The line is not JSON, or not one JSON object.</exception>
    public static InputMessage Parse(ReadOnlySpan<byte> line)
    {
        var message = default(InputMessage);
        var reader = new Utf8JsonReader(line, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The line is not a JSON object.");
        }
        var isRecord = false;
        var isState = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isRecord = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("RECORD"u8);
                isState = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("STATE"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("record"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    message.HasRecordObject = true;
                    ReadRecord(ref reader, ref message);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                message.State = isObject ? new Slice(start, (int)reader.BytesConsumed - start) : default;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // Anything after the object but whitespace makes the reader throw: one object per line.
        if (reader.Read())
        {
            throw new JsonException("The line holds more than one JSON value.");
        }
        message.Kind = isRecord ? InputKind.Record : isState ? InputKind.State : InputKind.Ignored;
        return message;
    }

    private static void ReadRecord(ref Utf8JsonReader reader, ref InputMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                message.Stream = StringSlice(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                message.Namespace = StringSlice(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                message.DataToken = reader.TokenType;
                reader.Skip();
                message.Data = new Slice(start, (int)reader.BytesConsumed - start);
            }
            else if (reader.ValueTextEquals("emitted_at"u8))
            {
                reader.Read();
                message.EmittedAt = reader.TokenType != JsonTokenType.Number ? null
                    : reader.TryGetInt64(out var whole) ? whole
                    : reader.TryGetDouble(out var number) && double.IsFinite(number) ? (long)number
                    : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A string value's content (without quotes); empty for anything else.</summary>
    private static Slice StringSlice(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }
        return new Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
    }
}
