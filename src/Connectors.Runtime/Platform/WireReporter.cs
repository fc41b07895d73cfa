using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The command host's reporter: one line per report on stdout, beside the responses and records,
/// <c>{"report": "HEARTBEAT"|"HEALTH"|"METRICS"|"FILE", "&lt;kind&gt;": {…}}</c>, every string masked.
/// </summary>
internal sealed class WireReporter : IPlatformReporter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonLineWriter _lines;
    private readonly SecretMasker _masker;
    private readonly string _connector;
    private readonly string? _connectorId;

    public WireReporter(JsonLineWriter lines, SecretMasker masker, string connector, string? connectorId)
    {
        _lines = lines;
        _masker = masker;
        _connector = connector;
        _connectorId = connectorId;
    }

    public ValueTask ReportHeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) =>
        Write("HEARTBEAT", "heartbeat", json => PlatformReportJson.WriteHeartbeat(json, heartbeat, _connector, _connectorId));

    public ValueTask ReportHealthAsync(HealthReport health, CancellationToken cancellationToken) =>
        Write("HEALTH", "health", json => PlatformReportJson.WriteHealth(json, health));

    public ValueTask ReportMetricsAsync(MetricsReport metrics, CancellationToken cancellationToken) =>
        Write("METRICS", "metrics", json => PlatformReportJson.WriteMetrics(json, metrics));

    public ValueTask ReportFileAsync(HandedOffFile file, CancellationToken cancellationToken) =>
        Write("FILE", "file", json => PlatformReportJson.WriteFile(json, file));

    private ValueTask Write(string report, string property, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("report", report);
            json.WritePropertyName(property);
            body(json);
            json.WriteEndObject();
        }
        var masked = MaskedJson.Mask(buffer.WrittenMemory, _masker);
        _lines.BeginMessage();
        _lines.WriteRaw(masked);
        _lines.EndMessage();
        _lines.Flush();
        return ValueTask.CompletedTask;
    }
}
