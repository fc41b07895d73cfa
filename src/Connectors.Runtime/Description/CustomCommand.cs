namespace Connectors.Runtime;

/// <summary>A <c>[Command]</c> as <c>TetraScience.Connector.ListCustomCommands</c> lists it.</summary>
/// <param name="Action">The command's action.</param>
/// <param name="Description">What it does, if documented.</param>
/// <param name="PayloadSchema">The draft-07 JSON Schema of its payload, as JSON text (generated at build time).</param>
public sealed record CustomCommand(string Action, string? Description, string PayloadSchema);
