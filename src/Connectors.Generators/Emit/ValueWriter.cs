using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Writes the statements that write one value of a shape to a <c>Utf8JsonWriter</c> named <c>writer</c>, as a named
/// property or as an array item: the record writers and the command result writers share it (the writing twin of
/// <see cref="ValueReader"/>).
/// </summary>
internal sealed class ValueWriter
{
    private readonly SourceWriter _writer;
    private readonly GeneratedNames _names;

    public ValueWriter(SourceWriter writer, GeneratedNames names)
    {
        _writer = writer;
        _names = names;
    }

    /// <summary>A property: <paramref name="name"/> is the pre-encoded name, <paramref name="local"/> a free local name.</summary>
    public void Property(TypeShape shape, string name, string value, string local)
    {
        // WriteString(name, null) already writes null, so nullable strings need no branch.
        if (shape.IsNullable && shape.Kind != ShapeKind.String && shape.Kind != ShapeKind.Json)
        {
            using (_writer.Block($"if ({value} is {{ }} {local})"))
            {
                PropertyValue(shape, name, local, 0);
            }
            using (_writer.Block("else"))
            {
                _writer.Line($"writer.WriteNull({name});");
            }
            return;
        }
        PropertyValue(shape, name, value, 0);
    }

    private void PropertyValue(TypeShape shape, string name, string value, int depth)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.Guid:
                _writer.Line($"writer.WriteString({name}, {value});");
                break;
            case ShapeKind.DateTimeOffset:
            case ShapeKind.DateTime:
                _writer.Line($"writer.WriteString({name}, global::Connectors.Runtime.JsonValues.Timestamp({value}));");
                break;
            case ShapeKind.Uri:
                _writer.Line($"writer.WriteString({name}, {value}.OriginalString);");
                break;
            case ShapeKind.Boolean:
                _writer.Line($"writer.WriteBoolean({name}, {value});");
                break;
            case ShapeKind.Integer:
            case ShapeKind.Number:
                _writer.Line($"writer.WriteNumber({name}, {value});");
                break;
            case ShapeKind.Bytes:
                _writer.Line($"writer.WriteBase64String({name}, {value});");
                break;
            case ShapeKind.Enum:
                _writer.Line($"writer.WriteString({name}, {_names.EnumEncoder(shape.TypeName)}({value}));");
                break;
            case ShapeKind.Array:
                _writer.Line($"writer.WriteStartArray({name});");
                Items(shape, value, depth);
                _writer.Line("writer.WriteEndArray();");
                break;
            case ShapeKind.Dictionary:
                _writer.Line($"writer.WriteStartObject({name});");
                Entries(shape, value, depth);
                _writer.Line("writer.WriteEndObject();");
                break;
            default:
                _writer.Line($"writer.WritePropertyName({name});");
                Value(shape.NonNullable(), value, depth);
                break;
        }
    }

    /// <summary>A value with no name (array item, dictionary value, or after WritePropertyName).</summary>
    public void Value(TypeShape shape, string value, int depth)
    {
        if (shape.IsNullable && shape.Kind != ShapeKind.String && shape.Kind != ShapeKind.Json)
        {
            var local = "value" + (depth + 1);
            using (_writer.Block($"if ({value} is {{ }} {local})"))
            {
                Value(shape.NonNullable(), local, depth + 1);
            }
            using (_writer.Block("else"))
            {
                _writer.Line("writer.WriteNullValue();");
            }
            return;
        }
        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.Guid:
                _writer.Line($"writer.WriteStringValue({value});");
                break;
            case ShapeKind.DateTimeOffset:
            case ShapeKind.DateTime:
                _writer.Line($"writer.WriteStringValue(global::Connectors.Runtime.JsonValues.Timestamp({value}));");
                break;
            case ShapeKind.Uri:
                _writer.Line($"writer.WriteStringValue({value}.OriginalString);");
                break;
            case ShapeKind.Boolean:
                _writer.Line($"writer.WriteBooleanValue({value});");
                break;
            case ShapeKind.Integer:
            case ShapeKind.Number:
                _writer.Line($"writer.WriteNumberValue({value});");
                break;
            case ShapeKind.Bytes:
                _writer.Line($"writer.WriteBase64StringValue({value});");
                break;
            case ShapeKind.Enum:
                _writer.Line($"writer.WriteStringValue({_names.EnumEncoder(shape.TypeName)}({value}));");
                break;
            case ShapeKind.DateOnly:
            case ShapeKind.TimeOnly:
            case ShapeKind.Json:
                _writer.Line($"global::Connectors.Runtime.JsonValues.Write(writer, {value});");
                break;
            case ShapeKind.Array:
                _writer.Line("writer.WriteStartArray();");
                Items(shape, value, depth);
                _writer.Line("writer.WriteEndArray();");
                break;
            case ShapeKind.Dictionary:
                _writer.Line("writer.WriteStartObject();");
                Entries(shape, value, depth);
                _writer.Line("writer.WriteEndObject();");
                break;
            case ShapeKind.Object:
                _writer.Line($"{_names.RecordWriter(shape.TypeName)}(writer, {value});");
                break;
        }
    }

    // Arrays and List<T> use their own (struct) enumerators; list interfaces are indexed, so no enumerator is allocated.
    private void Items(TypeShape shape, string value, int depth)
    {
        var item = "item" + depth;
        var isListInterface = shape.Collection == CollectionKind.List && !shape.TypeName.StartsWith("global::System.Collections.Generic.List<", System.StringComparison.Ordinal);
        if (isListInterface)
        {
            var index = "i" + depth;
            using (_writer.Block($"for (var {index} = 0; {index} < {value}.Count; {index}++)"))
            {
                Value(shape.Element!, $"{value}[{index}]", depth + 1);
            }
            return;
        }
        using (_writer.Block($"foreach (var {item} in {value})"))
        {
            Value(shape.Element!, item, depth + 1);
        }
    }

    private void Entries(TypeShape shape, string value, int depth)
    {
        var entry = "entry" + depth;
        using (_writer.Block($"foreach (var {entry} in {value})"))
        {
            _writer.Line($"writer.WritePropertyName({entry}.Key);");
            Value(shape.Element!, $"{entry}.Value", depth + 1);
        }
    }
}
