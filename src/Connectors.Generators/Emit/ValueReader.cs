using System;
using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Writes the statements that read one JSON value of a shape through the runtime's <c>ConfigReader</c> and hand it to
/// <c>assign</c>: the configuration binder and the command payload binder share it, and each says how an object is built.
/// </summary>
internal abstract class ValueReader
{
    private const string Reader = "global::Connectors.Runtime.ConfigReader";

    private readonly SourceWriter _writer;
    private readonly string _secret;

    protected ValueReader(SourceWriter writer, bool secret)
    {
        _writer = writer;
        _secret = secret ? "true" : "false";
    }

    protected SourceWriter Writer => _writer;

    /// <summary>The C# argument that says whether the value is a secret (so problems do not echo it).</summary>
    protected string Secret => _secret;

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

    /// <summary>Reads an object of <paramref name="shape"/> from <paramref name="source"/> into the local <paramref name="value"/>.</summary>
    protected abstract void ReadObject(TypeShape shape, string source, string path, Func<string, string> assign, string value);

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
}
