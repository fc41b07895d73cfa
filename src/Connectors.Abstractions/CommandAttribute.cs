using System;

namespace Connectors;

/// <summary>
/// Marks a method that runs when the connector receives a command with this action (for example
/// <c>Instrument.Connector.SetScheduleInterval</c>) from the <c>serve</c> or <c>command</c> hosts.
/// </summary>
/// <remarks>
/// Parameters are bound by name from the command's JSON payload object: the connector's <see cref="FieldNaming"/> of the
/// parameter name (snake_case by default), the one name the payload schema lists; a key the command does not declare
/// (the C# name included, at any depth) fails the command. They may be strings, booleans, numbers, enums,
/// dates, <c>Uri</c>, <c>JsonElement</c>, arrays and lists of those, or classes, structs and records made of them. A
/// parameter with a default value or a nullable type is optional; any other is required. One parameter marked
/// <see cref="PayloadAttribute"/> takes the whole payload object instead. The runtime also supplies, by
/// type, <c>CancellationToken</c> (cancelled at shutdown), <c>ILogger</c>, <see cref="OperatingStatus"/> and the
/// runtime's <c>ConnectorContext</c>. Return nothing (<c>void</c>, <c>Task</c>, <c>ValueTask</c>) or a value
/// (<c>T</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>) that becomes the response body: a type that maps to JSON
/// as record types do, or a <c>string</c> holding JSON.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="action">The command's action, by convention <c>Vendor.Connector.Action</c>.</param>
    public CommandAttribute(string action) => Action = action;

    /// <summary>The command's action.</summary>
    public string Action { get; }

    /// <summary>What the command does, listed by <c>ListCustomCommands</c>. Defaults to the method's XML doc summary.</summary>
    public string? Description { get; set; }
}
