using System.IO;
using System.Linq;
using System.Text;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The SPEC line rendered without System.Text.Json (<see cref="AirbyteSpecLine"/>, what a generated <c>Main</c>'s
/// <c>spec</c> writes) must be byte for byte the line the JSON writer writes for the same spec, or give way to it.
/// </summary>
public sealed class AirbyteSpecLineTests
{
    private const string Url = "https://example.com/docs/source-test";

    /// <summary>What the JSON writer's <c>spec</c> writes (SpecShortcutTests: the full host's bytes).</summary>
    private static string Written(string schema, string? url)
    {
        var descriptor = new ConnectorDescriptor<TestSource>
        {
            Name = "source-test",
            Version = "1.0.0",
            DocumentationUrl = url,
            ConfigSchema = schema,
            Create = () => new TestSource(),
            BindConfig = TestSource.Bind,
        };
        var output = new MemoryStream();
        Assert.Equal(ExitCodes.Success, SpecShortcut.TryWrite(descriptor, output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string? Rendered(string schema, string? url) =>
        AirbyteSpecLine.TryRender(new ConnectorSpec(schema, url)) is { } line ? Encoding.UTF8.GetString(line) : null;

    public static TheoryData<string> Schemas => new()
    {
        TestSource.Schema,
        "{}",
        "true",
        """{"type":"object","properties":{}}""",
        // Secrets, hidden properties and the timezone keyword, at every depth a schema can be at.
        """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["api_key", "credentials"],
          "properties": {
            "api_key": { "type": "string", "title": "API key", "x-secret": true, "order": 0 },
            "internal": { "type": "boolean", "x-hidden": true, "default": false },
            "not_secret": { "type": "string", "x-secret": false },
            "start": { "type": "string", "format": "date-time", "x-timezone": true, "examples": ["2024-01-01T00:00:00Z"] },
            "local": { "type": ["string", "null"], "format": "date-time", "x-timezone": false },
            "opens": { "type": "string", "format": "time", "x-timezone": false },
            "closes": { "type": "string", "format": "time", "x-timezone": true },
            "day": { "type": "string", "format": "date", "x-timezone": true },
            "early": { "type": "string", "x-timezone": true, "format": "date-time" },
            "dropped_first": { "x-timezone": true, "type": "string" },
            "only_dropped": { "x-timezone": false },
            "credentials": {
              "title": "Authentication",
              "type": "object",
              "oneOf": [
                { "title": "OAuth", "type": "object", "required": ["client_secret"],
                  "properties": { "auth_type": { "type": "string", "const": "oauth" }, "client_secret": { "type": "string", "x-secret": true } } },
                { "title": "Token", "type": "object",
                  "properties": { "auth_type": { "type": "string", "const": "token" }, "token": { "type": "string", "x-secret": true, "x-hidden": false } } }
              ]
            },
            "tags": { "type": "array", "items": { "type": "string", "x-secret": true }, "minItems": 0 },
            "pairs": { "type": "array", "items": [ { "type": "integer" }, { "type": "number", "x-hidden": true } ] },
            "extra": { "type": "object", "additionalProperties": { "type": "string", "x-secret": true } },
            "either": { "anyOf": [ { "type": "string" }, { "type": "null" } ], "allOf": [], "not": { "x-secret": true } },
            "numbers": { "type": "number", "minimum": -1.5e-3, "maximum": 1E+21, "multipleOf": 0.25, "default": -0 },
            "choice": { "enum": ["a", 1, true, null, {"x-secret": true}, ["x-hidden"]], "default": {"x-secret": true, "n": [1, {}]} }
          },
          "definitions": { "key": { "type": "string", "x-secret": true } },
          "dependencies": { "api_key": { "properties": { "region": { "x-hidden": true } } } },
          "additionalProperties": true
        }
        """,
        // Names and values that look like keywords are data.
        """{"properties":{"x-secret":{"type":"string"},"x-hidden":{"x-secret":true}},"default":{"x-secret":true},"const":"x-secret"}""",
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Renders_the_bytes_the_JSON_writer_writes(string schema)
    {
        foreach (var url in new[] { Url, null })
        {
            var rendered = Rendered(schema, url);

            Assert.NotNull(rendered);
            Assert.Equal(Written(schema, url), rendered);
        }
    }

    [Fact]
    public void Every_printable_ASCII_character_it_copies_comes_out_as_the_JSON_writer_writes_it()
    {
        var characters = Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c is not ('"' or '\\')).ToArray();
        var text = new string(characters);
        var schema = "{\"type\":\"object\",\"title\":\"" + text + "\",\"properties\":{\"" + text + "\":{\"description\":\""
            + text + "\",\"enum\":[\"" + text + "\"]}}}";
        var url = "https://example.com/" + text;

        var rendered = Rendered(schema, url);

        Assert.NotNull(rendered);
        Assert.Equal(Written(schema, url), rendered);
    }

    [Theory]
    [InlineData("""{"description":"caf\u00e9"}""")] // an escape sequence
    [InlineData("{\"description\":\"café\"}")] // non-ASCII
    [InlineData("{\"description\":\"a\u007fb\"}")] // DEL
    [InlineData("""{"description":"say \"hi\""}""")]
    [InlineData("""{"pattern":"^\\d+$"}""")]
    [InlineData("{\"description\":\"tab\there\"}")] // a raw control character
    public void Text_the_JSON_writer_might_escape_is_left_to_it(string schema)
    {
        Assert.Null(Rendered(schema, Url));
    }

    [Theory]
    [InlineData("https://example.com/caf\u00e9")]
    [InlineData("https://example.com/\"")]
    public void A_documentation_url_the_JSON_writer_might_escape_is_left_to_it(string url)
    {
        Assert.Null(Rendered("{}", url));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"type": "object", "properties": {""")]
    [InlineData("""{"type": "object"} {}""")]
    [InlineData("""{"type": "object",}""")]
    [InlineData("""{"type" "object"}""")]
    [InlineData("""{"a": [1 2]}""")]
    [InlineData("""{"a": tru}""")]
    public void Text_that_is_not_one_JSON_value_is_left_to_the_JSON_writer(string schema)
    {
        Assert.Null(Rendered(schema, Url));
    }

    [Fact]
    public void Nesting_is_followed_as_deep_as_the_JSON_writer_goes()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("""{"not":""", depth)) + "{}" + new string('}', depth);

        Assert.Equal(Written(Nested(30), Url), Rendered(Nested(30), Url));
        // Deeper than the JSON reader goes: neither writes a line, and the full host reports the failure.
        Assert.Null(Rendered(Nested(100), Url));
    }

    [Fact]
    public void A_broken_stdout_exits_141()
    {
        Assert.Equal(ExitCodes.OutputClosed, SpecShortcut.WriteLine("{}\n"u8.ToArray(), new BrokenStream()));
    }

    [Fact]
    public void Writes_the_whole_line()
    {
        var output = new MemoryStream();

        Assert.Equal(ExitCodes.Success, SpecShortcut.WriteLine("{\"type\":\"SPEC\"}\n"u8.ToArray(), output));
        Assert.Equal("{\"type\":\"SPEC\"}\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
