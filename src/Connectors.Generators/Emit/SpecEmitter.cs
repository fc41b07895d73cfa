using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Emit;

/// <summary>Emits <c>{Connector}.Spec.g.cs</c>: the JSON Schema of the connector's configuration.</summary>
internal static class SpecEmitter
{
    public static string Emit(ConnectorModel connector) =>
        GeneratedFile.Write(connector, "the configuration's JSON Schema", writer =>
        {
            writer.Line("/// <summary>The configuration as a draft-07 JSON Schema: the spec's connectionSpecification.</summary>");
            GeneratedFile.RawString(writer, $"public const string {GeneratedNames.ConfigSchema} = ", SchemaBuilder.Spec(connector).ToString(), ";");
        });
}
