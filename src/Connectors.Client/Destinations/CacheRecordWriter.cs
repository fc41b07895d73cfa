using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Connectors.Client.Caching;
using Connectors.Client.Catalog;

namespace Connectors.Client.Destinations;

/// <summary>A state about to be sent (a span: net8.0 has no Action over ref structs).</summary>
internal delegate void StateSent(ReadOnlySpan<byte> state);

/// <summary>
/// Turns a cache's tables back into protocol messages for a destination: per stream STREAM_STATUS STARTED, a RECORD per
/// row (data rebuilt from the typed columns with the record's own property names, <c>emitted_at</c> from
/// <c>_airbyte_extracted_at</c>), the stream's saved state (or a marker state when none was saved, so the destination has
/// a checkpoint to commit at) and STREAM_STATUS COMPLETE.
/// </summary>
internal static class CacheRecordWriter
{
    public static void Write(Cache cache, string source, IReadOnlyList<StreamInfo> streams, IReadOnlyDictionary<string, string> states,
        Stream output, Action<string, int> onRecord, StateSent onState, CancellationToken cancellationToken)
    {
        using var connection = cache.OpenConnection();
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        foreach (var stream in streams)
        {
            var schema = TableSchema.From(stream.JsonSchema, stream.PrimaryKey);
            Status(json, output, stream.Name, "STARTED");
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", schema.AllColumnNames.Select(Cache.Quote))} FROM {cache.Qualify(cache.TableName(stream.Name))}";
            using var reader = command.ExecuteReader();
            var extractedAt = schema.Columns.Count + 1;
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                json.Reset(output);
                json.WriteStartObject();
                json.WriteString("type"u8, "RECORD"u8);
                json.WritePropertyName("record"u8);
                json.WriteStartObject();
                json.WriteString("stream"u8, stream.Name);
                json.WritePropertyName("data"u8);
                if (schema.WholeRecord)
                {
                    json.WriteRawValue(reader.GetString(0), skipInputValidation: true);
                }
                else
                {
                    json.WriteStartObject();
                    for (var i = 0; i < schema.Columns.Count; i++)
                    {
                        WriteValue(json, schema.Columns[i], reader, i);
                    }
                    json.WriteEndObject();
                }
                json.WriteNumber("emitted_at"u8, EmittedAt(reader.GetValue(extractedAt)));
                json.WriteEndObject();
                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');
                onRecord(stream.Name, (int)json.BytesCommitted + 1);
            }
            var state = states.TryGetValue(stream.Name, out var saved)
                ? saved
                : JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["type"] = "STREAM",
                    ["stream"] = new Dictionary<string, object>
                    {
                        ["stream_descriptor"] = new Dictionary<string, string> { ["name"] = stream.Name },
                        ["stream_state"] = new Dictionary<string, string> { ["origin"] = "connectors-cache" },
                    },
                }, CacheWriteJson.Default.DictionaryStringObject);
            var bytes = Encoding.UTF8.GetBytes(state);
            onState(bytes);
            output.Write("{\"type\":\"STATE\",\"state\":"u8);
            output.Write(bytes);
            output.Write("}\n"u8);
            Status(json, output, stream.Name, "COMPLETE");
        }
        output.Flush();
    }

    private static void Status(Utf8JsonWriter json, Stream output, string stream, string status)
    {
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString("type"u8, "TRACE"u8);
        json.WritePropertyName("trace"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "STREAM_STATUS"u8);
        json.WriteNumber("emitted_at"u8, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        json.WritePropertyName("stream_status"u8);
        json.WriteStartObject();
        json.WritePropertyName("stream_descriptor"u8);
        json.WriteStartObject();
        json.WriteString("name"u8, stream);
        json.WriteEndObject();
        json.WriteString("status"u8, status);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteValue(Utf8JsonWriter json, CacheColumn column, DbDataReader reader, int ordinal)
    {
        json.WritePropertyName(column.Property);
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }
        var value = reader.GetValue(ordinal);
        switch (column.Type)
        {
            case ColumnType.Integer:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ColumnType.Number:
                json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case ColumnType.Boolean:
                json.WriteBooleanValue(value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0);
                break;
            case ColumnType.Json:
                json.WriteRawValue(value.ToString()!, skipInputValidation: true);
                break;
            default:
                json.WriteStringValue(value switch
                {
                    DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
                    DateTime dt when column.Type == ColumnType.TimestampWithTimeZone =>
                        DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'+00:00'", CultureInfo.InvariantCulture),
                    DateTime dt when column.Type == ColumnType.Date => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                });
                break;
        }
    }

    private static long EmittedAt(object value) => value switch
    {
        DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.ToUnixTimeMilliseconds(),
        _ => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
    };
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CacheWriteJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
