using System;
using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.ConfigBinder.g.cs</c>: one method per configuration object that reads a JSON object into its
/// properties through the runtime's <c>ConfigReader</c>, reporting every problem with its JSON path, and the JSON names
/// of each object's properties, so the reader can report a key that names none of them. No reflection.
/// </summary>
internal static class ConfigBinderEmitter
{
    private const string Reader = "global::Connectors.Runtime.ConfigReader";

    public static string MethodName(ObjectModel model) => "Bind" + SimpleName(model.TypeName);

    /// <summary>
    /// Creates a configuration object. C# <c>required</c> members must be set where the object is created, so they get
    /// placeholders here; binding then assigns them or reports them missing, so a placeholder never reaches the author.
    /// </summary>
    public static string NewObject(ObjectModel model)
    {
        var required = model.Members.Where(m => m.Config?.IsRequiredMember == true).Select(m => GeneratedFile.Escape(m.Name) + " = default!").ToList();
        return required.Count == 0 ? $"new {model.TypeName}()" : $"new {model.TypeName}() {{ {string.Join(", ", required)} }}";
    }

    public static string Emit(ConnectorModel connector) =>
        GeneratedFile.Write(connector, "the configuration binder", writer =>
        {
            var objects = new List<ObjectModel>();
            Collect(connector.Config, objects);
            var first = true;
            foreach (var model in objects)
            {
                if (!first)
                {
                    writer.Line();
                }
                first = false;
                EmitObject(writer, model);
            }
            foreach (var pattern in Patterns(objects))
            {
                writer.Line();
                writer.Line($"private static readonly global::System.Text.RegularExpressions.Regex {pattern.Field} =");
                writer.Line($"    new({CSharpLiterals.String(pattern.Pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant);");
            }
        });

    private static void EmitObject(SourceWriter writer, ObjectModel model)
    {
        var names = string.Join(", ", model.Members.Select(m => CSharpLiterals.String(m.JsonName)));
        writer.Line($"/// <summary>The JSON names of {GeneratedFile.Article(SimpleName(model.TypeName))} {SimpleName(model.TypeName)}'s properties: any other key is unknown.</summary>");
        var value = names.Length == 0 ? "global::System.Array.Empty<string>()" : $"new string[] {{ {names} }}";
        writer.Line($"private static readonly string[] {PropertyNamesField(model)} = {value};");
        writer.Line();
        writer.Line($"/// <summary>Binds a JSON object into {GeneratedFile.Article(SimpleName(model.TypeName))} {SimpleName(model.TypeName)}; problems go to the reader.</summary>");
        using (writer.Block($"private static void {MethodName(model)}({model.TypeName} target, global::System.Text.Json.JsonElement json, string path, {Reader} reader)"))
        {
            writer.Line($"reader.CheckProperties(json, path, {PropertyNamesField(model)});");
            foreach (var member in model.Members)
            {
                writer.Line();
                EmitMember(writer, model, member);
            }
        }
    }

    private static void EmitMember(SourceWriter writer, ObjectModel model, MemberModel member)
    {
        var config = member.Config!;
        var local = Camel(member.Name);
        var path = $"{Reader}.Child(path, {CSharpLiterals.String(member.JsonName)})";
        writer.Line($"// {member.JsonName}: {Describe(member)}");
        using (writer.Block($"if (json.TryGetProperty({CSharpLiterals.String(member.JsonName)}, out var {local}Json))"))
        {
            writer.Line($"var {local}Path = {path};");
            var context = new ReadContext(writer, config.Secret ? "true" : "false");
            context.Read(member.Type, $"{local}Json", $"{local}Path", value => $"target.{GeneratedFile.Escape(member.Name)} = {value};",
                Constraints(model, member, $"{local}Path"), 0);
        }
        if (config.Required)
        {
            using (writer.Block("else"))
            {
                writer.Line($"reader.Required({path});");
            }
        }
        else if (config is { AssignsDefault: true, Default: { } value })
        {
            using (writer.Block("else"))
            {
                writer.Line($"target.{GeneratedFile.Escape(member.Name)} = {CSharpLiterals.Constant(member.Type, value)};");
            }
        }
    }

    /// <summary>Extra checks on a scalar after it reads: the member's minimum, maximum and pattern.</summary>
    private static Func<string, string> Constraints(ObjectModel model, MemberModel member, string path)
    {
        var config = member.Config!;
        var secret = config.Secret ? "true" : "false";
        return value =>
        {
            var checks = "";
            if (member.Type.Kind is ShapeKind.Integer or ShapeKind.Number)
            {
                if (config.Minimum is not null)
                {
                    checks += $" && reader.CheckMinimum((double){value}, {config.Minimum}, {path}, {secret})";
                }
                if (config.Maximum is not null)
                {
                    checks += $" && reader.CheckMaximum((double){value}, {config.Maximum}, {path}, {secret})";
                }
            }
            if (member.Type.Kind == ShapeKind.String && config.Pattern is not null)
            {
                checks += $" && reader.CheckPattern({value}, {PatternField(model, member)}, {path}, {secret})";
            }
            return checks;
        };
    }

    /// <summary>
    /// Writes the statements that read one JSON value of a shape and hand it to <c>assign</c>. Command payloads reuse it
    /// and override how an object is built.
    /// </summary>
    internal class ReadContext
    {
        private readonly SourceWriter _writer;
        private readonly string _secret;

        public ReadContext(SourceWriter writer, string secret)
        {
            _writer = writer;
            _secret = secret;
        }

        protected SourceWriter Writer => _writer;

        public void Read(TypeShape shape, string source, string path, Func<string, string> assign, Func<string, string>? constraints, int depth)
        {
            if (shape.IsNullable)
            {
                using (_writer.Block($"if ({Reader}.IsNull({source}))"))
                {
                    _writer.Line(assign("null"));
                }
                using (_writer.Block("else"))
                {
                    ReadValue(shape, source, path, assign, constraints, depth);
                }
                return;
            }
            ReadValue(shape, source, path, assign, constraints, depth);
        }

        private void ReadValue(TypeShape shape, string source, string path, Func<string, string> assign, Func<string, string>? constraints, int depth)
        {
            var value = depth == 0 ? "value" : "value" + depth;
            switch (shape.Kind)
            {
                case ShapeKind.Enum:
                    using (_writer.Block($"if (reader.ReadString({source}, {path}, {_secret}, out var {value}))"))
                    using (_writer.Block($"switch ({value})"))
                    {
                        foreach (var member in shape.EnumMembers.GroupBy(m => m.JsonName).Select(g => g.First()))
                        {
                            _writer.Line($"case {CSharpLiterals.String(member.JsonName)}:");
                            _writer.Line($"    {assign(shape.TypeName + "." + GeneratedFile.Escape(member.Name))}");
                            _writer.Line("    break;");
                        }
                        _writer.Line("default:");
                        var allowed = string.Join(", ", shape.EnumMembers.Select(m => CSharpLiterals.String(m.JsonName)).Distinct());
                        _writer.Line($"    reader.NotOneOf({source}, {path}, {_secret}{(allowed.Length > 0 ? ", " + allowed : "")});");
                        _writer.Line("    break;");
                    }
                    break;
                case ShapeKind.Array:
                    ReadArray(shape, source, path, assign, depth);
                    break;
                case ShapeKind.Object:
                    ReadObject(shape, source, path, assign, value);
                    break;
                case ShapeKind.Json:
                    // Any JSON value; cloned so it outlives the document it came from.
                    _writer.Line(assign(source + ".Clone()"));
                    break;
                default:
                    var checks = constraints?.Invoke(value) ?? "";
                    using (_writer.Block($"if (reader.{ReadMethod(shape)}({source}, {path}, {_secret}, out var {value}){checks})"))
                    {
                        _writer.Line(assign(value));
                    }
                    break;
            }
        }

        /// <summary>Reads an object: a configuration object is created, then bound property by property.</summary>
        protected virtual void ReadObject(TypeShape shape, string source, string path, Func<string, string> assign, string value)
        {
            using (_writer.Block($"if (reader.ExpectObject({source}, {path}, {_secret}))"))
            {
                _writer.Line($"var {value} = {NewObject(shape.Object!)};");
                _writer.Line($"{MethodName(shape.Object!)}({value}, {source}, {path}, reader);");
                _writer.Line(assign(value));
            }
        }

        private void ReadArray(TypeShape shape, string source, string path, Func<string, string> assign, int depth)
        {
            var element = shape.Element!;
            var elementType = element.TypeName + (element.IsNullable ? "?" : "");
            var list = "list" + depth;
            var index = "index" + depth;
            var item = "item" + depth;
            var itemPath = "itemPath" + depth;
            using (_writer.Block($"if (reader.ExpectArray({source}, {path}, {_secret}))"))
            {
                _writer.Line($"var {list} = new global::System.Collections.Generic.List<{elementType}>();");
                _writer.Line($"var {index} = 0;");
                using (_writer.Block($"foreach (var {item} in {source}.EnumerateArray())"))
                {
                    _writer.Line($"var {itemPath} = {Reader}.Item({path}, {index}++);");
                    Read(element, item, itemPath, value => $"{list}.Add({value});", null, depth + 1);
                }
                _writer.Line(assign(shape.Collection == CollectionKind.Array ? list + ".ToArray()" : list));
            }
        }
    }

    private static string ReadMethod(TypeShape shape) => shape.Kind switch
    {
        ShapeKind.String => "ReadString",
        ShapeKind.Boolean => "ReadBoolean",
        ShapeKind.DateTimeOffset => "ReadDateTimeOffset",
        ShapeKind.DateTime => "ReadDateTime",
        ShapeKind.DateOnly => "ReadDateOnly",
        ShapeKind.Uri => "ReadUri",
        _ => shape.Primitive switch
        {
            "sbyte" => "ReadSByte",
            "byte" => "ReadByte",
            "short" => "ReadInt16",
            "ushort" => "ReadUInt16",
            "int" => "ReadInt32",
            "uint" => "ReadUInt32",
            "long" => "ReadInt64",
            "ulong" => "ReadUInt64",
            "float" => "ReadSingle",
            "decimal" => "ReadDecimal",
            _ => "ReadDouble",
        },
    };

    private static string Describe(MemberModel member)
    {
        var config = member.Config!;
        var parts = new List<string> { member.Type.Kind.ToString().ToLowerInvariant() + (member.Type.IsNullable ? " or null" : "") };
        if (config.Required)
        {
            parts.Add("required");
        }
        if (config.Default is not null)
        {
            parts.Add("default " + JsonText.Constant(member.Type, config.Default));
        }
        if (config.Secret)
        {
            parts.Add("secret");
        }
        return string.Join(", ", parts);
    }

    private static void Collect(ObjectModel model, List<ObjectModel> objects)
    {
        if (objects.Any(o => o.TypeName == model.TypeName))
        {
            return;
        }
        objects.Add(model);
        foreach (var member in model.Members)
        {
            for (var shape = member.Type; shape is not null; shape = shape.Element)
            {
                if (shape.Object is { } nested)
                {
                    Collect(nested, objects);
                }
            }
        }
    }

    private static IEnumerable<(string Field, string Pattern)> Patterns(List<ObjectModel> objects) =>
        objects.SelectMany(o => o.Members
            .Where(m => m.Type.Kind == ShapeKind.String && m.Config?.Pattern is not null)
            .Select(m => (PatternField(o, m), m.Config!.Pattern!)));

    private static string PatternField(ObjectModel model, MemberModel member) => SimpleName(model.TypeName) + member.Name + "Pattern";

    private static string PropertyNamesField(ObjectModel model) => SimpleName(model.TypeName) + "PropertyNames";

    internal static string SimpleName(string typeName)
    {
        var name = typeName;
        var generic = name.IndexOf('<');
        if (generic >= 0)
        {
            name = name.Substring(0, generic);
        }
        var dot = name.LastIndexOf('.');
        return GeneratedFile.Identifier(dot >= 0 ? name.Substring(dot + 1) : name.Replace("global::", ""));
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
