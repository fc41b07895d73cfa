using System;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Runtime.Platform;

/// <summary>A file status record as JSON, the same for the platform API's bodies and the local JSON-file store.</summary>
internal static class ConnectorFileJson
{
    /// <summary>Writes <c>{"uniqueExternalId", "filepath", "status", "errorCount", "errorMessage", "fileId"}</c> (and the two timestamps).</summary>
    public static void Write(Utf8JsonWriter json, ConnectorFile file, bool withTimes)
    {
        json.WriteStartObject();
        json.WriteString("uniqueExternalId", file.UniqueExternalId);
        json.WriteString("filepath", file.Filepath);
        json.WriteString("status", LocalStore.FileStatusText(file.Status));
        json.WriteNumber("errorCount", file.ErrorCount);
        json.WriteString("errorMessage", file.ErrorMessage);
        json.WriteString("fileId", file.FileId);
        if (withTimes)
        {
            json.WriteString("createdAt", file.CreatedAt?.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("updatedAt", file.UpdatedAt?.ToString("O", CultureInfo.InvariantCulture));
        }
        json.WriteEndObject();
    }

    /// <summary>Reads a record; a missing error count is 0, missing strings and timestamps are null.</summary>
    public static ConnectorFile Read(JsonElement item) =>
        new(item.GetProperty("uniqueExternalId").GetString()!, item.GetProperty("filepath").GetString()!,
            LocalStore.ParseFileStatus(item.GetProperty("status").GetString()!))
        {
            ErrorCount = item.TryGetProperty("errorCount", out var errors) && errors.ValueKind == JsonValueKind.Number ? errors.GetInt32() : 0,
            ErrorMessage = Optional(item, "errorMessage"),
            FileId = Optional(item, "fileId"),
            CreatedAt = Optional(item, "createdAt") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : null,
            UpdatedAt = Optional(item, "updatedAt") is { } updated ? DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture) : null,
        };

    private static string? Optional(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
