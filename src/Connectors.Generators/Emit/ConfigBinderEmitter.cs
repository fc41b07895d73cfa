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

    public static string Emit(ConnectorModel connector, GeneratedNames names) =>
        GeneratedFile.Write(connector, "the configuration binder", writer =>
        {
            var objects = ConnectorShapes.ConfigObjects(connector);
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
            foreach (var model in objects)
            {
                foreach (var member in model.Members.Where(ConnectorShapes.HasPattern))
                {
                    writer.Line();
                    writer.Line($"private static readonly global::System.Text.RegularExpressions.Regex {names.ConfigPattern(model.TypeName, member.Name)} =");
                    writer.Line($"    new({CSharpLiterals.String(member.Config!.Pattern!)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant);");
                }
            }
        });

    private static void EmitObject(SourceWriter writer, GeneratedNames names, ObjectModel model)
    {
        var type = GeneratedFile.SimpleName(model.TypeName);
        var propertyNames = names.ConfigPropertyNames(model.TypeName);
        var jsonNames = string.Join(", ", model.Members.Select(m => CSharpLiterals.String(m.JsonName)));
        writer.Line($"/// <summary>The JSON names of {GeneratedFile.Article(type)} {type}'s properties: any other key is unknown.</summary>");
        var value = jsonNames.Length == 0 ? "global::System.Array.Empty<string>()" : $"new string[] {{ {jsonNames} }}";
        writer.Line($"private static readonly string[] {propertyNames} = {value};");
        writer.Line();
        writer.Line($"/// <summary>Binds a JSON object into {GeneratedFile.Article(type)} {type}; problems go to the reader.</summary>");
        using (writer.Block($"private static void {names.ConfigBinder(model.TypeName)}({model.TypeName} target, global::System.Text.Json.JsonElement json, string path, {Reader} reader)"))
        {
            writer.Line($"reader.CheckProperties(json, path, {propertyNames});");
            foreach (var member in model.Members)
            {
                writer.Line();
                EmitMember(writer, names, model, member);
            }
        }
    }

    private static void EmitMember(SourceWriter writer, GeneratedNames names, ObjectModel model, MemberModel member)
    {
        var config = member.Config!;
        var local = Camel(member.Name);
        var path = $"{Reader}.Child(path, {CSharpLiterals.String(member.JsonName)})";
        writer.Line($"// {member.JsonName}: {Describe(member)}");
        using (writer.Block($"if (json.TryGetProperty({CSharpLiterals.String(member.JsonName)}, out var {local}Json))"))
        {
            writer.Line($"var {local}Path = {path};");
            var reader = new ConfigValueReader(writer, names, config.Secret);
            reader.Read(member.Type, $"{local}Json", $"{local}Path", value => $"target.{GeneratedFile.Escape(member.Name)} = {value};",
                Constraints(names, model, member, $"{local}Path"), 0);
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
    private static Func<string, string> Constraints(GeneratedNames names, ObjectModel model, MemberModel member, string path)
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
                checks += $" && reader.CheckPattern({value}, {names.ConfigPattern(model.TypeName, member.Name)}, {path}, {secret})";
            }
            return checks;
        };
    }

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

    /// <summary>Reads a nested configuration object: creates it, then binds it property by property.</summary>
    private sealed class ConfigValueReader : ValueReader
    {
        private readonly GeneratedNames _names;

        public ConfigValueReader(SourceWriter writer, GeneratedNames names, bool secret) : base(writer, secret) => _names = names;

        protected override void ReadObject(TypeShape shape, string source, string path, Func<string, string> assign, string value)
        {
            using (Writer.Block($"if (reader.ExpectObject({source}, {path}, {Secret}))"))
            {
                Writer.Line($"var {value} = {ObjectCreation.New(shape.Object!)};");
                Writer.Line($"{_names.ConfigBinder(shape.TypeName)}({value}, {source}, {path}, reader);");
                Writer.Line(assign(value));
            }
        }
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
