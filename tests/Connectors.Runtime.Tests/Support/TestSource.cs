using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// The connector class of the tests, with the binder the generator would write: a secret <c>api_key</c> (required),
/// an integer <c>count</c> (default 3, at least 0) and an optional <c>host</c> URI.
/// </summary>
internal sealed class TestSource : IDisposable
{
    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Test Source Spec",
          "type": "object",
          "required": ["api_key"],
          "additionalProperties": true,
          "properties": {
            "api_key": { "type": "string", "airbyte_secret": true },
            "count": { "type": "integer", "minimum": 0, "default": 3 },
            "host": { "type": "string", "format": "uri" }
          }
        }
        """;

    public string ApiKey { get; set; } = "";

    public int Count { get; set; } = 3;

    public Uri? Host { get; set; }

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;

    public static void Bind(TestSource target, ConfigReader reader)
    {
        var json = reader.Root;
        if (json.TryGetProperty("api_key", out var apiKey))
        {
            if (reader.ReadString(apiKey, ConfigReader.Child("$", "api_key"), true, out var value))
            {
                target.ApiKey = value;
            }
        }
        else
        {
            reader.Required(ConfigReader.Child("$", "api_key"));
        }
        if (json.TryGetProperty("count", out var count))
        {
            var path = ConfigReader.Child("$", "count");
            if (reader.ReadInt32(count, path, false, out var value) && reader.CheckMinimum(value, 0, path))
            {
                target.Count = value;
            }
        }
        if (json.TryGetProperty("host", out var host))
        {
            if (reader.ReadUri(host, ConfigReader.Child("$", "host"), false, out var value))
            {
                target.Host = value;
            }
        }
    }
}

/// <summary>The record type of the test streams; <c>seq</c> is the cursor.</summary>
internal sealed record Row(long Id, long Seq, string Name = "row")
{
    /// <summary>Rows with ids 1, 2, … and the given cursor values.</summary>
    public static IEnumerable<Row> WithSeqs(params long[] seqs)
    {
        for (var i = 0; i < seqs.Length; i++)
        {
            yield return new Row(i + 1, seqs[i]);
        }
    }

    public static void Write(Utf8JsonWriter writer, Row row)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", row.Id);
        writer.WriteNumber("seq", row.Seq);
        writer.WriteString("name", row.Name);
        writer.WriteEndObject();
    }
}
