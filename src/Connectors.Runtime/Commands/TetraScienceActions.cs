using System.Collections.Generic;

namespace Connectors.Runtime.Commands;

/// <summary>
/// The lifecycle actions of TetraScience's command service, which the command hosts answer themselves (the names are
/// exactly those of TetraScience's connector SDK, so a connector built here can answer that service).
/// </summary>
public static class TetraScienceActions
{
    /// <summary>Sets the operating status to RUNNING: reload config, connector-updated hook, start hook.</summary>
    public const string Start = "TetraScience.Connector.Start";

    /// <summary>Sets the operating status to IDLE: reload config, connector-updated hook, stop hook.</summary>
    public const string Stop = "TetraScience.Connector.Stop";

    /// <summary>Shuts the connector down: shutdown hook, then background work stops and the process ends.</summary>
    public const string Shutdown = "TetraScience.Connector.Shutdown";

    /// <summary>Validates and applies a new configuration, then calls the connector-updated hook.</summary>
    public const string UpdateConfig = "TetraScience.Connector.UpdateConfig";

    /// <summary>Says whether a configuration would be accepted, without applying it.</summary>
    public const string ValidateConfig = "TetraScience.Connector.ValidateConfig";

    /// <summary>Lists the custom commands with their descriptions and payload schemas.</summary>
    public const string ListCustomCommands = "TetraScience.Connector.ListCustomCommands";

    /// <summary>Changes the log level: DEBUG, INFO, WARNING, ERROR or CRITICAL.</summary>
    public const string SetLogLevel = "TetraScience.Connector.SetLogLevel";

    /// <summary>Every built-in action.</summary>
    public static IReadOnlyList<string> All { get; } = [Start, Stop, Shutdown, UpdateConfig, ValidateConfig, ListCustomCommands, SetLogLevel];

    /// <summary>True for the built-in actions, which the <c>serve</c> host runs one at a time, in arrival order.</summary>
    public static bool IsBuiltIn(string action) => action is Start or Stop or Shutdown or UpdateConfig or ValidateConfig or ListCustomCommands
        or SetLogLevel;
}
