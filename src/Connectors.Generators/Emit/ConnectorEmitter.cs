using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.Connector.g.cs</c>: the <c>IConnector&lt;T&gt;</c> implementation and the connector's description
/// (identity, spec, config binder, check and streams) that every protocol host reads.
/// </summary>
internal static class ConnectorEmitter
{
    public static string Emit(ConnectorModel connector)
    {
        var self = connector.Type.FullName;
        var descriptorType = $"global::Connectors.Runtime.ConnectorDescriptor<{self}>";
        return GeneratedFile.WriteInConnector(connector, "the connector's description", $" : global::Connectors.Runtime.IConnector<{self}>", writer =>
        {
            writer.Line("/// <summary>The connector's description, read by the protocol hosts.</summary>");
            writer.Line($"static {descriptorType} global::Connectors.Runtime.IConnector<{self}>.Descriptor => {GeneratedFile.GeneratedClass}.Descriptor;");
            writer.Line();
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block($"private static partial class {GeneratedFile.GeneratedClass}"))
            {
                writer.Line("/// <summary>The description: identity, spec, config binder, check and streams.</summary>");
                using (writer.Block($"public static readonly {descriptorType} Descriptor = new()", "};"))
                {
                    writer.Line($"Name = {CSharpLiterals.String(connector.Name)},");
                    writer.Line($"Version = {CSharpLiterals.String(connector.Version)},");
                    if (connector.DocumentationUrl is not null)
                    {
                        writer.Line($"DocumentationUrl = {CSharpLiterals.String(connector.DocumentationUrl)},");
                    }
                    writer.Line($"Kind = global::Connectors.ConnectorKind.{(connector.IsDestination ? "Destination" : "Source")},");
                    writer.Line("ConfigSchema = ConfigSchema,");
                    writer.Line($"Create = static () => {ConfigBinderEmitter.NewObject(connector.Config)},");
                    writer.Line($"BindConfig = static (connector, reader) => {ConfigBinderEmitter.MethodName(connector.Config)}(connector, reader.Root, \"$\", reader),");
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
                        writer.Line($"Commands = {CommandsEmitter.FactoryName}(),");
                    }
                    if (!connector.Streams.IsEmpty)
                    {
                        using (writer.Block($"Streams = new global::Connectors.Runtime.SourceStream<{self}>[]", "},"))
                        {
                            foreach (var name in StreamsEmitter.FactoryNames(connector))
                            {
                                writer.Line(name + "(),");
                            }
                        }
                    }
                    if (connector.Destination is not null)
                    {
                        writer.Line($"Destination = {DestinationEmitter.FactoryName}(),");
                    }
                }
            }
        });
    }

    private static string CheckCall(ConnectorModel connector, CheckModel check)
    {
        var arguments = string.Join(", ", check.Parameters.Select(Argument));
        var target = check.IsStatic ? connector.Type.FullName : "connector";
        var call = $"{target}.{GeneratedFile.Escape(check.MethodName)}({arguments})";
        return check.Return == ReturnKind.ValueTask
            ? call
            : $"new global::System.Threading.Tasks.ValueTask<global::Connectors.CheckResult>({call})";
    }

    /// <summary>The expression that supplies a service parameter from a runtime request.</summary>
    public static string Argument(ParameterModel parameter) => parameter.Kind switch
    {
        ParameterKind.CancellationToken => "request.CancellationToken",
        ParameterKind.Logger => "request.Logger",
        ParameterKind.StreamContext => "request.Context",
        _ => CursorArgument(parameter),
    };

    private static string CursorArgument(ParameterModel parameter) => (parameter.IsValueType, parameter.IsNullable) switch
    {
        (true, true) => $"({parameter.TypeName}?)request.Since",
        (true, false) => $"request.Since is {parameter.TypeName} since ? since : default",
        (false, true) => $"({parameter.TypeName}?)request.Since",
        (false, false) => $"({parameter.TypeName}?)request.Since ?? \"\"",
    };
}
