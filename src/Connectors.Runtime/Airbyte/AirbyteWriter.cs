using System;
using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Writes Airbyte protocol messages (airbyte_protocol.yaml) as JSON lines. Every human-readable text it writes (LOG,
/// TRACE, connection status) passes through the secret masker first.
/// </summary>
public sealed class AirbyteWriter
{
    private readonly JsonLineWriter _lines;
    private readonly SecretMasker _masker;

    /// <summary>Creates a writer.</summary>
    public AirbyteWriter(JsonLineWriter lines, SecretMasker masker)
    {
        _lines = lines;
        _masker = masker;
    }

    /// <summary>The underlying line writer.</summary>
    public JsonLineWriter Lines => _lines;

    /// <summary>The masker applied to every text.</summary>
    public SecretMasker Masker => _masker;

    /// <summary>Wall-clock milliseconds since the Unix epoch, as <c>emitted_at</c> requires.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Writes a RECORD message whose data object is written by <paramref name="writeData"/>.</summary>
    public void WriteRecord<TRecord>(RecordEnvelope envelope, TRecord record, RecordWriter<TRecord> writeData, long emittedAt)
    {
        // The envelope's bytes, the record's own writer, the end and newline: the same work as a hand-written emitter.
        var json = _lines.BeginMessage(envelope.Prefix);
        try
        {
            writeData(json, record);
        }
        catch
        {
            _lines.AbortMessage();
            throw;
        }
        _lines.EndRecord(emittedAt);
    }

    /// <summary>Writes a per-stream STATE message and flushes, so the checkpoint reaches the platform at once.</summary>
    /// <param name="stream">The stream the state belongs to.</param>
    /// <param name="streamState">The stream_state object, as JSON.</param>
    /// <param name="recordCount">Records emitted for the stream since its previous state.</param>
    public void WriteStreamState(StreamKey stream, ReadOnlySpan<byte> streamState, long recordCount)
    {
        var json = _lines.BeginMessage();
        try
        {
            json.WriteStartObject();
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeState);
            json.WriteStartObject(AirbyteNames.State);
            json.WriteString(AirbyteNames.Type, AirbyteNames.StateTypeStream);
            json.WriteStartObject(AirbyteNames.Stream);
            WriteDescriptor(json, stream);
            json.WritePropertyName(AirbyteNames.StreamState);
            json.WriteRawValue(streamState, skipInputValidation: true);
            json.WriteEndObject();
            json.WriteStartObject(AirbyteNames.SourceStats);
            json.WriteNumber(AirbyteNames.RecordCount, (double)recordCount);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        catch
        {
            _lines.AbortMessage();
            throw;
        }
        _lines.EndMessage();
        _lines.Flush();
    }

    /// <summary>Writes a LOG message.</summary>
    public void WriteLog(LogLevelName level, string message, string? stackTrace = null) =>
        Write(json =>
        {
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeLog);
            json.WriteStartObject(AirbyteNames.Log);
            json.WriteString(AirbyteNames.Level, level.ToText());
            json.WriteString(AirbyteNames.Message, _masker.Apply(message));
            if (stackTrace is not null)
            {
                json.WriteString(AirbyteNames.StackTrace, _masker.Apply(stackTrace));
            }
            json.WriteEndObject();
        });

    /// <summary>Writes a TRACE ERROR message.</summary>
    public void WriteError(string message, FailureType failureType, Exception? exception = null, StreamKey? stream = null) =>
        Write(json =>
        {
            WriteTraceHeader(json, AirbyteNames.TraceError);
            json.WriteStartObject(AirbyteNames.Error);
            json.WriteString(AirbyteNames.Message, _masker.Apply(message));
            if (exception is not null)
            {
                json.WriteString(AirbyteNames.InternalMessage, _masker.Apply(exception.GetType().FullName + ": " + exception.Message));
                json.WriteString(AirbyteNames.StackTrace, _masker.Apply(exception.ToString()));
            }
            json.WriteString(AirbyteNames.FailureType, failureType.ToText());
            if (stream is { } key)
            {
                json.WriteStartObject(AirbyteNames.StreamDescriptor);
                WriteDescriptorFields(json, key);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>Writes a TRACE STREAM_STATUS message.</summary>
    public void WriteStreamStatus(StreamKey stream, StreamStatus status) =>
        Write(json =>
        {
            WriteTraceHeader(json, AirbyteNames.TraceStreamStatus);
            json.WriteStartObject(AirbyteNames.StreamStatus);
            json.WriteStartObject(AirbyteNames.StreamDescriptor);
            WriteDescriptorFields(json, stream);
            json.WriteEndObject();
            json.WriteString(AirbyteNames.Status, status.ToText());
            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>Writes a CONNECTION_STATUS message.</summary>
    public void WriteConnectionStatus(bool succeeded, string? message) =>
        Write(json =>
        {
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeConnectionStatus);
            json.WriteStartObject(AirbyteNames.ConnectionStatus);
            json.WriteString(AirbyteNames.Status, succeeded ? "SUCCEEDED" : "FAILED");
            if (message is not null)
            {
                json.WriteString(AirbyteNames.Message, _masker.Apply(message));
            }
            json.WriteEndObject();
        });

    /// <summary>Writes a SPEC message; the connection specification's neutral keywords become Airbyte's (<see cref="AirbyteSchema"/>).</summary>
    public void WriteSpec(string? documentationUrl, string connectionSpecification, Action<Utf8JsonWriter>? extra = null) =>
        WriteSpec(_lines, documentationUrl, connectionSpecification, extra);

    /// <summary>Writes a SPEC message straight to a line writer (the host's <c>spec</c> shortcut has no writer of this kind).</summary>
    internal static void WriteSpec(JsonLineWriter lines, string? documentationUrl, string connectionSpecification,
        Action<Utf8JsonWriter>? extra) =>
        lines.WriteObject(json =>
        {
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeSpec);
            json.WriteStartObject(AirbyteNames.Spec);
            if (documentationUrl is not null)
            {
                json.WriteString(AirbyteNames.DocumentationUrl, documentationUrl);
            }
            json.WritePropertyName(AirbyteNames.ConnectionSpecification);
            AirbyteSchema.Write(json, connectionSpecification);
            extra?.Invoke(json);
            json.WriteEndObject();
        });

    /// <summary>Writes a CATALOG message from the streams' descriptions.</summary>
    public void WriteCatalog(IReadOnlyList<CatalogStream> streams) =>
        Write(json =>
        {
            json.WriteString(AirbyteNames.Type, AirbyteNames.TypeCatalog);
            json.WriteStartObject(AirbyteNames.Catalog);
            json.WriteStartArray(AirbyteNames.Streams);
            foreach (var stream in streams)
            {
                stream.WriteTo(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>Writes a whole message through a callback (the callback writes the properties of the top object).</summary>
    public void Write(Action<Utf8JsonWriter> writeProperties) => _lines.WriteObject(writeProperties);

    private static void WriteTraceHeader(Utf8JsonWriter json, JsonEncodedText traceType)
    {
        json.WriteString(AirbyteNames.Type, AirbyteNames.TypeTrace);
        json.WriteStartObject(AirbyteNames.Trace);
        json.WriteString(AirbyteNames.Type, traceType);
        json.WriteNumber(AirbyteNames.EmittedAt, (double)Now());
    }

    private static void WriteDescriptor(Utf8JsonWriter json, StreamKey stream)
    {
        json.WriteStartObject(AirbyteNames.StreamDescriptor);
        WriteDescriptorFields(json, stream);
        json.WriteEndObject();
    }

    private static void WriteDescriptorFields(Utf8JsonWriter json, StreamKey stream)
    {
        json.WriteString(AirbyteNames.Name, stream.Name);
        if (stream.Namespace is not null)
        {
            json.WriteString(AirbyteNames.Namespace, stream.Namespace);
        }
    }
}
