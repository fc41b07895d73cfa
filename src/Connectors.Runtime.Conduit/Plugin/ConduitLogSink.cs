using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin;

/// <summary>
/// Log entries as Conduit reads a plugin's stderr: one JSON line with <c>@level</c>, <c>@message</c>, <c>@timestamp</c>
/// (Go's <c>2006-01-02T15:04:05.000000Z07:00</c>) and <c>@module</c>; every text masked.
/// </summary>
internal sealed class ConduitLogSink : ILogSink
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _stderr;
    private readonly SecretMasker _masker;
    private readonly object _gate = new();

    public ConduitLogSink(TextWriter stderr, SecretMasker masker)
    {
        _stderr = stderr;
        _masker = masker;
    }

    /// <summary>The level <c>CONDUIT_CONNECTOR_LOG_LEVEL</c> names (trace, debug, info, warn, error); null when unset or unknown.</summary>
    public static LogLevel? ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };

    public void Write(LogLevel level, string category, string message, Exception? exception) =>
        Write(level, category, message, exception is null ? null : json => json.WriteString("error", _masker.Apply(exception.ToString())));

    /// <summary>
    /// A line with fields of its own besides <c>@level</c>, <c>@message</c>, <c>@timestamp</c> and <c>@module</c> (Conduit
    /// shows them as the entry's fields): <paramref name="fields"/> writes them, and masks the strings it writes.
    /// </summary>
    public void Write(LogLevel level, string category, string message, Action<Utf8JsonWriter>? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("@level", Level(level));
            json.WriteString("@message", _masker.Apply(message));
            json.WriteString("@timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("@module", category);
            fields?.Invoke(json);
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
        lock (_gate)
        {
            try
            {
                _stderr.Write(line);
                _stderr.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Nobody reads stderr any more; logging must never take the plugin down.
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };
}
