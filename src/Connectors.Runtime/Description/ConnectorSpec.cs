namespace Connectors.Runtime;

/// <summary>
/// What a connector's <c>spec</c> says, known at build time: the generator hands it to the runtime through
/// <see cref="IConnector{TSelf}.Spec"/>, so a <c>spec</c> can be answered without building the connector's description
/// (every stream, the config binder, the check). The protocol hosts decide how it is written.
/// </summary>
/// <param name="configSchema">The configuration's JSON Schema (<see cref="ConnectorDescriptor{TConnector}.ConfigSchema"/>).</param>
/// <param name="documentationUrl">The documentation URL (<see cref="ConnectorDescriptor{TConnector}.DocumentationUrl"/>).</param>
public sealed class ConnectorSpec(string configSchema, string? documentationUrl)
{
    /// <summary>The configuration's JSON Schema, with the SDK's neutral keywords (<see cref="SchemaKeywords"/>).</summary>
    public string ConfigSchema { get; } = configSchema;

    /// <summary>The documentation URL, if the connector has one.</summary>
    public string? DocumentationUrl { get; } = documentationUrl;
}
