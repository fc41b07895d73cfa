using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>The streaming schema writer and the Airbyte host's rendering of the SDK's neutral keywords.</summary>
public sealed class SchemaTextTests
{
    // As the protocol writer is configured: non-ASCII kept as UTF-8.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Airbyte(string schema) => Write(json => AirbyteSchema.Write(json, schema));

    private static string Neutral(string schema) => Write(json => SchemaText.Write(json, schema));

    private static string ViaJsonDocument(string schema) => Write(json =>
    {
        using var document = JsonDocument.Parse(schema);
        document.RootElement.WriteTo(json);
    });

    [Fact]
    public void Airbyte_keywords_replace_the_neutral_ones_where_they_stood()
    {
        const string schema = """
            {
              "type": "object",
              "properties": {
                "key": { "type": "string", "title": "Key", "x-secret": true, "x-hidden": true, "order": 0 },
                "at": { "type": "string", "format": "date-time", "x-timezone": true },
                "local": { "type": ["string", "null"], "format": "date-time", "x-timezone": false },
                "opens": { "type": "string", "format": "time", "x-timezone": false },
                "closes": { "type": "string", "format": "time", "x-timezone": true },
                "list": { "type": "array", "items": { "type": "object", "properties": { "token": { "x-secret": true } } } }
              }
            }
            """;

        Assert.Equal(
            """{"type":"object","properties":{"key":{"type":"string","title":"Key","airbyte_secret":true,"airbyte_hidden":true,"order":0}""" +
            ""","at":{"type":"string","format":"date-time","airbyte_type":"timestamp_with_timezone"}""" +
            ""","local":{"type":["string","null"],"format":"date-time","airbyte_type":"timestamp_without_timezone"}""" +
            ""","opens":{"type":"string","format":"time","airbyte_type":"time_without_timezone"}""" +
            ""","closes":{"type":"string","format":"time","airbyte_type":"time_with_timezone"}""" +
            ""","list":{"type":"array","items":{"type":"object","properties":{"token":{"airbyte_secret":true}}}}}}""",
            Airbyte(schema));
    }

    [Fact]
    public void The_keywords_recognised_are_the_SchemaKeywords_constants()
    {
        var schema = $$"""
            { "{{SchemaKeywords.Secret}}": true, "{{SchemaKeywords.Hidden}}": true, "format": "date-time", "{{SchemaKeywords.Timezone}}": false }
            """;

        Assert.Equal("""{"airbyte_secret":true,"airbyte_hidden":true,"format":"date-time","airbyte_type":"timestamp_without_timezone"}""", Airbyte(schema));
    }

    [Fact]
    public void Names_and_values_that_look_like_keywords_are_data_and_stay_as_written()
    {
        const string schema = """
            {
              "properties": {
                "x-secret": { "type": "string", "default": "x-hidden", "examples": ["x-timezone"] },
                "x-timezone": { "type": "object", "default": { "x-secret": true, "x-hidden": true }, "enum": [{ "x-timezone": true }] }
              },
              "required": ["x-secret"]
            }
            """;

        Assert.Equal(ViaJsonDocument(schema), Airbyte(schema));
    }

    [Fact]
    public void Keywords_of_every_kind_of_subschema_are_rendered()
    {
        const string schema = """
            {
              "additionalProperties": { "x-secret": true },
              "items": [{ "x-hidden": true }, { "x-secret": true }],
              "allOf": [{ "x-secret": true }], "anyOf": [{ "x-secret": true }], "oneOf": [{ "x-secret": true }],
              "not": { "x-secret": true }, "if": { "x-secret": true }, "then": { "x-secret": true }, "else": { "x-secret": true },
              "definitions": { "a": { "x-secret": true } }, "$defs": { "b": { "x-secret": true } },
              "patternProperties": { "^c": { "x-secret": true } }
            }
            """;

        var rendered = Airbyte(schema);

        Assert.DoesNotContain("x-secret", rendered);
        Assert.DoesNotContain("x-hidden", rendered);
        Assert.Equal(13, rendered.Split("\"airbyte_secret\":true").Length - 1 + rendered.Split("\"airbyte_hidden\":true").Length - 1);
    }

    [Fact]
    public void A_time_zone_without_a_date_time_or_time_format_means_nothing_to_Airbyte_and_is_dropped()
    {
        Assert.Equal("""{"type":"string","format":"date"}""", Airbyte("""{ "type": "string", "format": "date", "x-timezone": false }"""));
        Assert.Equal("""{"type":"string"}""", Airbyte("""{ "x-timezone": true, "type": "string" }"""));
    }

    [Fact]
    public void Without_a_keyword_writer_the_neutral_keywords_are_copied()
    {
        const string schema = """{ "type": "string", "format": "date-time", "x-timezone": true, "x-secret": true }""";

        Assert.Equal(ViaJsonDocument(schema), Neutral(schema));
    }

    [Theory]
    [InlineData("""{ "description": "quotes \" and \\ and \u00e9 and \u2713 and \ud83d\ude00 and <tag> & 'apostrophe'\t\n" }""")]
    [InlineData("""{ "default": [1, -0, 1.0, 1e3, 1.5E-7, 12345678901234567890123, 0.1000], "enum": [true, false, null, {}, []] }""")]
    [InlineData("""{ "esc\u0061ped name": { "a\"b": "c" }, "properties": { "na\u00efve": { "type": "string" } } }""")]
    [InlineData("""true""")]
    [InlineData("""{ "properties": {}, "items": {}, "required": [] }""")]
    public void Text_comes_out_as_JsonElement_WriteTo_writes_it(string schema) =>
        Assert.Equal(ViaJsonDocument(schema), Airbyte(schema));

    [Fact]
    public void A_schema_larger_than_the_stack_buffer_is_written_whole()
    {
        var properties = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            properties.Append(i == 0 ? "" : ",").Append($"\"p{i}\": {{ \"type\": \"string\", \"format\": \"date-time\", \"x-timezone\": true }}");
        }
        var schema = "{ \"properties\": { " + properties + " } }";

        var rendered = Airbyte(schema);

        Assert.Equal(ViaJsonDocument(schema.Replace("\"x-timezone\": true", "\"airbyte_type\": \"timestamp_with_timezone\"")), rendered);
    }

    [Theory]
    [InlineData("""{ "type": "object" """)]
    [InlineData("""{ "type": "object" } {}""")]
    [InlineData("""{ "type": object }""")]
    public void Text_that_is_not_one_JSON_value_is_refused(string schema) =>
        Assert.ThrowsAny<JsonException>(() => Airbyte(schema));
}
