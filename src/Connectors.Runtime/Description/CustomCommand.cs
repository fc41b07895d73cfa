using System.Collections.Generic;

namespace Connectors.Runtime;

/// <summary>A <c>[Command]</c> as <c>TetraScience.Connector.ListCustomCommands</c> lists it.</summary>
/// <param name="Action">The command's action.</param>
/// <param name="Description">What it does, if documented.</param>
/// <param name="PayloadSchema">The draft-07 JSON Schema of its payload, as JSON text (generated at build time).</param>
/// <param name="Fields">
/// The top-level payload keys the command reads (generated: each field's JSON name, the names the schema's
/// <c>properties</c> list). Where the schema says <c>"additionalProperties": false</c> — on the payload or on any object
/// in it — a key outside them is refused. Null for a command written by hand: then the schema's properties are the known keys.
/// </param>
public sealed record CustomCommand(string Action, string? Description, string PayloadSchema, IReadOnlyList<string>? Fields = null);
