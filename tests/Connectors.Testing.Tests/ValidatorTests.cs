using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>
/// The validators every other test relies on reject what they must: if they accepted everything, every process test
/// would pass vacuously.
/// </summary>
public class ValidatorTests
{
    [Theory]
    [InlineData("""{"type":"RECORD","record":{"stream":"s","data":{"id":1},"emitted_at":1700000000000}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":{"c":1}},"sourceStats":{"recordCount":2.0}}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"INFO","message":"hello"}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1.7e12,"stream_status":{"stream_descriptor":{"name":"s"},"status":"COMPLETE"}}}""")]
    [InlineData("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"FAILED","message":"no"},"extra":true}""")]
    public void Protocol_schema_accepts_valid_messages(string line)
    {
        Assert.Empty(ProtocolSchema.ValidateMessage(line, out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"RECORD","record":{"stream":"s","data":{"id":1}}} trailing""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"type":"BANANA"}""")]
    [InlineData("""{"record":{"stream":"s","data":{},"emitted_at":1}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"s","data":{},"emitted_at":1.5}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"s","data":[],"emitted_at":1}}""")]
    [InlineData("""{"type":"RECORD","record":{"data":{},"emitted_at":1}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"LOUD","message":"hello"}}""")]
    [InlineData("""{"type":"LOG","log":{"level":"INFO"}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_state":{}}}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"failure_type":"config_error"}}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"s"},"status":"DONE"}}}""")]
    [InlineData("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"MAYBE"}}""")]
    [InlineData("""{"type":"SPEC","spec":{"documentationUrl":"x"}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"PER_STREAM"}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","error":{"message":"x","failure_type":"user_error"},"emitted_at":1}}""")]
    [InlineData("""{"type":"CATALOG","catalog":{"streams":[{"name":"s","json_schema":{},"supported_sync_modes":[]}]}}""")]
    public void Protocol_schema_rejects_invalid_lines(string line)
    {
        Assert.NotEmpty(ProtocolSchema.ValidateMessage(line, out _));
    }

    [Theory]
    [InlineData("""{"id":1,"at":"2024-01-01T00:00:00+00:00","n":1.5}""", true)]
    [InlineData("""{"id":1,"at":"2024-01-01T00:00:00.123456Z","n":2}""", true)]
    [InlineData("""{"id":1,"at":"2024-01-01T00:00:00.1234567Z","n":2}""", false)]
    [InlineData("""{"id":1,"at":null,"n":null}""", true)]
    [InlineData("""{"id":1.0,"at":"2024-01-01T00:00:00Z","n":1}""", false)]
    [InlineData("""{"id":"1","at":"2024-01-01T00:00:00Z","n":1}""", false)]
    [InlineData("""{"id":1,"at":"yesterday","n":1}""", false)]
    [InlineData("""{"id":1,"at":"2024-13-45T00:00:00Z","n":1}""", false)]
    [InlineData("""{"id":1,"at":"2024-01-01","n":1}""", false)]
    [InlineData("""{"id":1,"at":"2024-01-01T00:00:00Z","n":"many"}""", false)]
    public void Record_schemas_check_types_strictly(string data, bool valid)
    {
        var catalog = JsonDocument.Parse("""
            {"streams":[{"name":"s","supported_sync_modes":["full_refresh"],"json_schema":{
              "$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{
                "id":{"type":"integer"},
                "at":{"type":["string","null"],"format":"date-time"},
                "n":{"type":["number","null"]}}}}]}
            """).RootElement;
        var schemas = new RecordSchemas(catalog);

        var problems = schemas.Validate(ProtocolSchema.Parse($$"""{"stream":"s","data":{{data}},"emitted_at":1}"""));

        Assert.True(valid == (problems.Count == 0), string.Join("\n", problems));
    }

    [Fact]
    public void Record_schemas_reject_records_of_streams_that_were_not_discovered()
    {
        var schemas = new RecordSchemas(JsonDocument.Parse("""{"streams":[]}""").RootElement);

        Assert.NotEmpty(schemas.Validate(ProtocolSchema.Parse("""{"stream":"s","data":{},"emitted_at":1}""")));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/definitions/x"}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"anyOf":[{"type":"string"}]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["null","string"]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["string","integer"]}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object"}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","order":1},"b":{"type":"string","order":1}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"string","group":"g"}}}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","enum":["x","x"]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","oneOf":[{"type":"object","properties":{"m":{"const":"x"}}}]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","oneOf":[{"type":"object","properties":{"m":{"const":"x"}}},{"type":"object","properties":{"m":{"const":"x"}}}]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","oneOf":[{"type":"object","properties":{"m":{"const":"x"}}},{"type":"object","properties":{"n":{"const":"y"}}}]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","oneOf":[{"type":"object","properties":{"m":{"const":"x","default":"y"}}}]}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","display_type":"dropdown"}}}""")]
    public void Airbyte_rules_reject_what_the_acceptance_tests_reject(string schema)
    {
        Assert.NotEmpty(SchemaRules.AirbyteProblems(JsonDocument.Parse(schema).RootElement));
    }

    [Fact]
    public void Airbyte_rules_accept_a_schema_the_acceptance_tests_accept()
    {
        var schema = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":true,"required":["a"],
             "properties":{"a":{"type":"string","order":0,"group":"x"},"b":{"type":["integer","null"],"order":0,"group":"y"},
               "c":{"type":"object","properties":{"d":{"type":"string","format":"date-time"}}},
               "e":{"type":"object","display_type":"radio","oneOf":[
                 {"type":"object","properties":{"mode":{"type":"string","const":"a","default":"a"},"x":{"type":"string"}}},
                 {"type":"object","properties":{"mode":{"type":"string","const":"b"}}}]}}}
            """;

        Assert.Empty(SchemaRules.AirbyteProblems(JsonDocument.Parse(schema).RootElement));
        Assert.Empty(SchemaRules.Draft07Problems(JsonDocument.Parse(schema).RootElement));
    }

    [Theory]
    [InlineData("""{"type":"text"}""")]
    [InlineData("""{"type":"object","required":"a"}""")]
    [InlineData("""{"type":"object","properties":{"a":{"minimum":"1"}}}""")]
    [InlineData("""{"type":"string","pattern":"("}""")]
    [InlineData("""{"enum":[]}""")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-04/schema#"}""")]
    public void Draft07_rules_reject_malformed_schemas(string schema)
    {
        Assert.NotEmpty(SchemaRules.Draft07Problems(JsonDocument.Parse(schema).RootElement));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"password":{"type":"string"}}}""")]
    [InlineData("""{"type":"object","properties":{"api_key":{"type":["string","null"]}}}""")]
    [InlineData("""{"type":"object","properties":{"credentials":{"type":"object","oneOf":[{"type":"object","properties":{"client_secret":{"type":"string"}}}]}}}""")]
    [InlineData("""{"type":"object","properties":{"verbose":{"type":"boolean","airbyte_secret":true}}}""")]
    [InlineData("""{"type":"object","properties":{"mode":{"type":"string","const":"x","airbyte_secret":true}}}""")]
    public void Secret_rules_reject_unmarked_credentials_and_marks_on_what_cannot_be_secret(string schema)
    {
        Assert.NotEmpty(SchemaRules.SecretProblems(JsonDocument.Parse(schema).RootElement, []));
    }

    [Fact]
    public void Secret_rules_accept_marked_credentials_and_names_declared_not_secret()
    {
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"password":{"type":"string","airbyte_secret":true},"port":{"type":"integer"},
             "public_token":{"type":"string"}}}
            """).RootElement;

        Assert.Empty(SchemaRules.SecretProblems(schema, ["public_token"]));
        Assert.NotEmpty(SchemaRules.SecretProblems(schema, []));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("a")]
    [InlineData("some longer prefix, then ")]
    public void Secret_forms_find_the_base64_of_a_secret_after_any_prefix(string prefix)
    {
        const string secret = "s3cr3t-value-42";
        var encoded = System.Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + ":" + secret + "@host"));

        Assert.Contains(SecretForms.Of(secret), f => encoded.Contains(f.Text, System.StringComparison.Ordinal));
        Assert.DoesNotContain(SecretForms.Of("another-value-99"), f => encoded.Contains(f.Text, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_forms_include_JSON_escaped_and_URL_encoded_forms()
    {
        var forms = SecretForms.Of("p@ss \"word\"/1").Select(f => f.Text).ToList();

        Assert.Contains("p@ss \\\"word\\\"/1", forms);
        Assert.Contains("p%40ss%20%22word%22%2F1", forms);
        Assert.Contains("p%40ss+%22word%22%2F1", forms);
    }

    [Theory]
    [InlineData("System.Exception: boom\n   at Foo.Bar.Baz(String x)", true)]
    [InlineData("{\"message\":\"boom\\n   at Foo.Bar.Baz()\"}", true)]
    [InlineData("Unhandled exception. System.IO.IOException: Broken pipe", true)]
    [InlineData("The config file 'c.json' is not valid JSON: look at line 3", false)]
    public void Stack_traces_are_recognised_also_when_JSON_escaped(string text, bool expected)
    {
        Assert.Equal(expected, StackTraces.In(text));
    }
}
