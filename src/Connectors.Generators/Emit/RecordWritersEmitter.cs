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
            var context = new ValueWriter(writer, names);
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

    /// <summary>True when some record or command result needs a generated writer method.</summary>
    public static bool HasWriters(ConnectorModel connector) => ConnectorShapes.Written(connector).Any(s => s.Kind is ShapeKind.Object or ShapeKind.Enum);

    private static string FieldName(MemberModel member) => ObjectMembers.Contains(member.Name) ? member.Name + "_" : GeneratedFile.Escape(member.Name);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
