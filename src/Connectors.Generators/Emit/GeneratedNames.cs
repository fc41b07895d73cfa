using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Every member name the generator gives a connector's <c>ConnectorsGenerated</c> class, whichever file declares it,
/// allocated in one scope so no two clash (a clash gets a number: <c>Server2PropertyNames</c>). Built once per
/// connector from its model, in a fixed order, so each emitter that builds it gets the same names; an emitter never
/// makes up a member name of its own, and never asks another emitter for one.
/// </summary>
internal sealed class GeneratedNames
{
    /// <summary>The connector's description (<c>.Connector.g.cs</c>).</summary>
    public const string Descriptor = "Descriptor";

    /// <summary>The spec's JSON Schema (<c>.Spec.g.cs</c>).</summary>
    public const string ConfigSchema = "ConfigSchema";

    /// <summary>The commands description (<c>.Commands.g.cs</c>).</summary>
    public const string CommandsFactory = "CreateCommands";

    /// <summary>The destination's handlers (<c>.Destination.g.cs</c>).</summary>
    public const string DestinationFactory = "CreateDestination";

    /// <summary>The <c>[DiscoverStreams]</c> families (<c>.DynamicStreams.g.cs</c>).</summary>
    public const string DynamicStreamsFactory = "CreateDynamicStreams";

    private readonly UniqueNames _names = new(new[] { Descriptor, ConfigSchema, CommandsFactory, DestinationFactory, DynamicStreamsFactory });
    private readonly List<string> _streams = new();
    private readonly List<string> _commands = new();
    private readonly Dictionary<string, string> _writers = new();
    private readonly Dictionary<string, string> _binders = new();
    private readonly Dictionary<(string Type, string Member), string> _patterns = new();
    private readonly Dictionary<string, string> _payloadReaders = new();

    private GeneratedNames(ConnectorModel connector)
    {
        // Streams first, then what they use, so adding a command or config class never renames a stream's members.
        foreach (var stream in connector.Streams)
        {
            _streams.Add(_names.TakeStem(GeneratedFile.Identifier(stream.Name), "Create{0}Stream", "{0}Schema"));
        }
        foreach (var shape in ConnectorShapes.Written(connector))
        {
            if (shape.Kind is ShapeKind.Object or ShapeKind.Enum && !_writers.ContainsKey(shape.TypeName))
            {
                _writers[shape.TypeName] = _names.TakeStem(GeneratedFile.SimpleName(shape.TypeName), "Write{0}", "{0}Fields", "{0}Values", "Encode{0}");
            }
        }
        var configObjects = ConnectorShapes.ConfigObjects(connector);
        foreach (var model in configObjects)
        {
            _binders[model.TypeName] = _names.TakeStem(GeneratedFile.SimpleName(model.TypeName), "Bind{0}", "{0}PropertyNames");
        }
        foreach (var model in configObjects)
        {
            foreach (var member in model.Members.Where(ConnectorShapes.HasPattern))
            {
                _patterns[(model.TypeName, member.Name)] = _names.Take(_binders[model.TypeName] + member.Name + "Pattern");
            }
        }
        var commands = connector.Commands;
        foreach (var command in commands?.Commands ?? EquatableArray<CommandModel>.Empty)
        {
            _commands.Add(_names.TakeStem(GeneratedFile.Identifier(command.MethodName), "Run{0}", "Render{0}Result", "{0}PayloadSchema"));
        }
        foreach (var model in commands?.PayloadObjects ?? EquatableArray<PayloadObjectModel>.Empty)
        {
            _payloadReaders[model.TypeName] = _names.Take("ReadPayload" + GeneratedFile.SimpleName(model.TypeName));
        }
    }

    public static GeneratedNames For(ConnectorModel connector) => new(connector);

    /// <summary>The method that creates the stream at <paramref name="index"/> (declaration order).</summary>
    public string StreamFactory(int index) => "Create" + _streams[index] + "Stream";

    /// <summary>The constant holding the record schema of the stream at <paramref name="index"/>.</summary>
    public string StreamSchema(int index) => _streams[index] + "Schema";

    /// <summary>The method that runs the command at <paramref name="index"/> (declaration order).</summary>
    public string CommandRunner(int index) => "Run" + _commands[index];

    /// <summary>The method that writes the result of the command at <paramref name="index"/>.</summary>
    public string CommandResultWriter(int index) => "Render" + _commands[index] + "Result";

    /// <summary>The constant holding the payload schema of the command at <paramref name="index"/>.</summary>
    public string CommandPayloadSchema(int index) => _commands[index] + "PayloadSchema";

    /// <summary>The stem of a record (or result) type's writer members, also how doc comments call the type.</summary>
    public string RecordType(string typeName) => _writers[typeName];

    public string RecordWriter(string typeName) => "Write" + _writers[typeName];

    /// <summary>The nested class of a record type's pre-encoded property names.</summary>
    public string RecordFields(string typeName) => _writers[typeName] + "Fields";

    public string EnumValues(string typeName) => _writers[typeName] + "Values";

    public string EnumEncoder(string typeName) => "Encode" + _writers[typeName];

    /// <summary>The method that binds a configuration object.</summary>
    public string ConfigBinder(string typeName) => "Bind" + _binders[typeName];

    /// <summary>The array of a configuration object's JSON property names.</summary>
    public string ConfigPropertyNames(string typeName) => _binders[typeName] + "PropertyNames";

    /// <summary>The regular expression a configuration member's <c>Pattern</c> compiles to.</summary>
    public string ConfigPattern(string typeName, string member) => _patterns[(typeName, member)];

    /// <summary>The method that reads a payload class, struct or record.</summary>
    public string PayloadReader(string typeName) => _payloadReaders[typeName];
}
