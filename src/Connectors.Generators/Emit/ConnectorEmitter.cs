using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.Connector.g.cs</c>: the <c>IConnector&lt;T&gt;</c> implementation and the connector's description
/// (identity, spec, config binder, check and streams) that every protocol host reads.
/// </summary>
internal static class ConnectorEmitter
{
    public static string Emit(ConnectorModel connector, GeneratedNames names)
    {
        var self = connector.Type.FullName;
        var descriptorType = $"global::Connectors.Runtime.ConnectorDescriptor<{self}>";
        return GeneratedFile.WriteInConnector(connector, "the connector's description", $" : global::Connectors.Runtime.IConnector<{self}>", writer =>
        {
            writer.Line("/// <summary>The connector's description, read by the protocol hosts.</summary>");
            writer.Line($"static {descriptorType} global::Connectors.Runtime.IConnector<{self}>.Descriptor => {GeneratedFile.GeneratedClass}.{GeneratedNames.Descriptor};");
            writer.Line();
            if (!connector.IsDestination)
            {
                // A destination's spec also lists its sync modes, which only its description carries.
                writer.Line("/// <summary>The spec as known at build time: <c>spec</c> is answered from it without building the description.</summary>");
                var url = connector.DocumentationUrl is null ? "null" : CSharpLiterals.String(connector.DocumentationUrl);
                writer.Line($"static global::Connectors.Runtime.ConnectorSpec? global::Connectors.Runtime.IConnector<{self}>.Spec => new({GeneratedFile.GeneratedClass}.{GeneratedNames.ConfigSchema}, {url});");
                writer.Line();
            }
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block($"private static partial class {GeneratedFile.GeneratedClass}"))
            {
                writer.Line("/// <summary>The description: identity, spec, config binder, check and streams.</summary>");
                using (writer.Block($"public static readonly {descriptorType} {GeneratedNames.Descriptor} = new()", "};"))
                {
                    writer.Line($"Name = {CSharpLiterals.String(connector.Name)},");
                    writer.Line($"Version = {CSharpLiterals.String(connector.Version)},");
                    if (connector.DocumentationUrl is not null)
                    {
                        writer.Line($"DocumentationUrl = {CSharpLiterals.String(connector.DocumentationUrl)},");
                    }
                    writer.Line($"Kind = global::Connectors.ConnectorKind.{(connector.IsDestination ? "Destination" : "Source")},");
                    writer.Line($"ConfigSchema = {GeneratedNames.ConfigSchema},");
                    writer.Line($"Create = static () => {ObjectCreation.New(connector.Config)},");
                    writer.Line($"BindConfig = static (connector, reader) => {names.ConfigBinder(connector.Config.TypeName)}(connector, reader.Root, \"$\", reader),");
                    if (connector.StrictConfig)
                    {
                        writer.Line("StrictConfig = true,");
                    }
                    if (connector.Check is { } check)
                    {
                        writer.Line($"Check = static (connector, request) => {CheckCall(connector, check)},");
                    }
                    if (connector.Commands is not null)
                    {
                        writer.Line($"Commands = {GeneratedNames.CommandsFactory}(),");
                    }
                    if (!connector.Streams.IsEmpty)
                    {
                        using (writer.Block($"Streams = new global::Connectors.Runtime.SourceStream<{self}>[]", "},"))
                        {
                            for (var i = 0; i < connector.Streams.Count; i++)
                            {
                                writer.Line(names.StreamFactory(i) + "(),");
                            }
                        }
                    }
                    if (connector.HasDynamicStreams)
                    {
                        writer.Line($"DynamicStreams = {GeneratedNames.DynamicStreamsFactory}(),");
                    }
                    if (connector.Destination is not null)
                    {
                        writer.Line($"Destination = {GeneratedNames.DestinationFactory}(),");
                    }
                }
            }
        });
    }

    private static string CheckCall(ConnectorModel connector, CheckModel check)
    {
        var arguments = string.Join(", ", check.Parameters.Select(ServiceArguments.Of));
        var target = check.IsStatic ? connector.Type.FullName : "connector";
        var call = $"{target}.{GeneratedFile.Escape(check.MethodName)}({arguments})";
        return check.Return == ReturnKind.ValueTask
            ? call
            : $"new global::System.Threading.Tasks.ValueTask<global::Connectors.CheckResult>({call})";
    }
}
