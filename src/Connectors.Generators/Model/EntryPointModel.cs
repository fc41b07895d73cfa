namespace Connectors.Generators.Model;

/// <summary>
/// What the generated <c>Main</c> needs of a connector: only its declaration and name, so editing a connector's streams
/// or configuration does not regenerate the entry point.
/// </summary>
/// <param name="Type">Where the connector class is declared.</param>
/// <param name="ConnectorName">The connector's name, for the doc comment.</param>
internal sealed record EntryPointModel(TypeDeclarationModel Type, string ConnectorName);
