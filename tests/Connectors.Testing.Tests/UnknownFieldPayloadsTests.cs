using System.Linq;
using System.Text.Json;
using Connectors.Testing.Commands;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>The payloads the unknown-field rule sends: one at the top level, and one inside each closed nested object.</summary>
public class UnknownFieldPayloadsTests
{
    [Fact]
    public void Each_closed_object_at_any_depth_gets_a_payload_with_the_unknown_field_inside_it()
    {
        using var schema = JsonDocument.Parse("""
            {"type": "object", "additionalProperties": false, "properties": {
              "text": {"type": "string"},
              "target": {"type": "object", "additionalProperties": false, "properties": {
                "folder": {"type": "string"},
                "owner": {"type": ["object", "null"], "additionalProperties": false, "properties": {"name": {"type": "string"}}}}},
              "targets": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {"path": {"type": "string"}}}},
              "options": {"type": "object", "properties": {"any": {"type": "string"}}},
              "raw": {"type": "object"}}}
            """);

        var payloads = UnknownFieldPayloads.Of(schema.RootElement, "x").ToList();

        Assert.Equal(["x", "target.x", "target.owner.x", "targets[].x"], payloads.Select(p => p.Path));
        Assert.Equal(
            ["""{"x":true}""", """{"target":{"x":true}}""", """{"target":{"owner":{"x":true}}}""", """{"targets":[{"x":true}]}"""],
            payloads.Select(p => p.Payload.ToJsonString()));
    }
}
