using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>
/// The log level names of TetraScience's connector SDK: <c>DEBUG</c>, <c>INFO</c>, <c>WARNING</c>, <c>ERROR</c>,
/// <c>CRITICAL</c> as <c>SetLogLevel</c> takes them, lower case in structured log lines.
/// </summary>
public static class LogLevelNames
{
    /// <summary>The levels <c>TetraScience.Connector.SetLogLevel</c> accepts.</summary>
    public static IReadOnlyList<string> Settable { get; } = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];

    /// <summary>Parses a level name (any case).</summary>
    public static bool TryParse(string? name, out LogLevel level)
    {
        switch (name?.ToUpperInvariant())
        {
            case "DEBUG":
                level = LogLevel.Debug;
                return true;
            case "INFO":
                level = LogLevel.Information;
                return true;
            case "WARNING":
                level = LogLevel.Warning;
                return true;
            case "ERROR":
                level = LogLevel.Error;
                return true;
            case "CRITICAL":
                level = LogLevel.Critical;
                return true;
            default:
                level = LogLevel.None;
                return false;
        }
    }

    /// <summary>The name <c>SetLogLevel</c> uses for a level.</summary>
    public static string ToSetting(LogLevel level) => ToJson(level).ToUpperInvariant();

    /// <summary>The name a structured log line uses for a level (Trace counts as debug).</summary>
    public static string ToJson(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a level entries are written at"),
    };
}
