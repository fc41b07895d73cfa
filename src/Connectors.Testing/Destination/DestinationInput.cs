using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Processes;
using Connectors.Testing.Validation;

namespace Connectors.Testing.Session;

/// <summary>A stream the kit writes to a destination: its name, schema, primary key and cursor.</summary>
internal sealed record WriteStream(string Name, JsonElement Schema, IReadOnlyList<string> PrimaryKey, IReadOnlyList<string> Cursor)
{
    /// <summary>The kit's own two streams, covering the common types (and nulls, unicode, nested objects and arrays).</summary>
    public const string DefaultCatalog = """
        {"streams": [
          {"stream": {"name": "kit_customers", "supported_sync_modes": ["full_refresh", "incremental"],
            "source_defined_cursor": true, "default_cursor_field": ["updated_at"], "source_defined_primary_key": [["id"]],
            "json_schema": {"type": "object", "properties": {
              "id": {"type": "integer"},
              "name": {"type": "string"},
              "email": {"type": ["string", "null"]},
              "score": {"type": "number"},
              "active": {"type": "boolean"},
              "signed_up": {"type": "string", "format": "date"},
              "updated_at": {"type": "string", "format": "date-time"},
              "tags": {"type": "array", "items": {"type": "string"}},
              "address": {"type": ["object", "null"], "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}}}}},
           "sync_mode": "incremental", "destination_sync_mode": "append", "cursor_field": ["updated_at"], "primary_key": [["id"]]},
          {"stream": {"name": "kit_orders", "supported_sync_modes": ["full_refresh", "incremental"],
            "source_defined_cursor": true, "default_cursor_field": ["updated_at"], "source_defined_primary_key": [["id"]],
            "json_schema": {"type": "object", "properties": {
              "id": {"type": "integer"},
              "customer_id": {"type": "integer"},
              "amount": {"type": ["number", "null"]},
              "note": {"type": ["string", "null"]},
              "updated_at": {"type": "string", "format": "date-time"}}}},
           "sync_mode": "incremental", "destination_sync_mode": "append", "cursor_field": ["updated_at"], "primary_key": [["id"]]}
        ]}
        """;

    /// <summary>The streams of a configured catalog; each needs a single-field primary key (the kit identifies rows by it).</summary>
    public static IReadOnlyList<WriteStream> Of(string configuredCatalog)
    {
        var streams = new List<WriteStream>();
        foreach (var configured in JsonDocument.Parse(configuredCatalog).RootElement.GetProperty("streams").EnumerateArray())
        {
            var stream = configured.GetProperty("stream");
            var key = Message.Paths(Message.Payload(configured, "primary_key")) is { Count: > 0 } k ? k : Message.Paths(Message.Payload(stream, "source_defined_primary_key"));
            var cursor = Message.Path(Message.Payload(configured, "cursor_field")) is { Count: > 0 } c ? c : Message.Path(Message.Payload(stream, "default_cursor_field"));
            if (key.Count != 1 || key[0].Count != 1)
            {
                throw new InvalidOperationException($"The kit writes streams with a one-field primary key; {Message.Text(stream, "name")} has [{string.Join(", ", key.Select(p => string.Join(".", p)))}].");
            }
            streams.Add(new WriteStream(stream.GetProperty("name").GetString()!, stream.GetProperty("json_schema").Clone(), key[0], cursor));
        }
        return streams;
    }

    /// <summary>The configured catalog written with <paramref name="destinationSyncMode"/>.</summary>
    public static string Catalog(string configuredCatalog, string destinationSyncMode)
    {
        var catalog = JsonNode.Parse(configuredCatalog)!.AsObject();
        foreach (var configured in catalog["streams"]!.AsArray())
        {
            configured!["destination_sync_mode"] = destinationSyncMode;
        }
        return catalog.ToJsonString();
    }
}

/// <summary>
/// Input for a destination, as a source would send it: per stream STARTED and RUNNING statuses, records valid against
/// the stream's schema (deterministic for a seed) in checkpoints of interleaved streams, a STATE per stream and
/// checkpoint carrying the platform's <c>id</c> and exact sourceStats, and COMPLETE statuses at the end.
/// </summary>
internal sealed class DestinationInput
{
    private static readonly DateTime Epoch = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Words = ["amber", "Ødegård", "O'Brien", "say \"hi\"", "naïve café", "back\\slash", "日本語", "tab\there", "line\nbreak", "plain"];

    private DestinationInput(IReadOnlyList<string> lines, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> records)
    {
        Lines = lines;
        Records = records;
    }

    /// <summary>The input lines, in order.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The data objects sent, per stream, in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Records { get; }

    /// <summary>
    /// Input for <paramref name="streams"/>: <paramref name="checkpoints"/> checkpoints of <paramref name="recordsPerCheckpoint"/>
    /// records per stream. <paramref name="generation"/> shifts keys and values, so two generations share no row.
    /// </summary>
    public static DestinationInput Generate(IReadOnlyList<WriteStream> streams, int checkpoints, int recordsPerCheckpoint, int seed,
        int generation = 0, bool complete = true, string? endStatus = null)
    {
        var random = new Random(seed + generation * 7919);
        var lines = new List<string>();
        var records = streams.ToDictionary(s => s.Name, _ => new List<JsonElement>());
        var stateId = 0;
        foreach (var stream in streams)
        {
            lines.Add(Status(stream.Name, "STARTED"));
        }
        for (var checkpoint = 0; checkpoint < checkpoints; checkpoint++)
        {
            for (var i = 0; i < recordsPerCheckpoint; i++)
            {
                foreach (var stream in streams)
                {
                    var n = records[stream.Name].Count;
                    if (n == 0)
                    {
                        lines.Add(Status(stream.Name, "RUNNING"));
                    }
                    var data = Record(stream, n, generation, random);
                    records[stream.Name].Add(data);
                    lines.Add(new JsonObject
                    {
                        ["type"] = "RECORD",
                        ["record"] = new JsonObject { ["stream"] = stream.Name, ["data"] = JsonNode.Parse(data.GetRawText()), ["emitted_at"] = 1_709_280_000_000L + n },
                    }.ToJsonString());
                }
            }
            foreach (var stream in streams)
            {
                var last = records[stream.Name][^1];
                var cursor = stream.Cursor.Count > 0 ? Message.At(last, stream.Cursor) : Message.At(last, stream.PrimaryKey);
                lines.Add(new JsonObject
                {
                    ["type"] = "STATE",
                    ["state"] = new JsonObject
                    {
                        ["id"] = ++stateId,
                        ["type"] = "STREAM",
                        ["stream"] = new JsonObject
                        {
                            ["stream_descriptor"] = new JsonObject { ["name"] = stream.Name },
                            ["stream_state"] = new JsonObject { [string.Join(".", stream.Cursor.Count > 0 ? stream.Cursor : stream.PrimaryKey)] = JsonNode.Parse(cursor.GetRawText()) },
                        },
                        ["sourceStats"] = new JsonObject { ["recordCount"] = (double)recordsPerCheckpoint },
                    },
                }.ToJsonString());
            }
        }
        if (complete || endStatus is not null)
        {
            foreach (var stream in streams)
            {
                lines.Add(Status(stream.Name, endStatus ?? "COMPLETE"));
            }
        }
        return new DestinationInput(lines, records.ToDictionary(p => p.Key, p => (IReadOnlyList<JsonElement>)p.Value));
    }

    /// <summary>A STREAM_STATUS trace line.</summary>
    public static string Status(string stream, string status) => new JsonObject
    {
        ["type"] = "TRACE",
        ["trace"] = new JsonObject
        {
            ["type"] = "STREAM_STATUS",
            ["emitted_at"] = 1_709_280_000_000.0,
            ["stream_status"] = new JsonObject { ["stream_descriptor"] = new JsonObject { ["name"] = stream }, ["status"] = status },
        },
    }.ToJsonString();

    private static JsonElement Record(WriteStream stream, int n, int generation, Random random)
    {
        var data = new JsonObject();
        if (Message.Payload(stream.Schema, "properties") is { ValueKind: JsonValueKind.Object } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                data[property.Name] = property.Name == stream.PrimaryKey[0]
                    ? Key(property.Value, n, generation)
                    : stream.Cursor.Count == 1 && property.Name == stream.Cursor[0]
                        ? Cursor(property.Value, n, generation)
                        : Value(property.Value, n, random, depth: 0);
            }
        }
        return JsonSerializer.SerializeToElement(data);
    }

    private static JsonNode Key(JsonElement schema, int n, int generation)
    {
        var id = 1 + n + generation * 1_000_000L;
        return RecordSchemas.Types(schema).Contains("string") ? JsonValue.Create("key-" + id.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(id);
    }

    private static JsonNode Cursor(JsonElement schema, int n, int generation)
    {
        var types = RecordSchemas.Types(schema);
        var time = Epoch.AddDays(generation).AddMinutes(n);
        return types.Contains("integer") || types.Contains("number")
            ? JsonValue.Create(1 + n + generation * 1_000_000L)
            : JsonValue.Create(time.ToString(Message.Text(schema, "format") == "date" ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    private static JsonNode? Value(JsonElement schema, int n, Random random, int depth)
    {
        var types = RecordSchemas.Types(schema).Where(t => t != "null").ToList();
        if (RecordSchemas.Types(schema).Contains("null") && n % 5 == 3)
        {
            return null;
        }
        switch (types.FirstOrDefault())
        {
            case "integer":
                return JsonValue.Create(random.NextInt64(-1_000_000, 1_000_000_000));
            case "number":
                return JsonValue.Create(random.Next(0, 4_000_000) / 4.0);
            case "boolean":
                return JsonValue.Create(random.Next(2) == 1);
            case "object" when depth < 2:
                var obj = new JsonObject();
                if (Message.Payload(schema, "properties") is { ValueKind: JsonValueKind.Object } properties)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        obj[property.Name] = Value(property.Value, n + 1, random, depth + 1);
                    }
                }
                return obj;
            case "array" when depth < 2:
                var items = Message.Payload(schema, "items");
                var array = new JsonArray();
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    array.Add(Value(items.ValueKind == JsonValueKind.Object ? items : default, n + i, random, depth + 1));
                }
                return array;
            case "string":
                return Message.Text(schema, "format") switch
                {
                    "date-time" => JsonValue.Create(Epoch.AddSeconds(random.Next(0, 100_000_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                    "date" => JsonValue.Create(Epoch.AddDays(random.Next(0, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    _ => JsonValue.Create(Words[random.Next(Words.Length)] + " " + n.ToString(CultureInfo.InvariantCulture)),
                };
            default:
                return JsonValue.Create("value " + n.ToString(CultureInfo.InvariantCulture));
        }
    }
}
