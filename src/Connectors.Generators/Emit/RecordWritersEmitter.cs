using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.RecordWriters.g.cs</c>: one method per record type that writes it straight to a
/// <c>Utf8JsonWriter</c> with pre-encoded property names: no reflection, no allocation beyond the author's own data.
/// </summary>
internal static class RecordWritersEmitter
{
    private const string Json = "global::System.Text.Json";
    private static readonly HashSet<string> ObjectMembers = new() { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize" };

    public static string Emit(ConnectorModel connector, GeneratedNames names) =>
        GeneratedFile.Write(connector, "the record serializers", writer =>
        {
            var shapes = ConnectorShapes.Written(connector).ToList();
            var objects = shapes.Where(s => s.Kind == ShapeKind.Object).GroupBy(s => s.TypeName).Select(g => g.First().Object!).ToList();
            var enums = shapes.Where(s => s.Kind == ShapeKind.Enum).GroupBy(s => s.TypeName).Select(g => g.First()).ToList();
            var first = true;
            foreach (var model in objects)
            {
                if (!first)
                {
                    writer.Line();
                }
                first = false;
                EmitObject(writer, names, model);
            }
            foreach (var shape in enums)
            {
                writer.Line();
                EmitEnum(writer, names, shape);
            }
        });

    private static void EmitObject(SourceWriter writer, GeneratedNames names, ObjectModel model)
    {
        var type = names.RecordType(model.TypeName);
        var fields = names.RecordFields(model.TypeName);
        writer.Line($"/// <summary>Writes {GeneratedFile.Article(type)} {type} as a JSON object.</summary>");
        using (writer.Block($"private static void {names.RecordWriter(model.TypeName)}({Json}.Utf8JsonWriter writer, {model.TypeName} value)"))
        {
            writer.Line("writer.WriteStartObject();");
            var context = new WriteContext(writer, names);
            foreach (var member in model.Members)
            {
                context.Property(member.Type, $"{fields}.{FieldName(member)}", "value." + GeneratedFile.Escape(member.Name), Camel(member.Name) + "Value");
            }
            writer.Line("writer.WriteEndObject();");
        }
        writer.Line();
        writer.Line($"/// <summary>The JSON property names of {type}, encoded once.</summary>");
        using (writer.Block($"private static class {fields}"))
        {
            foreach (var member in model.Members)
            {
                writer.Line($"public static readonly {Json}.JsonEncodedText {FieldName(member)} = {Json}.JsonEncodedText.Encode({CSharpLiterals.String(member.JsonName)});");
            }
        }
    }

    private static void EmitEnum(SourceWriter writer, GeneratedNames names, TypeShape shape)
    {
        var name = names.RecordType(shape.TypeName);
        var values = names.EnumValues(shape.TypeName);
        var members = shape.EnumMembers.GroupBy(m => m.Value).Select(g => g.First()).ToList();
        writer.Line($"private static readonly {Json}.JsonEncodedText[] {values} =");
        writer.Line("{");
        foreach (var member in members)
        {
            writer.Line($"    {Json}.JsonEncodedText.Encode({CSharpLiterals.String(member.JsonName)}),");
        }
        writer.Line("};");
        writer.Line();
        writer.Line($"/// <summary>The JSON text of {GeneratedFile.Article(name)} {name} value; a value with no name is written as its number.</summary>");
        writer.Line($"private static {Json}.JsonEncodedText {names.EnumEncoder(shape.TypeName)}({shape.TypeName} value) => value switch");
        writer.Line("{");
        for (var i = 0; i < members.Count; i++)
        {
            writer.Line($"    {shape.TypeName}.{GeneratedFile.Escape(members[i].Name)} => {values}[{i}],");
        }
        writer.Line($"    _ => {Json}.JsonEncodedText.Encode(value.ToString()),");
        writer.Line("};");
    }

    /// <summary>Writes the statements that write one value, as a named property or as an array item (command results too).</summary>
    internal sealed class WriteContext
    {
        private readonly SourceWriter _writer;
        private readonly GeneratedNames _names;

        public WriteContext(SourceWriter writer, GeneratedNames names)
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

    /// <summary>True when some record or command result needs a generated writer method.</summary>
    public static bool HasWriters(ConnectorModel connector) => ConnectorShapes.Written(connector).Any(s => s.Kind is ShapeKind.Object or ShapeKind.Enum);

    private static string FieldName(MemberModel member) => ObjectMembers.Contains(member.Name) ? member.Name + "_" : GeneratedFile.Escape(member.Name);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
