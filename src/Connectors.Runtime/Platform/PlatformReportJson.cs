using System.Text.Json;
using Connectors.Runtime.Commands;

namespace Connectors.Runtime.Platform;

/// <summary>The JSON of each report (docs/platform-services.md), shared by the command host's wire and the HTTP platform.</summary>
internal static class PlatformReportJson
{
    public static void WriteHeartbeat(Utf8JsonWriter json, Heartbeat heartbeat, string connector, string? connectorId)
    {
        json.WriteStartObject();
        json.WriteString("emittedAt", heartbeat.EmittedAt);
        json.WriteNumber("sequence", heartbeat.Sequence);
        json.WriteString("connector", connector);
        json.WriteString("connectorId", connectorId);
        json.WriteString("operatingStatus", ConnectorLifecycleText.Status(heartbeat.OperatingStatus));
        json.WriteString("health", HealthStatusNames.ToText(heartbeat.Health.Status));
        json.WriteNumber("uptimeSeconds", System.Math.Round(heartbeat.Uptime.TotalSeconds, 3));
        json.WriteEndObject();
    }

    public static void WriteHealth(Utf8JsonWriter json, HealthReport health)
    {
        json.WriteStartObject();
        json.WriteString("status", HealthStatusNames.ToText(health.Status));
        json.WriteString("message", health.Message);
        json.WriteString("since", health.Since);
        json.WriteEndObject();
    }

    public static void WriteMetrics(Utf8JsonWriter json, MetricsReport metrics)
    {
        json.WriteStartObject();
        json.WriteString("emittedAt", metrics.EmittedAt);
        json.WriteStartArray("values");
        foreach (var value in metrics.Values)
        {
            json.WriteStartObject();
            json.WriteString("name", value.Name);
            json.WriteString("kind", value.Kind);
            if (double.IsFinite(value.Value))
            {
                json.WriteNumber("value", value.Value);
            }
            else
            {
                json.WriteNull("value");
            }
            if (value.Unit is { } unit)
            {
                json.WriteString("unit", unit);
            }
            if (value.Count is { } count)
            {
                json.WriteNumber("count", count);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteFile(Utf8JsonWriter json, HandedOffFile file)
    {
        json.WriteStartObject();
        json.WriteString("fileId", file.FileId);
        json.WriteString("targetName", file.TargetName);
        json.WriteString("location", file.Location);
        json.WriteNumber("bytes", file.Bytes);
        json.WriteString("sha256", file.Sha256);
        json.WriteString("destinationId", file.DestinationId);
        json.WriteString("contentType", file.ContentType);
        json.WriteStartObject("metadata");
        foreach (var (key, value) in file.Metadata)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
        json.WriteString("handedOffAt", file.HandedOffAt);
        json.WriteEndObject();
    }
}

/// <summary>The operating status as the protocol writes it.</summary>
internal static class ConnectorLifecycleText
{
    public static string Status(OperatingStatus status) => status == OperatingStatus.Running ? "RUNNING" : "IDLE";
}
