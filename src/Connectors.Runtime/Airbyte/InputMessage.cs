using System;
using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>The kinds of input message the <c>write</c> command acts on; everything else is ignored.</summary>
internal enum InputKind
{
    Ignored,
    Record,
    State,

    /// <summary>A TRACE of type STREAM_STATUS.</summary>
    StreamStatus,

    /// <summary>A TRACE of type ERROR: the source failed (one stream, or the whole sync without a stream descriptor).</summary>
    SourceError,
}

/// <summary>
/// What the <c>write</c> command needs from one input line, as byte ranges of that line: a RECORD's stream, namespace,
/// data and emitted_at; a STATE's object; a STREAM_STATUS trace's stream and status; an ERROR trace's stream and
/// message. Parsing validates the whole line once, so a line that is not JSON is always noticed, and copies nothing: a
/// plain RECORD with <see cref="JsonScanner"/> (<see cref="WriteRecordLine"/>), anything else, and every line the
/// scanner refuses, with <see cref="Utf8JsonReader"/>, which accepts it or names what is wrong and where. On the same
/// pass it lists the top-level properties of a RECORD's data object (see <see cref="DataFields"/>), so the
/// destination's <see cref="RecordFieldReader"/> need not tokenize the record again.
/// </summary>
internal struct InputMessage
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    public InputKind Kind;

    /// <summary>A RECORD's stream, or the stream descriptor's name of a STREAM_STATUS or ERROR trace.</summary>
    public Slice Stream;

    /// <summary>A RECORD's namespace, or the stream descriptor's namespace of a trace.</summary>
    public Slice Namespace;

    public Slice Data;
    public JsonTokenType DataToken;
    public long? EmittedAt;
    public Slice State;
    public bool HasRecordObject;

    /// <summary>A STREAM_STATUS trace's status; null when missing or not one the protocol defines.</summary>
    public StreamStatus? Status;

    /// <summary>An ERROR trace's message (a string's content).</summary>
    public Slice ErrorMessage;

    /// <summary>A range of the line; <see cref="Escaped"/> for a string holding escape sequences.</summary>
    public readonly record struct Slice(int Start, int Length, bool Escaped = false)
    {
        public bool IsEmpty => Length == 0;

        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> line) => line.Slice(Start, Length);
    }

    /// <summary>What is wrong with a line <see cref="Parse"/> rejected, and where in it (JSON path, byte).</summary>
    public static string Describe(ReadOnlySpan<byte> line, JsonException error) => Json.JsonSyntax.Describe(line, error, Options, singleLine: true);

    /// <summary>Parses a line: a plain RECORD on the scanner's fast path, anything else with the reader.</summary>
    /// <param name="line">One input line (UTF-8).</param>
    /// <param name="dataFields">Where to list the top-level properties of a RECORD's data object, when it is one.</param>
    /// <exception cref="JsonException">The line is not JSON, or not one JSON object.</exception>
    public static InputMessage Parse(ReadOnlySpan<byte> line, DataFields? dataFields = null) =>
        WriteRecordLine.TryParse(line, dataFields, out var message) ? message : ParseWithReader(line, dataFields);

    /// <summary>Parses a line with <see cref="Utf8JsonReader"/>: every kind of line, and the precise error for a bad one.</summary>
    /// <exception cref="JsonException">The line is not JSON, or not one JSON object.</exception>
    internal static InputMessage ParseWithReader(ReadOnlySpan<byte> line, DataFields? dataFields = null)
    {
        try
        {
            return ReadLine(line, dataFields);
        }
        catch (InvalidOperationException ex)
        {
            // ValueTextEquals unescapes a property name, and throws this for a lone surrogate escape (\udc00).
            throw new JsonException("A property name holds an invalid escape sequence: " + ex.Message, ex);
        }
    }

    private static InputMessage ReadLine(ReadOnlySpan<byte> line, DataFields? dataFields)
    {
        var message = default(InputMessage);
        var reader = new Utf8JsonReader(line, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The line is not a JSON object.");
        }
        var isRecord = false;
        var isState = false;
        var isTrace = false;
        var traceKind = InputKind.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isRecord = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("RECORD"u8);
                isState = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("STATE"u8);
                isTrace = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("TRACE"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("record"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    message.HasRecordObject = true;
                    ReadRecord(ref reader, ref message, dataFields);
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
            else if (reader.ValueTextEquals("trace"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    traceKind = ReadTrace(ref reader, ref message);
                }
                else
                {
                    reader.Skip();
                }
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
        message.Kind = isRecord ? InputKind.Record : isState ? InputKind.State : isTrace ? traceKind : InputKind.Ignored;
        return message;
    }

    /// <summary>Reads a trace object: a STREAM_STATUS's descriptor and status, an ERROR's descriptor and message.</summary>
    private static InputKind ReadTrace(ref Utf8JsonReader reader, ref InputMessage message)
    {
        var kind = InputKind.Ignored;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? InputKind.Ignored
                    : reader.ValueTextEquals("STREAM_STATUS"u8) ? InputKind.StreamStatus
                    : reader.ValueTextEquals("ERROR"u8) ? InputKind.SourceError
                    : InputKind.Ignored;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("stream_status"u8) || reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadStatusOrError(ref reader, ref message);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return kind;
    }

    private static void ReadStatusOrError(ref Utf8JsonReader reader, ref InputMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream_descriptor"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDescriptor(ref reader, ref message);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                message.Status = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals("COMPLETE"u8) ? StreamStatus.Complete
                    : reader.ValueTextEquals("INCOMPLETE"u8) ? StreamStatus.Incomplete
                    : reader.ValueTextEquals("RUNNING"u8) ? StreamStatus.Running
                    : reader.ValueTextEquals("STARTED"u8) ? StreamStatus.Started
                    : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message.ErrorMessage = StringSlice(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadDescriptor(ref Utf8JsonReader reader, ref InputMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                message.Stream = StringSlice(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                message.Namespace = StringSlice(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadRecord(ref Utf8JsonReader reader, ref InputMessage message, DataFields? dataFields)
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
                if (dataFields is not null && reader.TokenType == JsonTokenType.StartObject)
                {
                    // The same walk as Skip, noting where each top-level property is.
                    dataFields.ReadObject(ref reader, start);
                }
                else
                {
                    reader.Skip();
                }
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
