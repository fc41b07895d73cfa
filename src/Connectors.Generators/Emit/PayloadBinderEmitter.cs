using System;
using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Emit;

/// <summary>
/// Writes the code that binds command payloads: each member is read into a local through the config binder's value
/// reader and the runtime's <c>ConfigReader</c> (so problems carry JSON paths, and all are reported at once), and each
/// payload class, struct or record gets a reader method that builds it. No reflection.
/// </summary>
internal sealed class PayloadBinderEmitter
{
    private const string Reader = "global::Connectors.Runtime.ConfigReader";
    private const string JsonElement = "global::System.Text.Json.JsonElement";

    private readonly GeneratedNames _names;
    private readonly CommandsModel _commands;

    public PayloadBinderEmitter(CommandsModel commands, GeneratedNames names)
    {
        _commands = commands;
        _names = names;
    }

    /// <summary>The local that holds a member's value.</summary>
    public static string Local(string memberName) => Camel(memberName) + "Arg";

    /// <summary>Declares a local per member, holding its default until the payload says otherwise.</summary>
    public static void DeclareLocals(SourceWriter writer, IEnumerable<MemberModel> members)
    {
        foreach (var member in members)
        {
            writer.Line($"{TypeText(member.Type)} {Local(member.Name)} = {(member.Config is { AssignsDefault: true, Default: { } value } ? CSharpLiterals.Constant(member.Type, value) : "default!")};");
        }
    }

    /// <summary>
    /// Reads a member from the object <paramref name="json"/> (at JSON path <paramref name="path"/>) by its JSON name,
    /// the one name the payload schema gives it, and hands the value to <paramref name="assign"/>; a missing required
    /// member is reported. (Its C# name is not read: the runtime refuses it as an unknown field, naming the JSON name.)
    /// </summary>
    public void ReadMember(SourceWriter writer, MemberModel member, string json, string path, Func<string, string> assign)
    {
        var local = Camel(member.Name);
        var name = CSharpLiterals.String(member.JsonName);
        writer.Line($"// {member.JsonName}: {Describe(member)}");
        using (writer.Block($"if ({json}.TryGetProperty({name}, out var {local}Json))"))
        {
            // Any JSON value is accepted, so a JsonElement needs no path for problems.
            if (member.Type.Kind != ShapeKind.Json)
            {
                writer.Line($"var {local}Path = {Reader}.Child({path}, {name});");
            }
            new PayloadValueReader(writer, this).Read(member.Type, local + "Json", local + "Path", assign, null, 0);
        }
        if (member.Config!.Required)
        {
            using (writer.Block("else"))
            {
                writer.Line($"reader.Required({Reader}.Child({path}, {name}));");
            }
        }
    }

    /// <summary>One method per payload class, struct or record: reads it from a JSON object, or returns false.</summary>
    public void EmitObjectReaders(SourceWriter writer)
    {
        foreach (var model in _commands.PayloadObjects)
        {
            writer.Line();
            EmitObjectReader(writer, model);
        }
    }

    private void EmitObjectReader(SourceWriter writer, PayloadObjectModel model)
    {
        var members = model.Object.Members;
        var early = members.Where(m => model.ConstructorMembers.Contains(m.Name) || model.InitializerMembers.Contains(m.Name)).ToList();
        var late = members.Where(m => !early.Contains(m)).ToList();
        writer.Line($"/// <summary>Reads {GeneratedFile.Article(GeneratedFile.SimpleName(model.TypeName))} {GeneratedFile.SimpleName(model.TypeName)} from a payload object; problems go to the reader.</summary>");
        using (writer.Block($"private static bool {_names.PayloadReader(model.TypeName)}({JsonElement} json, string path, {Reader} reader, out {model.TypeName} result)"))
        {
            writer.Line("result = default!;");
            using (writer.Block("if (!reader.ExpectObject(json, path))"))
            {
                writer.Line("return false;");
            }
            writer.Line("var errors = reader.Errors.Count;");
            DeclareLocals(writer, early);
            foreach (var member in early)
            {
                ReadMember(writer, member, "json", "path", value => $"{Local(member.Name)} = {value};");
            }
            // Constructors may validate their arguments: only call one with values that bound.
            using (writer.Block("if (reader.Errors.Count > errors)"))
            {
                writer.Line("return false;");
            }
            var arguments = string.Join(", ", model.ConstructorMembers.Select(Local));
            if (model.InitializerMembers.IsEmpty)
            {
                writer.Line($"result = new {model.TypeName}({arguments});");
            }
            else
            {
                using (writer.Block($"result = new {model.TypeName}({arguments})", "};"))
                {
                    foreach (var name in model.InitializerMembers)
                    {
                        writer.Line($"{GeneratedFile.Escape(name)} = {Local(name)},");
                    }
                }
            }
            foreach (var member in late)
            {
                // Assigned only when present, so an absent member keeps its initializer.
                ReadMember(writer, member, "json", "path", value => $"result.{GeneratedFile.Escape(member.Name)} = {value};");
            }
            writer.Line("return reader.Errors.Count == errors;");
        }
    }

    private static string TypeText(TypeShape shape) => shape.TypeName + (shape.IsNullable ? "?" : "");

    private static string Describe(MemberModel member)
    {
        var text = member.Type.Kind.ToString().ToLowerInvariant() + (member.Type.IsNullable ? " or null" : "");
        return member.Config!.Required ? text + ", required"
            : member.Config.Default is { } value ? text + ", default " + JsonText.Constant(member.Type, value)
            : text + ", optional";
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>The config binder's value reader, building payload objects through their reader methods.</summary>
    private sealed class PayloadValueReader : ValueReader
    {
        private readonly PayloadBinderEmitter _owner;

        public PayloadValueReader(SourceWriter writer, PayloadBinderEmitter owner) : base(writer, secret: false) => _owner = owner;

        protected override void ReadObject(TypeShape shape, string source, string path, Func<string, string> assign, string value)
        {
            using (Writer.Block($"if ({_owner._names.PayloadReader(shape.TypeName)}({source}, {path}, reader, out var {value}))"))
            {
                Writer.Line(assign(value));
            }
        }
    }
}
