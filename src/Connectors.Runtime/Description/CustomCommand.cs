using System.Collections.Generic;

namespace Connectors.Runtime;

/// <summary>A <c>[Command]</c> as <c>TetraScience.Connector.ListCustomCommands</c> lists it.</summary>
/// <param name="Action">The command's action.</param>
/// <param name="Description">What it does, if documented.</param>
/// <param name="PayloadSchema">The draft-07 JSON Schema of its payload, as JSON text (generated at build time).</param>
/// <param name="Fields">
/// Every payload key the generated binder reads: each field's JSON (snake_case) name and, where it differs, its name as
/// declared in C#. A key outside them is refused when the schema says <c>"additionalProperties": false</c>. Null for a
/// command written by hand: then the schema's properties and their camelCase forms are the known keys.
/// </param>
public sealed record CustomCommand(string Action, string? Description, string PayloadSchema, IReadOnlyList<string>? Fields = null);
