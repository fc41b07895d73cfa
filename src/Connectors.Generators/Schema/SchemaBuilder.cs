using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Schema;

/// <summary>
/// Builds draft-07 JSON Schemas from type shapes: the spec's connectionSpecification and the streams' json_schema. The
/// output stays inside what Airbyte's acceptance tests allow: no $ref/allOf/anyOf/not, nullable as [T, "null"],
/// additionalProperties true or absent (a command payload, which is not an Airbyte schema, is closed, and so is every
/// object in it). Facts JSON Schema has no keyword for (a secret, a hidden property, a timestamp
/// with or without a time zone) are written with the SDK's neutral <see cref="SchemaKeywords"/>, which protocol hosts
/// render as their own (Airbyte's <c>airbyte_*</c>).
/// </summary>
internal static class SchemaBuilder
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>The connectionSpecification of a connector.</summary>
    public static JsonObject Spec(ConnectorModel connector)
    {
        var schema = new JsonObject()
            .Add("$schema", Draft07)
            .Add("title", connector.Title)
            .Add("type", "object");
        AddObjectBody(schema, connector.Config, forConfig: true);
        schema.Add("additionalProperties", JsonLiteral.Bool(true));
        var groups = connector.Config.Members.Select(m => m.Config?.Group).Where(g => g is not null).Distinct().ToList();
        if (groups.Count > 0)
        {
            schema.Add("groups", new JsonArray(groups.Select(g => new JsonObject().Add("id", g!).Add("title", g!))));
        }
        return schema;
    }

    /// <summary>The json_schema of a stream's records.</summary>
    public static JsonObject Record(TypeShape record)
    {
        var schema = new JsonObject()
            .Add("$schema", Draft07)
            .Add("type", "object")
            .Add("additionalProperties", JsonLiteral.Bool(true));
        AddObjectBody(schema, record.Object!, forConfig: false);
        return schema;
    }

    /// <summary>
    /// The JSON Schema of a command's payload: an object with one property per payload field, described like
    /// configuration properties (title, description, default, required), so both read the same to a person. It is
    /// closed (<c>"additionalProperties": false</c>), as the runtime refuses a key the command does not declare, unless
    /// the command takes the whole payload as any JSON (<paramref name="open"/>); every class, struct or record in it,
    /// at any depth and in arrays, is closed too (a dictionary or a <c>JsonElement</c> takes any key).
    /// </summary>
    public static JsonObject Payload(ObjectModel payload, bool open = false)
    {
        var schema = new JsonObject()
            .Add("$schema", Draft07)
            .Add("type", "object");
        AddObjectBody(schema, payload, forConfig: true, closed: true);
        schema.Add("additionalProperties", JsonLiteral.Bool(open));
        return schema;
    }

    /// <param name="closed">Nested objects get <c>"additionalProperties": false</c> (a command payload's).</param>
    private static void AddObjectBody(JsonObject schema, ObjectModel model, bool forConfig, bool closed = false)
    {
        if (forConfig)
        {
            var required = model.Members.Where(m => m.Config!.Required).Select(m => JsonLiteral.String(m.JsonName)).ToList();
            if (required.Count > 0)
            {
                schema.Add("required", new JsonArray(required));
            }
        }
        var properties = new JsonObject();
        foreach (var member in model.Members)
        {
            properties.Add(member.JsonName, Member(member, forConfig, closed));
        }
        schema.Add("properties", properties);
    }

    private static JsonObject Member(MemberModel member, bool forConfig, bool closed)
    {
        var schema = Type(member.Type, forConfig, member.Config, closed);
        if (member.Config is not { } config)
        {
            if (member.Description is not null)
            {
                schema.Add("description", member.Description);
            }
            return schema;
        }
        schema.Add("title", config.Title);
        if (member.Description is not null)
        {
            schema.Add("description", member.Description);
        }
        if (config.Default is not null)
        {
            schema.Add("default", new JsonLiteral(JsonText.Constant(member.Type, config.Default)));
        }
        if (!config.Examples.IsEmpty)
        {
            schema.Add("examples", new JsonArray(config.Examples.Select(e => new JsonLiteral(JsonText.Constant(member.Type, e)))));
        }
        if (config.Secret)
        {
            schema.Add(SchemaKeywords.Secret, JsonLiteral.Bool(true));
        }
        if (config.Hidden)
        {
            schema.Add(SchemaKeywords.Hidden, JsonLiteral.Bool(true));
        }
        if (config.Order is { } order)
        {
            schema.Add("order", JsonLiteral.Number(order));
        }
        if (config.Group is not null)
        {
            schema.Add("group", config.Group);
        }
        return schema;
    }

    private static JsonObject Type(TypeShape shape, bool forConfig, ConfigFacets? facets, bool closed)
    {
        var schema = new JsonObject();
        switch (shape.Kind)
        {
            case ShapeKind.String:
                AddType(schema, "string", shape);
                break;
            case ShapeKind.Boolean:
                AddType(schema, "boolean", shape);
                break;
            case ShapeKind.Integer:
                AddType(schema, "integer", shape);
                break;
            case ShapeKind.Number:
                AddType(schema, "number", shape);
                break;
            case ShapeKind.DateTimeOffset:
                AddType(schema, "string", shape);
                schema.Add("format", "date-time").Add(SchemaKeywords.Timezone, JsonLiteral.Bool(true));
                break;
            case ShapeKind.DateTime:
                AddType(schema, "string", shape);
                schema.Add("format", "date-time").Add(SchemaKeywords.Timezone, JsonLiteral.Bool(false));
                break;
            case ShapeKind.DateOnly:
                AddType(schema, "string", shape);
                schema.Add("format", "date");
                break;
            case ShapeKind.TimeOnly:
                AddType(schema, "string", shape);
                schema.Add("format", "time").Add(SchemaKeywords.Timezone, JsonLiteral.Bool(false));
                break;
            case ShapeKind.Guid:
                AddType(schema, "string", shape);
                break;
            case ShapeKind.Uri:
                AddType(schema, "string", shape);
                schema.Add("format", "uri");
                break;
            case ShapeKind.Bytes:
                AddType(schema, "string", shape);
                schema.Add("contentEncoding", "base64");
                break;
            case ShapeKind.Enum:
                AddType(schema, "string", shape);
                var values = shape.EnumMembers.Select(m => (JsonNode)JsonLiteral.String(m.JsonName)).ToList();
                if (shape.IsNullable)
                {
                    values.Add(new JsonLiteral("null"));
                }
                schema.Add("enum", new JsonArray(values));
                break;
            case ShapeKind.Array:
                AddType(schema, "array", shape);
                schema.Add("items", Type(shape.Element!, forConfig, null, closed));
                break;
            case ShapeKind.Dictionary:
                AddType(schema, "object", shape);
                break;
            case ShapeKind.Object:
                AddType(schema, "object", shape);
                AddObjectBody(schema, shape.Object!, forConfig, closed);
                if (closed)
                {
                    schema.Add("additionalProperties", JsonLiteral.Bool(false));
                }
                break;
            case ShapeKind.Json:
                // Any JSON value.
                break;
        }
        if (forConfig)
        {
            AddBounds(schema, shape, facets);
        }
        return schema;
    }

    private static void AddType(JsonObject schema, string type, TypeShape shape) =>
        schema.Add("type", shape.IsNullable
            ? new JsonArray(new JsonNode[] { JsonLiteral.String(type), JsonLiteral.String("null") })
            : JsonLiteral.String(type));

    // Integer types narrower than long get their range in the schema, so the schema accepts exactly what binds.
    private static void AddBounds(JsonObject schema, TypeShape shape, ConfigFacets? facets)
    {
        var range = shape.Kind == ShapeKind.Integer ? IntegerRange(shape.Primitive) : null;
        var minimum = facets?.Minimum ?? range?.Minimum;
        var maximum = facets?.Maximum ?? range?.Maximum;
        if (minimum is not null)
        {
            schema.Add("minimum", new JsonLiteral(minimum));
        }
        if (maximum is not null)
        {
            schema.Add("maximum", new JsonLiteral(maximum));
        }
        if (facets?.Pattern is { } pattern)
        {
            schema.Add("pattern", pattern);
        }
    }

    private static (string Minimum, string? Maximum)? IntegerRange(string primitive) => primitive switch
    {
        "sbyte" => ("-128", "127"),
        "byte" => ("0", "255"),
        "short" => ("-32768", "32767"),
        "ushort" => ("0", "65535"),
        "int" => ("-2147483648", "2147483647"),
        "uint" => ("0", "4294967295"),
        "ulong" => ("0", null),
        _ => null,
    };
}
