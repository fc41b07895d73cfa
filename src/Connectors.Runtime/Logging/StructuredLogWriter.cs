using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>
/// Writes structured log lines, <c>{"level","message","extra":{"context":…,…}}</c>, one per entry, whole, from any
/// thread. Every text (message, string values, exception) goes through the secret masker.
/// </summary>
internal sealed class StructuredLogWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _output;
    private readonly SecretMasker _masker;
    private readonly object _gate = new();

    public StructuredLogWriter(TextWriter output, SecretMasker masker)
    {
        _output = output;
        _masker = masker;
    }

    /// <summary>Also hands every line to this shipper, when set.</summary>
    public LogShipper? Shipper { get; set; }

    public void Write(LogLevel level, string context, string message, IReadOnlyList<KeyValuePair<string, object?>> extra, Exception? exception)
    {
        var timestamp = DateTimeOffset.UtcNow;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("level", LogLevelNames.ToJson(level));
            json.WriteString("message", _masker.Apply(message));
            json.WriteStartObject("extra");
            json.WriteString("context", context);
            foreach (var (key, value) in extra)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            if (exception is not null)
            {
                json.WriteString("exception", _masker.Apply(exception.ToString()));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Shipper?.Enqueue(new LogEvent(timestamp, level, context, line));
        lock (_gate)
        {
            try
            {
                _output.Write(line + "\n");
                _output.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Nobody reads stderr any more; logging must never take the connector down.
            }
        }
    }

    private void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(_masker.Apply(text));
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time);
                break;
            case DateTime time:
                json.WriteStringValue(time);
                break;
            default:
                json.WriteStringValue(_masker.Apply(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }
}
